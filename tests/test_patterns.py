"""The rule engine (TokenPatterns) gives the matches spaCy's Matcher and PhraseMatcher give, through one
interface, on the shipped rules and on made-up ones."""
from __future__ import annotations

import random

import pytest
from conftest import load_fixture_posts
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from fitpost.patterns import Engine, TokenPatterns

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
    hits = tp(doc)
    assert len(hits) == len(set(hits)), "each match once"
    return set(hits)


class SpacyEngine:
    """The :class:`~fitpost.patterns.Engine` interface on spaCy's own Matcher and PhraseMatchers: the reference."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.keys: list[str] = []
        self.matcher = Matcher(vocab)
        self.phrases = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LOWER", "NORM")}

    def _key(self, key: str) -> None:
        if key not in self.keys:
            self.keys.append(key)

    def add(self, key, patterns):
        self._key(key)
        self.matcher.add(key, patterns)

    def add_phrases(self, key, phrases, attr="LOWER"):
        self._key(key)
        docs = []
        for words in phrases:
            doc = Doc(self.vocab, words=list(words))
            if attr == "NORM":
                for token, word in zip(doc, words):
                    token.norm_ = word
            docs.append(doc)
        self.phrases[attr].add(key, docs)

    def __call__(self, doc, regions=None):
        out = []
        order = {key: i for i, key in enumerate(self.keys)}
        for lo, hi in [(0, len(doc))] if regions is None else regions:
            strings = self.vocab.strings
            # a Matcher gives offsets in the Span, a PhraseMatcher in its Doc
            found = {(lo + e, lo + s, order[strings[m]]) for m, s, e in self.matcher(doc[lo:hi])}
            for matcher in self.phrases.values():
                found.update((e, s, order[strings[m]]) for m, s, e in matcher(doc[lo:hi]))
            out.extend((self.keys[k], s, e) for e, s, k in sorted(found))
        return out


def _reference(vocab, tp: TokenPatterns) -> SpacyEngine:
    """A spaCy engine holding the same rules as ``tp``, added in the same order."""
    ref = SpacyEngine(vocab)
    for key in tp.keys:
        if tp.get(key):
            ref.add(key, tp.get(key))
        for attr in ("LOWER", "NORM"):
            phrases = [words for a, words in tp.get_phrases(key) if a == attr and words]
            if phrases:
                ref.add_phrases(key, phrases, attr)
    return ref


@pytest.mark.parametrize("component, fired", [("fitpost_dates", 20), ("fitpost_status", 80)])
def test_shipped_rules_match_as_spacy_does(blank_extractor, blank_nlp, component, fired):
    tp = blank_extractor.nlp.get_pipe(component).matcher
    assert isinstance(tp, Engine)
    assert not tp.uses_matcher  # every shipped rule is within the engine's reach: no Matcher pass per Doc
    assert sum(len(tp.get(k)) + len(tp.get_phrases(k)) for k in tp.keys) > 10
    ref = _reference(blank_nlp.vocab, tp)
    assert isinstance(ref, Engine)
    texts = TEXTS + [p["text"] for p in load_fixture_posts("posts.jsonl")]
    total = 0
    for text in texts:
        doc = blank_nlp(text)
        expected = ref(doc)
        assert tp(doc) == expected, text  # the same matches, in the same order
        total += len(expected)
        sents = [(s.start, s.end) for s in doc.sents]
        assert tp(doc, sents[1:]) == ref(doc, sents[1:]), text  # and region by region
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
    assert tp.uses_matcher  # "+" is out of the engine's reach
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
    second = (doc[4].sent.start, doc[4].sent.end)
    assert tp(doc, [second]) == [("num_km", second[0] + 1, second[0] + 3)]
    assert [h[1:] for h in tp(doc)] == [(1, 3), (second[0] + 1, second[0] + 3)]


PHRASES = {
    "not": (["not"], "NORM"),  # "n't" has the NORM "not"
    "did_not": (["did", "not"], "NORM"),
    "will": (["will"], "NORM"),
    "next_sunday": (["next", "Sunday"], "LOWER"),  # lower-cased, as PhraseMatcher(attr="LOWER") reads it
    "weeks_ago": (["weeks", "ago"], "LOWER"),
}


def test_phrases_and_patterns_on_random_token_sequences(blank_nlp):
    """Token patterns and phrases in one engine give what spaCy's Matcher and PhraseMatchers give together,
    a span's keys in the order they were added."""
    nlp = blank_nlp
    tp, ref = TokenPatterns(nlp.vocab), SpacyEngine(nlp.vocab)
    for engine in (tp, ref):
        engine.add("lower_in", MADE_UP["lower_in"])
        for key, (words, attr) in PHRASES.items():
            engine.add_phrases(key, [words], attr)
        engine.add_phrases("lower_in", [["ran", "5"]], "LOWER")  # a key with both: each match once
        engine.add_phrases("also_not", [["not"]], "NORM")  # a second key on the same phrase
    rng = random.Random(7)
    seen = set()
    for _ in range(400):
        words = [rng.choice(WORDS + ["did", "n't", "weeks"]) for _ in range(rng.randint(1, 12))]
        doc = Doc(nlp.vocab, words=words, spaces=[rng.random() < 0.7 for _ in words])
        for token in doc:
            if token.text == "n't":
                token.norm_ = "not"
        expected = ref(doc)
        assert tp(doc) == expected, words
        seen.update(key for key, _, _ in expected)
    assert seen == {"lower_in", "also_not", *PHRASES}
    doc = Doc(nlp.vocab, words=["did", "n't"])
    doc[1].norm_ = "not"
    assert tp(doc) == [("did_not", 0, 2), ("not", 1, 2), ("also_not", 1, 2)]  # by end, start, then key order


def test_phrases_match_on_lower_or_norm_only(blank_nlp):
    tp = TokenPatterns(blank_nlp.vocab)
    with pytest.raises(ValueError, match="LOWER or NORM"):
        tp.add_phrases("x", [["run"]], attr="ORTH")
    tp.add_phrases("empty", [[]])
    assert tp(blank_nlp("run")) == []  # an empty phrase matches nothing



def test_the_engine_pickles_after_use(blank_nlp):
    """A pipeline sent to worker processes by pickling (spawn) takes its engines along, memo tables and all."""
    import pickle

    tp = TokenPatterns(blank_nlp.vocab)
    tp.add("num_km", [[{"LIKE_NUM": True}, {"LOWER": "km"}]])
    tp.add_phrases("not", [["not"]], attr="NORM")
    doc = blank_nlp("Ran 5 km, didn't swim.")  # "n't" has the NORM "not"
    first = tp(doc)
    again = pickle.loads(pickle.dumps(tp))
    assert first == again(doc) == [("num_km", 1, 3), ("not", 5, 6)]
