"""Time per post grows in step with its length, on the inputs that once made it grow faster.

Each timing test runs one kind of text at two sizes, n and 4n, and asserts that the larger takes
less than 8 times as long (work linear in the length takes about 4 times, quadratic work 16): a
ratio of CPU times, never a bound on the clock.  The sizes keep the whole file to a few seconds.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from _strategies import check_post

from fitpost.extractor import chunks
from fitpost.quantity_parser import parse_quantities
from fitpost.symbol_runs import BLOCKED_PART, BLOCKED_PIECE, RunCutter

RATIO = 8


def _growth(run: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How many times longer ``run`` takes on ``make(4 * n)`` than on ``make(n)`` (the least CPU
    time of three runs each; the texts differ in their first character from run to run, so that
    no cache of the tokenizer's answers for a whole piece of text is used)."""
    def cpu(size: int) -> float:
        best = float("inf")
        for first in "abc":
            text = first + make(size - 1)
            t = time.process_time()
            run(text)
            best = min(best, time.process_time() - t)
        return best

    run(make(n))  # warm up: compiled patterns, lexicons
    return cpu(4 * n) / max(cpu(n), 1e-4)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# ---------------------------------------------------------------- the extractor (blank mode)

# each a run without spaces, within one piece of the Extractor (max_piece), where nothing else
# bounds the work
@pytest.mark.parametrize("kind, make", [
    ("a run of '('", _repeat("(")),
    ("a run of emoji", _repeat("🔥")),
    ("a run of '!'", _repeat("!")),  # the sentencizer walked the rest of the run from every '!'
    ("a run of '…'", _repeat("…")),  # one comes off the front, two off the back
    ("a word and a run of ')'", lambda n: "sure" + ")" * (n - 4)),
])
def test_extract_time_grows_linearly(blank_extractor, kind, make):
    assert _growth(blank_extractor.extract, make, 2000) < RATIO, kind


# ---------------------------------------------------------------- the quantity parser

@pytest.mark.parametrize("kind, unit, n", [
    # an inch mark counted the quotes before it from the start of the text
    ("inch marks", 'went up the hill 5" ', 50_000),
    # "5 min 30" looked at every quantity of the text for one starting inside it
    ("minutes and a trailing number", "5 min 30, ", 10_000),
    # a number left without a unit was tested against every quantity of the text
    ("numbers left without a unit", "ran 5 km and did 6 on ", 20_000),
])
def test_parse_quantities_time_grows_linearly(kind, unit, n):
    assert _growth(parse_quantities, _repeat(unit), n) < RATIO, kind


# ---------------------------------------------------------------- tokens of long runs of symbols

# posts with long runs of symbols, all worked on; spaCy's tokens must come out the same
RUNS = [
    "Ran 10k this morning " + "🔥" * 40 + " felt great" + "!" * 30,
    "5k PR " + "(" * 30 + ":)" + ")" * 30 + " so happy",
    "Swim done " + "🔥" * 20 + "💪🏽" * 8 + "🏊‍♀️" * 6 + " #swim",
    "Rode 40 km " + "❤️" * 25 + " " + "?!" * 20,
    "Hike " + "(" * 20 + "https://example.org/trails/" + "a" * 280 + ")" * 12 + ".",
    "so " + "." * 60 + " tired " + "-" * 60 + " but " + "!?" * 30 + "…",
    # special cases stop the work at the smiley: what is left (over BLOCKED_PIECE) is cut every BLOCKED_PART characters
    "Finished the half marathon :" + ")" * 80 + " next stop: the full one",
    "Leg day " + "#️⃣" * 20 + " " + "…" * 40 + " " + "'" * 30 + "s " + "(:" * 20,
]


def _same_tokens(nlp, text: str) -> None:
    cutter = RunCutter(nlp)
    assert cutter.cuts(text)
    ours, spacys = cutter.make_doc(text), nlp.make_doc(text)
    assert ours.text == text
    assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [(t.text, t.whitespace_, t.norm_) for t in spacys]


@pytest.mark.parametrize("text", RUNS)
def test_long_runs_of_symbols_keep_spacys_tokens(blank_nlp, text):
    _same_tokens(blank_nlp, text)


def test_long_runs_of_symbols_keep_the_statistical_pipelines_tokens(sm_nlp):
    for text in RUNS:
        _same_tokens(sm_nlp, text)


def test_a_long_piece_the_tokenizer_would_go_on_taking_off_is_cut_into_bounded_pieces(blank_nlp):
    text = "see :" + ")" * (3 * BLOCKED_PIECE) + " ok"  # ":)" is a special case: left to the tokenizer
    cutter = RunCutter(blank_nlp)
    cuts = cutter.cuts(text)
    bounds = [4, *cuts, len(text) - 3]
    assert all(0 < b - a <= BLOCKED_PART for a, b in zip(bounds, bounds[1:]))
    assert cutter.make_doc(text).text == text


