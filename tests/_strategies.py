"""Hypothesis strategies for messy posts, and the invariants every record must keep.

Shared by the property tests (``test_properties_*.py``) and the atheris target
(``tests/fuzz/fuzz_fitpost.py``).  The phrases are written for these tests.
"""
from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import strategies as st

# ---------------------------------------------------------------- text

# the digits 0-9 in other scripts people write numbers in
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_NUM = st.integers(min_value=0, max_value=999)
_SMALL = st.integers(min_value=1, max_value=60)


def _fmt(template: str, *parts: st.SearchStrategy) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(lambda xs: template.format(*xs))


# numbers the way people write them, every separator
NUMBERS = st.one_of(
    _NUM.map(str),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: f"{x:,.1f}"),  # 1,234.5
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(
        lambda x: f"{x:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")),  # 1.234,5
    st.integers(min_value=1000, max_value=10**7).map(lambda n: f"{n:,}".replace(",", " ")),  # 1 234
    st.integers(min_value=1000, max_value=10**7).map(lambda n: f"{n:,}".replace(",", "\u202f")),
    st.integers(min_value=0, max_value=99999).map(lambda n: str(n).translate(ARABIC_INDIC)),
    st.integers(min_value=0, max_value=99999).map(lambda n: str(n).translate(DEVANAGARI)),
    st.integers(min_value=0, max_value=999).map(lambda n: str(n).translate(FULL_WIDTH)),
    st.sampled_from(["½", "¼", "1½", "2.5", ".5", "0.0", "00", "007", "1e3", "1e308", "9" * 40, "-5", "+3", "~10",
                     "10k+", "3²", "1/2", "0,5", "1'000", "10.000.000", "1,2,3"]),
)

UNITS = st.sampled_from(["k", "K", "km", "kms", "KM", " km", " kilometres", "m", " metres", "mi", " miles", " mile",
                         "mph", "km/h", "/km", " per mile", "min", " mins", " minutes", "h", " hrs", " hours", "s",
                         " sec", " seconds", " days", " weeks", " reps", " pushups", " push-ups", " squats",
                         " laps", " steps", " burpees", " sun salutations", "ft", " feet", "m elevation", "x", ""])


def _phrase_templates() -> list[st.SearchStrategy[str]]:
    return [
        _fmt("ran {}k", _NUM),
        _fmt("Ran {}{}", NUMBERS, UNITS),
        _fmt("cycled {} km in {}:{:02d}:{:02d}", _NUM, st.integers(0, 30), st.integers(0, 99), st.integers(0, 99)),
        _fmt("{}x{} pushups", _SMALL, _SMALL),
        _fmt("{} sets of {} squats", _SMALL, _SMALL),
        _fmt("{}-{} km", _NUM, _NUM),
        _fmt("{} to {} miles", NUMBERS, NUMBERS),
        _fmt("{} – {}{}", NUMBERS, NUMBERS, UNITS),
        _fmt("swam {} m in {} min", NUMBERS, NUMBERS),
        _fmt("{}h {}m", _SMALL, _SMALL),
        _fmt("{}:{:02d}/km", _SMALL, st.integers(0, 99)),
        _fmt("{} x {}m intervals", _SMALL, _NUM),
        _fmt("for {} consecutive days", _NUM),
        _fmt("{} days in a row", _NUM),
        _fmt("a {}-day streak", _NUM),
        _fmt("walked {} steps", NUMBERS),
        _fmt("climbed to {} m", NUMBERS),
        _fmt("{} times a week", NUMBERS),
        _fmt("about {} km or so", NUMBERS),
        _fmt("with @{}", st.from_regex(r"[a-z_][a-z0-9_.]{0,14}", fullmatch=True)),
        _fmt("with {} and {}", st.sampled_from(["Priya", "Rahul", "my dad", "the club", "Ana", "Jo"]),
             st.sampled_from(["Meera", "Sam", "my sister", "coach", "Luis"])),
        st.integers(1, 40).map(lambda n: " ".join(["#fitness"] * n)),
        st.integers(1, 40).map(lambda n: " ".join(f"#run{i}" for i in range(n))),
        st.sampled_from([
            "half marathon next Sunday", "ran a marathon yesterday", "Ironman 70.3 done!", "did a 5k parkrun",
            "morning yoga", "20 min of pilates", "hiked up the ridge last weekend", "rode 100 miles",
            "will run 21k tomorrow", "didn't run today", "skipped leg day", "I run every day",
            "if it rains we'll walk", "planning a 10k on 5 May", "twice a week", "every other day",
            "3 hours, 12 minutes, 40 seconds", "21 km and 97 metres", "5:45 a.m.", "at 6:30", "56-year-old",
            "2 days ago", "5K followers", "in 2019", "Mile 18", "#75hard", "@run4fun", "a 7-minute mile",
            "28 km/h", "4,200m above sea level", "elevation gain of 800m", "a 4- or 5-mile loop",
            "anywhere from 8 to 14 miles", "2-3 hours", "-ish", "6:30-8:00", "a Netflix marathon",
            "from the lake to the fort", "on Sunday", "last Saturday", "this morning", "yesterday",
            "on 2024-03-03T07:15:00Z", "12/03/2024x", "on 31.12.2023", "03-03-2024T", "2024-02-30",
        ]),
    ]


