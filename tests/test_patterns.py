"""TokenPatterns gives the matches spaCy's Matcher gives, on the shipped rules and on made-up ones."""
from __future__ import annotations

import random

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Doc

from conftest import load_fixture_posts
from fitpost import ext
from fitpost.patterns import TokenPatterns

TEXTS = [
    "Ran 12 km yesterday and will ride again next Sunday.",
    "Did 3x10 squats on 4 March 2024, then swam 1,500 m the day before yesterday!",
    "Planning a half marathon on the 15th of next month; not running tomorrow though.",
    "Walked 9,000 steps every day last week. Couldn't cycle because of the rain.",
    "Two weeks ago we hiked up the ridge, and on 12/08/2021 we did it again.",
    "If I don't swim today I'll do 40 laps on Friday morning.",
    "Used to run daily, now I only jog on weekends - maybe a 5k this coming Saturday?",
    "Never again... until next week.",
    "The trail race starts at 6 am on Sunday, 3 November.",
    "She has been training for months and hopes to finish under 4 hours.",
]


def _matcher_hits(nlp, patterns: dict[str, list], doc) -> set[tuple[str, int, int]]:
    matcher = Matcher(nlp.vocab)
    for key, pats in patterns.items():
        matcher.add(key, pats)
    return {(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)}


def _ours(tp: TokenPatterns, doc) -> set[tuple[str, int, int]]:
    hits = tp(doc, ext.tokens(doc), 0, len(doc))
    assert len(hits) == len(set(hits)), "each match once"
    return set(hits)


@pytest.mark.parametrize("component, fired", [("fitpost_dates", 20), ("fitpost_status", 3)])
def test_shipped_rules_match_as_spacy_does(blank_extractor, blank_nlp, component, fired):
    tp = blank_extractor.nlp.get_pipe(component).patterns
    patterns = {key: tp.get(key) for key in tp.keys}
    assert sum(len(p) for p in patterns.values()) > 10
    texts = TEXTS + [p["text"] for p in load_fixture_posts("posts.jsonl")]
    total = 0
    for text in texts:
        doc = blank_nlp(text)
        expected = _matcher_hits(blank_nlp, patterns, doc)
        assert _ours(tp, doc) == expected, text
        total += len(expected)
    assert total >= fired  # the rules do fire on these texts


WORDS = ["run", "ran", "the", "a", "5", "10k", "km", ",", ".", "!", "not", "will", "Sunday", "next", "ago",
         "2", "weeks", "?", "don't", "'ll", "Run"]
MADE_UP = {
    "lower_in": [[{"LOWER": {"IN": ["run", "ran"]}}, {"LIKE_NUM": True}]],
    "optional": [[{"LOWER": "the", "OP": "?"}, {"LOWER": "next"}, {"ORTH": "Sunday"}]],
    "repeat": [[{"LIKE_NUM": True}, {"LOWER": "weeks", "OP": "{0,1}"}, {"LOWER": "ago"}]],
    "not_in": [[{"LOWER": "not"}, {"LOWER": {"NOT_IN": ["the", "a"]}}]],
    "punct": [[{"IS_PUNCT": True}, {"IS_PUNCT": True, "OP": "?"}, {"IS_ALPHA": True}]],
    "orth_case": [[{"ORTH": "Run"}, {"IS_DIGIT": True, "OP": "?"}]],
    "plus_fallback": [[{"LOWER": "will"}, {"IS_ALPHA": True, "OP": "+"}]],  # out of reach: the Matcher
}


def test_made_up_patterns_on_random_token_sequences(blank_nlp):
    nlp = blank_nlp
    tp = TokenPatterns(nlp.vocab)
    for key, pats in MADE_UP.items():
        tp.add(key, pats)
    assert tp.get("optional") == MADE_UP["optional"]
    rng = random.Random(5)
    seen = set()
    for _ in range(400):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        doc = Doc(nlp.vocab, words=words, spaces=[rng.random() < 0.7 for _ in words])
        expected = _matcher_hits(nlp, MADE_UP, doc)
        assert _ours(tp, doc) == expected, words
        seen.update(key for key, _, _ in expected)
    assert seen == set(MADE_UP)  # every pattern matched somewhere, so every path was compared


def test_a_region_gives_doc_offsets(blank_nlp):
    tp = TokenPatterns(blank_nlp.vocab)
    tp.add("num_km", [[{"LIKE_NUM": True}, {"LOWER": "km"}]])
    doc = blank_nlp("Ran 5 km. Then 7 km more.")
    tab = ext.tokens(doc)
    second = tab.sents[1]
    assert tp(doc, tab, *second) == [("num_km", second[0] + 1, second[0] + 3)]
    assert [h[1:] for h in tp(doc, tab, 0, len(doc))] == [(1, 3), (second[0] + 1, second[0] + 3)]