def test_a_cutter_plans_a_run_as_a_fresh_one_does_whatever_it_planned_before(blank_nlp):
    # the same parts of a run in other surroundings: what a cutter keeps of a plan must not carry over
    texts = ["see :" + ")" * 200 + " ok", "see ;" + ")" * 200 + "(: ok", "x " + ":)" * 150 + "!",
             "x " + ":)" * 150 + ":(" * 3 + ")" * 40, "(:" * 90 + "'" * 30 + ":)" * 90, ":)" * 120,
             "::):):::):)::):):)::):):):):):::)::::):):::)::):):):::):):::):::)",
             "::)::):):):)::):):):::)::)::):):)::):):::::::::::):):::)::::)::::)"]
    seasoned = RunCutter(blank_nlp)
    for text in texts + texts[::-1]:
        assert seasoned.plan(text) == RunCutter(blank_nlp).plan(text)


def test_a_long_piece_the_tokenizer_takes_whole_is_left_whole(blank_nlp):
    text = "see https://example.org/" + "a/" * 1000 + "end ok"
    assert RunCutter(blank_nlp).cuts(text) == []


def test_ordinary_text_goes_to_the_tokenizer_whole(blank_nlp):
    text = "Ran 21.1 km (https://example.org/run) in 1:52:10 🔥🔥🔥💪 #halfmarathon!!"
    assert RunCutter(blank_nlp).cuts(text) == []


def test_records_of_a_post_with_long_runs_point_into_its_text(blank_extractor):
    text = ("Ran 5 km today " + "🔥" * 3000 + " and swam 2 km " + "(" * 2000 + " then cycled 20 km "
            + "!" * 1500 + " done.")
    post = blank_extractor.extract(text)
    check_post(text, post)
    assert [a.activity for a in post.activities] == ["running", "swimming", "cycling"]


# ---------------------------------------------------------------- pieces of a long text

def test_a_long_text_is_cut_after_a_sentence_where_a_piece_holds_one():
    first = "We ran along the river. "  # a sentence end early in the first piece
    text = first + "and on and on " * 20
    parts = chunks(text, 100)
    assert parts[0] == (0, first)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 100 and text[o:o + len(p)] == p for o, p in parts)


def test_a_long_text_without_breaks_is_cut_at_spaces_then_anywhere():
    words = "word " * 50
    assert all(p.endswith(" ") for _, p in chunks(words, 32)[:-1])
    solid = "x" * 250
    assert [len(p) for _, p in chunks(solid, 100)] == [100, 100, 50]


@pytest.mark.parametrize("unit", ['5" ', "5 min 30, ", "12 km, "])
def test_linking_a_run_of_numbers_grows_in_step_with_its_length(blank_extractor, unit):
    """Every number of a long sentence of numbers is weighed for a record once, not against the
    whole sentence each time."""
    import time

    def cost(size: int) -> float:
        text = unit * (size // len(unit))
        start = time.process_time()
        blank_extractor.extract(text)
        return time.process_time() - start

    cost(2_000)  # warm
    # the least of three runs of each size: a pause of the machine in one run is no growth
    small, large = min(cost(20_000) for _ in range(3)), min(cost(80_000) for _ in range(3))
    assert large / max(small, 1e-3) < 8, (small, large)


@pytest.mark.parametrize("unit", [
    "Walked 3 km with Tamsin on Sunday. I swam 1 km in the afternoon. ",  # a session later that day
    "Signed up for the Larkspur 10K in 2026. Running the 2026 Larkspur 10K is a must. ",  # plans' dates
])
def test_dating_many_records_grows_in_step_with_the_text(blank_extractor, unit):
    """Each record is dated from what was told before it once, not by reading every record again; the
    text opens with a title line, so the title rule is weighed too."""
    def make(n: int) -> str:
        return "Grandmother swims across the lake\n\n" + _repeat(unit)(n)
    growth = _growth(lambda text: blank_extractor.extract(text, posted_at="2026-03-10"), make, 8_000)
    assert growth < 8, growth


def test_dating_one_long_sentence_of_days_and_sessions_grows_in_step_with_it(blank_extractor):
    """Each day of a sentence is weighed against the sessions near it first, not against every session of
    the sentence (a sentence of 100 sessions and 100 days took over ten times as long at four times the
    length)."""
    growth = _growth(lambda text: blank_extractor.extract(text, posted_at="2026-03-10"),
                     _repeat("ran yesterday and "), 2_000)
    assert growth < 8, growth


@pytest.mark.parametrize("unit", [
    "12 km with the Larkspur running club and ",  # a session done with a group, in one long sentence
    "Cyclist Elin completed the Tarnside Way and ",  # a trail and the title of who finished it
    "Day 4: 14 km to Brackenfold. We arrived by 2pm and went for a swim. ",  # stage lines and sessions after
    "90 minutes of training on the turbo and the Tarnby 10K is in ten days and ",  # times of training, races ahead
])
def test_group_trail_stage_and_training_rules_grow_in_step_with_the_text(blank_extractor, unit):
    growth = _growth(lambda text: blank_extractor.extract(text, posted_at="2026-03-10"), _repeat(unit), 4_000)
    assert growth < RATIO, growth
