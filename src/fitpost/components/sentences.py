"""fitpost_sentencizer: spaCy's rule-based sentencizer, working on fitpost's token table.

The same rule, settings and saved form as spaCy's ``sentencizer`` (it is a
subclass), but that an end mark right before a closing bracket ends no sentence
("My mum (72!) ran"; ``bracket_asides``): a sentence ends at a token in ``punct_chars``, and the next one
starts at the first later token that is neither in ``punct_chars`` nor
punctuation.  spaCy's makes a Token object and a string for every token; this
one reads the token strings the fitpost components share
(:class:`fitpost.ext.Tokens`, built here first, from the tokenizer's columns),
visits only the tokens in ``punct_chars``, and marks the table to read the
sentences (and what later pipes set) when it is next used.
:func:`fitpost.pipeline.blank` adds it under the name ``sentencizer``.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import compress

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.pipeline.sentencizer import BACKWARD_OVERWRITE
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components import serial


def line_starts(texts: list[str]) -> list[int]:
    """The tokens that start a line: the first token after a white-space token holding a line
    break.  In posts a line is a unit of its own (a title, a list item, a log line "Bike: 20 km")."""
    spaces = compress(range(len(texts) - 1), map(str.isspace, texts))  # white-space tokens with one after
    return [i + 1 for i in spaces if "\n" in texts[i]]


def closes_brackets(texts: list[str], end: int, punct: Collection[str]) -> bool:
    """Whether the end marks from token ``end`` on are followed by a closing bracket: they end an aside in
    brackets ("(72!)", "(PB?!)"), not the sentence around it."""
    k = end + 1
    while k < len(texts) and texts[k] in punct:
        k += 1
    return k < len(texts) and texts[k] in (")", "]")


class FitpostSentencizer(Sentencizer):
    """spaCy's :class:`~spacy.pipeline.Sentencizer`, predicting from the shared token table; a line
    break also ends a sentence (``line_breaks``), and an end mark that closes an aside in brackets does not
    (``bracket_asides``)."""

    def __init__(self, name: str = "sentencizer", *, punct_chars: list[str] | None = None,
                 overwrite: bool = BACKWARD_OVERWRITE, line_breaks: bool = True, bracket_asides: bool = True) -> None:
        super().__init__(name, punct_chars=punct_chars, overwrite=overwrite)
        self.line_breaks = line_breaks
        self.bracket_asides = bracket_asides
        ext.register()
        serial.register()  # the table in doc.user_data is left out of Doc.to_bytes

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        """Whether each token starts a sentence, per Doc, as ``Sentencizer.predict`` says."""
        punct = self.punct_chars
        guesses = []
        for doc in docs:
            tab = ext.tokens(doc, annotations=False)
            n, texts = tab.n, tab.text
            starts = [False] * n
            if n:
                starts[0] = True
            j = 0
            for end in compress(range(n), map(punct.__contains__, texts)):
                if end < j:
                    continue  # inside the run the end before already walked: the same start
                if self.bracket_asides and closes_brackets(texts, end, punct):
                    continue  # "My mum (72!) did her first 5k": an aside's end mark ends no sentence
                j = end + 1  # the first token after it that is neither an end nor punctuation
                while j < n and (texts[j] in punct or tab.is_punct(j)):
                    j += 1
                if j < n:
                    starts[j] = True
            if self.line_breaks:
                for j in line_starts(texts):
                    starts[j] = True
            guesses.append(starts)
        return guesses

    def set_annotations(self, docs: Iterable[Doc], batch_tag_ids: list[list[bool]]) -> None:
        """Set ``token.is_sent_start`` as spaCy's does; the table reads the sentences, and whatever
        later pipes set, when it is next used."""
        docs = [docs] if isinstance(docs, Doc) else list(docs)
        super().set_annotations(docs, batch_tag_ids)
        for doc in docs:
            ext.tokens(doc, annotations=False).reread = True


def number_after_word(texts: list[str], i: int) -> bool:
    """Whether token ``i`` is a number right after a word, with no end mark or line between: "Rode 40 km",
    "Ran today 5 km".  A parser may still start a sentence there (a capitalised verb at the start of a
    line read as a name, "Rode | 40 km"); in a post the number is that clause's amount."""
    return i > 0 and texts[i][:1].isdigit() and texts[i - 1].isalpha()


