"""fitpost_sentencizer: spaCy's sentencizer rule on the token table, same answers as spaCy's."""
from __future__ import annotations

import pytest
import spacy
from conftest import load_fixture_posts
from spacy.attrs import SENT_START

from fitpost import ext, pipeline
from fitpost.components.sentences import FitpostSentencizer

TRICKY = ["", " ", "x", ".", "Wow!!!", "end. ", "Hi!!! ... \"Yes.\" (ok) next", "a . b ! ) c ? ' d",
          "One. Two.\n\nThree!?! four", "Done。 Then ｡ more", "10 km. 5 km! 3 km? ok", "“Great run.” She said."]


def _texts() -> list[str]:
    return [post["text"] for post in load_fixture_posts("posts.jsonl")] + TRICKY


def _starts(nlp, texts):
    return [doc.to_array([SENT_START]).tolist() for doc in nlp.pipe(texts)]


@pytest.mark.parametrize("punct_chars", [None, [".", ";"]])
def test_same_sentences_as_spacys_sentencizer(punct_chars):
    cfg = {"punct_chars": punct_chars}
    theirs, ours = spacy.blank("en"), spacy.blank("en")
    theirs.add_pipe("sentencizer", config=cfg)
    ours.add_pipe("fitpost_sentencizer", config={**cfg, "line_breaks": False, "bracket_asides": False})
    texts = _texts()
    assert _starts(ours, texts) == _starts(theirs, texts)
    for doc in ours.pipe(texts):  # and the shared table knows them
        tab = ext.tokens(doc)
        assert tab.sents == ([(s.start, s.end) for s in doc.sents] if len(doc) else [])
        assert ext.has_annotation(doc, "SENT_START") == doc.has_annotation("SENT_START")


def test_the_blank_pipeline_uses_it_as_its_sentencizer():
    nlp = pipeline.blank()
    assert nlp.pipe_names == ["sentencizer"]
    assert isinstance(nlp.get_pipe("sentencizer"), FitpostSentencizer)