PHRASES = st.one_of(*_phrase_templates())

EMOJI = st.sampled_from([
    "🏃", "🏃🏽", "🏃🏿‍♀️", "🚴‍♂️", "🏊🏻‍♀️", "💪🏼", "👍🏾", "🔥", "❤️", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇮🇳", "🇪🇸", "⛰️", "🙏",
    "\u200d", "\ufe0f", "\U0001f3fd",  # a bare ZWJ, a variation selector, a lone skin tone
])
MARKS = st.sampled_from([
    "\u200f", "\u200e", "\u202e", "\u202d", "\u202c", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff",
    "\u00ad", "\u2028", "\u2029", "\x85", "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\t", "\r", "\r\n", "\v", "\f",
    "\u0301", "\u0336", "\u3000", "\u00a0",
])
FOREIGN = st.sampled_from([
    "आज मैंने 5 किमी दौड़ लगाई", "सुबह की सैर 🙏", "योग दिवस", "कल 10 किलोमीटर", "corrí 10 km con mis amigos, ¡qué día!",
    "nadé 2 km hoy", "la media maratón del domingo", "mañana 21k 💪", "12 km à vélo", "läuft 5 km", "走了一万步",
    "ランニング10キロ", "اليوم ركضت ٥ كم", "бег 10 км", "Ρώτα 5 χλμ",
])
URLS = st.one_of(
    st.sampled_from(["https://example.com/run?km=10&t=45:30", "http://x.co/5k", "www.strava.com/activities/123456",
                     "https://a.b/c#fitness", "mailto:run@example.org", "ftp://1.2.3.4/10k.gpx"]),
    st.from_regex(r"https?://[a-z0-9.]{1,20}/[a-zA-Z0-9/_?=&%#-]{0,30}", fullmatch=True),
)
ASCII_ART = st.sampled_from([
    "¯\\_(ツ)_/¯", "(╯°□°)╯︵ ┻━┻", "=====", "-->", "<3", ":-)", "***", "|||||", "\\o/", "o/ \\o", "---\n---",
    "+--+\n|5k|\n+--+", "::::", "...", "!!!!!", "?!", "~~~", "__", "$$$", "((()))", "[[]]", "{{}}", "<<>>", "&amp;",
    "<b>ran</b>", "\\n", "\\u0000", "%s %d", "{0}", "null", "NaN", "Infinity",
])
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ", ", "! ", " - ", "\u200d", "\t", "\r\n", " | "])

# arbitrary Unicode, never a surrogate (a str a reader hands on is valid UTF-8)
RANDOM_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)

PIECES = st.one_of(PHRASES, PHRASES, PHRASES, EMOJI, MARKS, FOREIGN, URLS, ASCII_ART, RANDOM_TEXT, NUMBERS)


@st.composite
def posts(draw, max_pieces: int = 14) -> str:
    """A post mixing real fitness phrases with arbitrary Unicode; sometimes pasted twice."""
    pieces = draw(st.lists(PIECES, max_size=max_pieces))
    text = ""
    for p in pieces:
        text += p + draw(SEPARATORS)
    how = draw(st.sampled_from(["as is", "as is", "as is", "twice", "twice-newline", "upper", "strip"]))
    if how == "twice":
        text = text + text
    elif how == "twice-newline":
        text = text + "\n" + text
    elif how == "upper":
        text = text.upper()
    elif how == "strip":
        text = text.strip()
    return text


# ---------------------------------------------------------------- invariants

QUANTITY_FIELDS = ("distance", "duration", "count", "repetition", "pace", "elevation")
_TOL = 1e-6