JOINS = frozenset({"and", "or", "&"})  # join two words into one phrase: "Jonas and I", "swim or bike"


def join_after_word(texts: list[str], i: int) -> bool:
    """Whether token ``i`` is "and", "or" or "&" in lower case right after a word or a number, with no end
    mark or line between: "Jonas and I met at the lido".  A parser may start a sentence there (a name
    opening a paragraph read as a sentence of its own, "Jonas | and I met"); it joins that word to what
    follows."""
    return i > 0 and texts[i] in JOINS and texts[i - 1][-1:].isalnum()


def name_goes_on(texts: list[str], i: int) -> bool:
    """Whether token ``i`` is a capitalised word right after another, nothing between: a further word of a
    name ("Hiked up Tarnby Pike with my brother", "Emily Carter").  A parser may start a sentence there (the
    name's last word read as an interjection opening one)."""
    return i > 0 and _capitalised(texts[i]) and _capitalised(texts[i - 1])


def _capitalised(word: str) -> bool:
    """Whether ``word`` is written with a capital and then lower case only ("Pike", not "I" or "NYC")."""
    return word[:1].isupper() and word.isalpha() and not word.isupper()


TIMES_SIGNS = frozenset({"x", "X", "×"})  # "4 x 100m": sets times a distance


def inside_amount(doc: Doc, i: int) -> bool:
    """Whether token ``i`` goes on an amount begun by the number before it: glued to it ("200m", "5k",
    "3x5") or a times sign after it ("4 x 100m").  A parser may start a sentence there in a list of
    sets ("200 | m cool down", "4 | x 100m hard")."""
    if i == 0 or not doc[i - 1].text[:1].isdigit():
        return False
    return not doc[i - 1].whitespace_ or doc[i].text in TIMES_SIGNS


SHORT_LINE = 6  # a line of at most this many tokens (not white space) and no end mark is one sentence
END_MARKS = frozenset(".!?")


def inside_short_line(texts: list[str], starts: list[int]) -> list[int]:
    """The tokens after the first of each line (lines start at ``starts``, of :func:`line_starts`) of at
    most SHORT_LINE tokens other than white space, none an end mark: a list item, a log line or a title
    is one unit, where a parser may cut it ("Cool | down 200m")."""
    inside: list[int] = []
    bounds = [0, *starts, len(texts)]
    for lo, hi in zip(bounds, bounds[1:]):
        line = [k for k in range(lo, hi) if not texts[k].isspace()]
        if len(line) <= SHORT_LINE and not any(texts[k] in END_MARKS for k in line):
            inside.extend(line[1:])
    return inside


class LineBreaks:
    """Start a sentence at every line, before a statistical parser runs, and start none at a number right
    after a word (:func:`number_after_word`), at "and" or "or" right after one (:func:`join_after_word`),
    inside an amount (:func:`inside_amount`), inside a name (:func:`name_goes_on`) or inside a short line
    (:func:`inside_short_line`): the parser keeps the sentence starts already set and decides the rest."""

    def __init__(self, name: str = "fitpost_lines") -> None:
        self.name = name
        ext.register()
        serial.register()

    def __call__(self, doc: Doc) -> Doc:
        texts = [t.text for t in doc]
        starts = line_starts(texts)
        for j in starts:
            doc[j].is_sent_start = True
        for j in range(1, len(texts)):
            if number_after_word(texts, j) or inside_amount(doc, j) or join_after_word(texts, j) \
                    or name_goes_on(texts, j):
                doc[j].is_sent_start = False
        for j in inside_short_line(texts, starts):
            doc[j].is_sent_start = False
        return doc


@Language.factory(
    "fitpost_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": None, "overwrite": BACKWARD_OVERWRITE, "line_breaks": True, "bracket_asides": True},
)
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool,
                     line_breaks: bool, bracket_asides: bool) -> FitpostSentencizer:
    return FitpostSentencizer(name, punct_chars=punct_chars, overwrite=overwrite, line_breaks=line_breaks,
                              bracket_asides=bracket_asides)


@Language.factory("fitpost_lines", assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name)