def test_saves_loads_and_runs_in_two_processes(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("fitpost_sentencizer", config={"punct_chars": ["!"]})
    nlp.to_disk(tmp_path / "p")
    back = spacy.load(tmp_path / "p")
    assert back.get_pipe("fitpost_sentencizer").punct_chars == {"!"}
    texts = ["Ran far! Then slept. Then ate!", "No end here"] * 3
    one = [[s.text for s in d.sents] for d in back.pipe(texts, n_process=1)]
    two = [[s.text for s in d.sents] for d in back.pipe(texts, n_process=2)]
    assert one == two and one[0] == ["Ran far!", "Then slept. Then ate!"]


@spacy.Language.component("test_fp_late_annotator")
def _late_annotator(doc):
    """A pipe after the sentencizer that sets tags and moves a sentence start, as a tagger or parser would."""
    doc[0].tag_ = "VBD"
    doc[2].is_sent_start = True
    return doc


def test_the_table_sees_what_pipes_after_it_set():
    nlp = spacy.blank("en")
    nlp.add_pipe("fitpost_sentencizer")
    nlp.add_pipe("test_fp_late_annotator")
    doc = nlp("Ran five km and then swam. Done")
    tab = ext.tokens(doc)
    assert tab.sents == [(s.start, s.end) for s in doc.sents] == [(0, 2), (2, 7), (7, 8)]
    assert ext.has_annotation(doc, "TAG") and doc.has_annotation("TAG")


def test_a_line_break_ends_a_sentence_in_both_modes(sm_nlp):
    """A post's lines are units of their own: a title, a list item, a log line."""
    text = "Training log\nBike 45 min - 20km\nRun 30 min - 6km"
    lines = ["Training log", "Bike 45 min - 20km", "Run 30 min - 6km"]
    blank = pipeline.blank()
    assert [s.text.strip() for s in blank(text).sents] == lines
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        assert [s.text.strip() for s in with_lines(text).sents] == lines
    finally:
        with_lines.remove_pipe("fitpost_lines")  # the session's model stays as it was
    ours = spacy.blank("en")
    ours.add_pipe("fitpost_sentencizer", config={"line_breaks": False})
    assert len(list(ours(text).sents)) == 1


def test_an_end_mark_closing_an_aside_in_brackets_ends_no_sentence(blank_extractor):
    doc = blank_extractor.nlp("Ran 10 km (new PB!) with Sam. Then swam (cold?!). Home.")
    assert [s.text for s in doc.sents] == ["Ran 10 km (new PB!) with Sam.", "Then swam (cold?!).", "Home."]
    post = blank_extractor.extract("Ran 10 km (new PB!) with Sam.")
    assert [[p.name for p in a.participants] for a in post.activities] == [["Sam"]]


def test_a_number_right_after_a_word_starts_no_sentence_before_a_parser(sm_nlp):
    """A capitalised verb at the start of a line, read by a parser as a name, ends no sentence before
    its amount: "Rode | 40 km" would leave the ride without its distance."""
    texts = ["Cycling\n\nRode 40 km to the coast today.", "Paddling\n\nRowed 12 km up the estuary."]
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        for text in texts:
            first, second = [s.text.strip() for s in with_lines(text).sents]
            assert second == text.split("\n\n")[1]
    finally:
        with_lines.remove_pipe("fitpost_lines")


def test_an_activity_heading_keeps_the_distance_of_the_line_after_it(extractor):
    """The heading "Cycling" and "Rode" on the line after it are two mentions of one ride, not one cluster
    that reaches over the line break and leaves the distance behind."""
    for text in ("Cycling\n\nRode 40 km to the coast today.", "Cycling with Bex\n\nRode 40 km out to the coast."):
        post = extractor.extract(text, posted_at="2026-06-01")
        assert [(a.activity, a.distance.value, a.distance.unit) for a in post.activities] == [("cycling", 40, "km")]


def test_no_sentence_starts_inside_an_amount_before_a_parser(sm_nlp):
    """A parser may start a sentence at a unit glued to its number or at the times sign of a set in a list
    of sets ("200 | m cool down", "4 | x 100m"): the amount is one, and stays in its line's sentence."""
    text = "Pool session with Ilse:\n300m easy\n6 x 50m fast\n300m easy\n8 x 25m kick\n200m cool down"
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        assert [s.text.strip() for s in with_lines(text).sents] == text.split("\n")
    finally:
        with_lines.remove_pipe("fitpost_lines")


def test_and_right_after_a_word_starts_no_sentence_before_a_parser(sm_nlp):
    """A name opening a paragraph may be read by a parser as a sentence of its own ("Jonas | and I met at the
    lido"): "and" or "or" right after a word joins that word to what follows."""
    text = "Swimming with Jonas\n\nJonas and I met at the lido at 7. We swam 1.5 km, mostly front crawl."
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        sents = [s.text.strip() for s in with_lines(text).sents]
        assert "Jonas and I met at the lido at 7." in sents
    finally:
        with_lines.remove_pipe("fitpost_lines")


def test_no_sentence_starts_inside_a_name_before_a_parser(sm_nlp):
    """A parser may read the last word of a name as an interjection opening a sentence ("Hiked up Tarnby |
    Pike with my brother"): a capitalised word right after another goes on the name."""
    text = "Hiked up Tarnby Pike with my brother yesterday. Then we had lunch."
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        sents = [s.text.strip() for s in with_lines(text).sents]
        assert sents == ["Hiked up Tarnby Pike with my brother yesterday.", "Then we had lunch."]
    finally:
        with_lines.remove_pipe("fitpost_lines")


def test_the_company_after_a_place_s_name_is_the_session_s(extractor):
    (a,) = extractor.extract("Hiked up Tarnby Pike with my brother yesterday.", posted_at="2026-06-01").activities
    assert [p.relation for p in a.participants] == ["brother"]


def test_a_title_with_a_companion_and_the_report_under_it_are_one_session(extractor):
    text = "Swimming with Jonas\n\nJonas and I met at the lido at 7. We swam 1.5 km, mostly front crawl."
    post = extractor.extract(text, posted_at="2026-06-01")
    assert [(a.activity, a.distance.value, [p.name for p in a.participants]) for a in post.activities] == \
        [("swimming", 1.5, ["Jonas"])]


@pytest.mark.parametrize("text", ["Swam 800m. Then rested.", "Did 6x400m. Then 10 minutes easy."])
def test_a_full_stop_after_metres_ends_the_sentence(extractor, text):
    """English keeps "m." as one token (an abbreviation); after a number it is a unit and a full stop."""
    doc = extractor.nlp(text)
    assert [t.text for t in doc][2:4] == ["m", "."] and len(list(doc.sents)) == 2


def test_each_day_of_a_log_in_metres_keeps_its_day(extractor):
    records = extractor.extract("Tuesday: intervals, 6x800m. Thursday: tempo, 7 miles.", posted_at="2025-03-08")
    assert [(r.distance.text, r.date.text) for r in records.activities] == [("6x800m", "Tuesday"),
                                                                            ("7 miles", "Thursday")]


def test_a_short_line_with_no_end_mark_is_one_sentence_before_a_parser(sm_nlp):
    """A list item or a log line of a few words is one unit, where a parser may cut it ("Cool | down 200m")."""
    text = "Sunday swim with Ottilie\n\nWarm up 300m\nMain set 10 x 100m on 1:50\nCool down 200m\n\n1500m total"
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        assert [s.text.strip() for s in with_lines(text).sents] == [line for line in text.split("\n") if line]
    finally:
        with_lines.remove_pipe("fitpost_lines")


def test_a_short_line_keeps_its_sentence_ends(sm_nlp):
    with_lines = pipeline.with_line_breaks(sm_nlp)
    try:
        assert [s.text.strip() for s in with_lines("Legs done. Rest now.\nBack tomorrow").sents] == \
            ["Legs done.", "Rest now.", "Back tomorrow"]
    finally:
        with_lines.remove_pipe("fitpost_lines")