def _normalised(q: Any) -> float | None:
    """The number a quantity's ``min``/``max`` are in: metres, seconds, times or the count."""
    if q.kind in ("distance", "elevation"):
        return q.meters
    if q.kind in ("duration", "pace"):
        return q.seconds
    if q.kind in ("repetition", "frequency"):
        return q.times
    return q.value


def check_span(text: str, start: int, end: int, span_text: str, what: str) -> None:
    assert 0 <= start <= end <= len(text), f"{what}: span {start}:{end} outside a text of {len(text)}"
    assert text[start:end] == span_text, f"{what}: text[{start}:{end}] is {text[start:end]!r}, not {span_text!r}"


def check_quantity(text: str, q: Any, what: str = "quantity") -> None:
    """A quantity's span is in the text, its numbers finite and not negative, a range ordered."""
    check_span(text, q.start, q.end, q.text, f"{what} {q.kind}")
    for name in ("value", "meters", "seconds", "min", "max", "times", "sets", "reps"):
        x = getattr(q, name)
        if x is None:
            continue
        assert math.isfinite(x), f"{what} {q.kind}: {name} is {x} in {q.text!r}"
        assert x >= 0, f"{what} {q.kind}: {name} is negative ({x}) in {q.text!r}"
    if q.min is not None and q.max is not None:
        assert q.min <= q.max + _TOL * max(1.0, abs(q.max)), f"{what} {q.kind}: min {q.min} > max {q.max} in {q.text!r}"
        v = _normalised(q)
        if v is not None:
            slack = _TOL * max(1.0, abs(q.max))
            assert q.min - slack <= v <= q.max + slack, (
                f"{what} {q.kind}: {v} is not in [{q.min}, {q.max}] in {q.text!r}")


def check_post(text: str, post: Any, schema_validator: Any = None) -> None:
    """Every invariant of one extracted post (raises AssertionError on a violation)."""
    from fitpost.schema import Post

    assert isinstance(post, Post)
    data = post.model_dump(mode="json")
    dumped = post.model_dump_json()
    # the record validates against its own schema, and survives a JSON round trip unchanged
    assert Post.model_validate(data).model_dump(mode="json") == data
    assert json.loads(dumped) == data, "model_dump_json and model_dump disagree (a NaN or infinity?)"
    assert Post.model_validate_json(dumped) == post
    if schema_validator is not None:
        errors = sorted(schema_validator.iter_errors(json.loads(dumped)), key=str)
        assert not errors, f"not valid against `fitpost schema`: {errors[0].message}"
    for a in post.activities:
        e = a.evidence
        check_span(text, e.start, e.end, e.text, f"{a.activity} evidence")
        for m in a.mentions:
            check_span(text, m.start, m.end, m.text, f"{a.activity} mention")
        for name in QUANTITY_FIELDS:
            q = getattr(a, name)
            if q is not None:
                assert q.kind == name or (name == "repetition" and q.kind == "frequency"), (name, q.kind)
                check_quantity(text, q, f"{a.activity} {name}")
        for name in ("sets", "reps"):
            x = getattr(a, name)
            assert x is None or x >= 0, f"{a.activity}: {name} {x}"
        if a.date is not None and a.date.start is not None and a.date.end is not None:
            check_span(text, a.date.start, a.date.end, a.date.text, f"{a.activity} date")
        assert 0.0 <= a.confidence <= 1.0


def check_items(items: list, name: str) -> list:
    """Reader output: each item a post with valid text or an error with a known reason, from ``name``."""
    from fitpost.inputs import InputError, InputPost
    from fitpost.io.common import READ_REASONS, has_bad_bytes

    for item in items:
        assert isinstance(item, (InputPost, InputError)), item
        assert item.origin and item.origin.startswith(name), item.origin
        assert item.origin.rpartition(":")[2].isdigit(), item.origin
        if isinstance(item, InputError):
            assert item.reason in READ_REASONS, item
            assert item.id is None or isinstance(item.id, str)
        else:
            assert isinstance(item.text, str) and not has_bad_bytes(item.text), item
            item.text.encode("utf-8")  # writable as UTF-8
            for field_name in ("id", "author", "location"):
                value = getattr(item, field_name)
                assert value is None or isinstance(value, str), (field_name, value)
            assert all(isinstance(t, str) for t in item.tagged), item.tagged
            if item.source is not None:
                json.dumps(item.source, allow_nan=True)
    return items
