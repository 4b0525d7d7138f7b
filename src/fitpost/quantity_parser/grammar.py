"""The grammar: one master regular expression over the whole text.

Each top-level alternative is a named group (``m.lastgroup`` says which one
matched) and they are tried in order at each position, the specific forms
first.  The text is lower-cased first (:func:`fitpost.quantity_parser.scanner.lower`),
so the grammar needs no IGNORECASE and Python's matcher takes its fast literal
paths; a word-first alternative is only tried at a word that can start one.

==========  ==============================================================
compact     glued durations: 1h52m, 2h30, 1h 52m 10s, 45m10s, 2d 4h, 0hh:44mm:51ss
clock       2:03:17, 45:12 (a duration, a pace or a time of day)
dclock      1.57.06 (hours, minutes and seconds with dots, after a word of timing)
primes      4'30", 5'10"
nx          3x10 squats, 4x400m, 6 x 1 km, 8 x 90s (seconds glued to the number)
sets        4 sets, 12 reps; 3 sets of 15 push-ups
ftimes      once a week, twice daily, thrice
freq        daily, every morning, on alternate days, each weekend
ordrep      for the third consecutive day
fevery      every 3 days, every two weeks
race        half marathon, Ironman 70.3, Olympic triathlon, parkrun
drace       1/2 marathon, ½ marathon
allday      all day, a full week, the whole month
measure     NUMBER [RANGE] [-] [ADJECTIVE] UNIT [and a half]
nrace       26.2, 13.1, 70.3, 140.6 with no unit after
==========  ==============================================================

No part can backtrack without bound: a run of digits or of white space is
always followed by something that cannot start with a digit or a space (giving
characters back fails at once), the few parts whose first match must be kept
are atomic (:func:`atomic`), repeated words have a small upper bound, and
every alternative starts at a word start (a look-behind rules out starts
inside a number, a word, a hashtag or a handle), so a long run of digits,
dots and spaces costs a constant amount of work per character.  There are no
possessive quantifiers nor atomic groups (``*+``, ``++``, ``(?>...)``): they
misbehave on Python 3.11.0 to 3.11.4 (CPython gh-106052).
"""
from __future__ import annotations

import re
from functools import cache

from fitpost.quantity_parser.lexicon import lexicon, trie

FLAGS = 0  # the grammar runs on lower-cased text (see scanner.lower)


def atomic(body: str, name: str) -> str:
    """``body`` as an atomic group: what it matches first is kept, never given back in part.

    Written as a look-ahead that captures ``body`` and a back-reference to the capture: possessive
    quantifiers and atomic groups (``*+``, ``(?>...)``) misbehave on Python 3.11.0 to 3.11.4
    (CPython gh-106052).  ``name`` must be unique in the pattern.
    """
    return r"(?=(?P<" + name + ">" + body + r"))(?P=" + name + ")"


# a number in digits: 2 1/2, 1/4, 2½, 1,500,000, 12,5, 12.84, .8 (the groups of a thousand and the
# decimals are taken whole or not at all: the look-aheads say no group, no decimals are left after)
NUMD = (
    r"(?:\d+\s+\d{1,2}/\d{1,2}(?![\d/])"
    r"|\d{1,2}/\d{1,2}(?![\d/])"
    r"|\d*[½¼¾⅓⅔⅛]"
    r"|(?:\d{1,3}(?:,\d{3})+(?!\d|,\d{3})|\d{1,3},\d{1,2}(?![\d,])|\d+)(?:\.\d+|(?!\.\d))"
    r"|\.\d+)"
)
# a multiplier after digits: 10k steps, 0.5k miles, 1.5 million, 5m views
# (a glued k is a thousand only before a unit or a countable noun: "10k steps", "0.5k miles")
MULT_WORDS = r"\s+(?:thousand|million|billion|lakhs?|lac|crores?|mn|bn)(?!\w)"
HALF_RACE = r"(?![\s\-‐‑]*(?:marathon|mara\b|iron|century|centuries))"
FRACTAIL = (
    r"(?:\s+and\s+(?:(?:an?|one|two|three|[123])\s+)?(?:half|halves|quarters?|thirds?)(?!\w)"
    r"(?:\s+of(?!\w))?(?:\s+an?(?!\w))?" + HALF_RACE + ")"
)
DASH = "-‐‑–—"
SEP = r"(?:\s*[-‐‑–]\s*|\s*)"
RANGE = (
    r"(?:\s*[" + DASH + r"]\s*(?:(?:or|to)\s+)?|\s*~\s*|\s+(?:to|or|and|till|until|through)\s+)"
)
# where a number may start: not inside a word, a number, a hashtag, a handle, a
# price or a time; "sub-3" and the second half of "5km-10km" are allowed, "scp-173" is not
NOT_IN_WORD = r"(?<![\w#@$€£₹])"
LB = (NOT_IN_WORD + r"(?<!\d[.,:/])"
      r"(?:(?<=sub-)|(?<=\d[a-z]-)|(?<=\d[a-z]{2}-)|(?<=\d[a-z]{3}-)|(?<![\w][-‐‑]))")
# the rest of LB, tried only where a guard has passed (all of LB is zero-width, so the order is free)
LB_REST = LB[len(NOT_IN_WORD):]
# a number needs a unit: a word or a quote within a short run of digits and signs
# (this keeps a long run of digits, dots and spaces cheap); a comma before white space
# ends the run: no measure has one before its unit ("5, 10 km" is read from the 10)
GUARD = (r"(?=[\d.½¼¾⅓⅔⅛]" + atomic(r"(?:[\d./\s½¼¾⅓⅔⅛\-‐‑–—~+]|,(?!\s)){0,16}", "guard_run")
         + r"(?:[^\W\d_]|[\"″”'′]))")
# every digit-first form has a sign or a word within a short run of digits and
# spaces (a unit, a colon, an x, a prime); "26.2" alone is the exception
NUMISH = r"\d.,/\s½¼¾⅓⅔⅛\-‐‑–—~"
# (the first look-ahead is implied by the second; it turns a word away at one character test)
DIGIT_GUARD = (r"(?=[\d.½¼¾⅓⅔⅛])(?=(?:\d|\.\d|[½¼¾⅓⅔⅛])[" + NUMISH + r"]{0,16}(?![" + NUMISH + r"]|$)"
               r"|\d{2,3}\.\d{1,4}(?!\d)|\d{1,2}\.[0-5]\d\.[0-5]\d(?!\d|\.\d))")
# the digit-first forms other than a measure have a sign or a letter of theirs right after their first
# number (compact "1h", "1 h", "45m10s", "2d"; clock "45:"; dclock "1."; primes "4'", "4 '"; nx "3x";
# sets "4 sets")
# or start with a half or a quarter (drace "1/2", "½", "¼"): where none stands, as before "5 km" or
# '5"', they are not tried one by one
SIGNED = r"(?=\d{1,3}(?:[dhm'′:.]|\s[h'′]|\s*[x×s])|1/|[½¼])"
IN_GUARD = (
    r"(?=\s*(?:$|[^\w\s]|(?:thick|long|wide|tall|high|deep|diameter|across|in\s+diameter|x|by|of\s+snow|of\s+rain)(?!\w)))"
)


def optional(body: str) -> str:
    """``body`` or nothing, as ``(?:body)?`` is, written as a choice with an empty second alternative:
    Python's matcher runs a ``?`` on a group as a repeat, and inside a repeat every choice (a list of units,
    of words) first saves the groups matched so far (the master pattern has some 90); a choice outside a
    repeat saves none, so the optional parts after a measure's number cost little where they are absent."""
    return "(?:" + body + "|)"


@cache
def master() -> re.Pattern:
    lex = lexicon()
    W = r"(?:" + trie(sorted(set(lex.number_words) | set(lex.scales) | {"dozen"})) + r")(?!\w)"

    def wordnum(name: str) -> str:
        """A number in words, "twenty-one", "two hundred and fifty" (its words taken atomically)."""
        return r"(?:(?:an?\s+)?" + W + atomic(
            r"(?:[\s\-‐‑]+" + W + r"|\s+and\s+" + W
            + r"(?![\s\-‐‑]+(?:halfs?|halves|quarters?|thirds?)(?!\w))){0,6}", name) + ")"

    # a count noun written like a preposition is none before what it would govern: "6k round the park"
    NOT_PREPOSITION = "".join(r"(?!(?<=" + re.escape(w) + r")\s+(?:" + trie(sorted(lex.preposition_objects)) + r")\b)"
                              for w in lex.count_prepositions)
    races = {"marathon", "half_marathon", "ultramarathon", "triathlon", "ironman", "race", "summit"}
    thousands_of = [u for u, v in lex.units.items() if v.dim in ("distance", "count") and v.canon not in races]
    MULT = r"(?:\s?k(?=\s+(?:" + trie(sorted(thousands_of)) + r")(?![\w²³])" + NOT_PREPOSITION + ")|" + MULT_WORDS + ")"

    def num2(p: str) -> str:
        """The second number of a range."""
        return r"(?:(?:" + NUMD + optional(MULT) + r"|" + wordnum(p + "words2") + r")" + optional(FRACTAIL) + r")"

    # the number of a measure that starts with a digit, and of one that starts with a word
    NUM_D = (
        r"(?:[13]\s+quarters?(?:\s+of)?(?:\s+(?:an?|the))?(?!\w)"
        r"|" + NUMD + optional(MULT) + optional(FRACTAIL) + r")"
    )
    NUM_W = (
        r"(?:(?:an?\s+)?(?:couple|few)(?:\s+of)?(?!\w)"
        r"|(?:several|some)(?!\w)"
        r"|(?:an?|one)[\s\-‐‑]+half(?:\s+an?)?(?!\w)" + HALF_RACE
        + r"|half(?:\s+an?)?(?!\w)" + HALF_RACE
        + r"|(?:an?|one)\s+quarter(?:\s+of)?(?:\s+(?:an?|the))?(?!\w)"
        r"|three\s+quarters(?:\s+of)?(?:\s+(?:an?|the))?(?!\w)"
        r"|" + wordnum("w_words") + optional(FRACTAIL)
        + r"|(?:an?|another)(?!\w))"
    )
    units = sorted(u for u in lex.units if u != "in")
    UNIT = (
        r"(?:" + trie(units) + r"(?![\w²³])" + NOT_PREPOSITION
        + r"|in" + IN_GUARD
        + r"|(?<=\d)(?:[\"″”]|''|['′])(?![\w'])"
        r"|(?<=\d\s)[\"″](?!\w))"
    )
    GLUED = r"(?:" + trie(sorted(lex.glued)) + r")(?![\w'])"
    ADJ_WORD = r"(?:" + trie(sorted(lex.adjectives)) + r")(?!\w)[\s\-‐‑]+"
    ADJ = optional(ADJ_WORD + optional(ADJ_WORD))  # at most two: "5 hilly scenic km", "8 easy miles"
    COUNT = r"(?:" + trie(sorted(lex.counts)) + r")(?![\w])" + NOT_PREPOSITION + NOT_PREPOSITION
    CONN = r"(?:" + trie(sorted(lex.connectors)) + r")\s+"
    UTAIL = r"(?:\s+and\s+(?:(?:an?|one)\s+)?(?:half|quarter)(?!\w)" + HALF_RACE + r")"

    def measure(name: str, p: str, num: str, guard: str) -> str:
        return (
            r"(?P<" + name + ">" + guard + r"(?P<" + p + "num>" + num + r")"
            + optional(r"(?P<" + p + "rsep>" + RANGE + r")(?P<" + p + "num2>" + num2(p) + r")")
            + optional(r"(?P<" + p + r"plus>\+)")  # a lower bound: "3+ km"
            + r"(?:(?<=\d)(?P<" + p + "glued>" + GLUED + r")"
            r"|(?P<" + p + "sep>" + SEP + r")(?P<" + p + "adj>" + ADJ + r")"
            r"(?:(?P<" + p + "conn>" + CONN + r")(?P<" + p + "cunit>" + COUNT + r")|(?P<" + p + "unit>" + UNIT + r")))"
            + optional(r"(?P<" + p + "tail>" + UTAIL + r")") + ")"
        )

    compact = (
        r"(?P<compact>(?:(?P<c_d>\d{1,2})d\s?)?(?P<c_h>\d{1,3})\s?(?:h|hr|hrs|hours?)"
        r"(?:\s?(?P<c_m>\d{1,2})\s?(?:m|mins?|minutes?|['′])(?:\s?(?P<c_s>\d{1,2}(?:\.\d+)?)\s?(?:s|secs?|seconds?|[\"″]))?"
        r"|(?P<c_m2>\d{2})(?!\w|\.\d))"  # "1h20", "1h20." ending a sentence; not "1h20.5"
        r"|(?P<c_m3>\d{1,3})(?:m|mins?\s?)(?P<c_s3>\d{1,2}(?:\.\d+)?)(?:s|secs?|[\"″])"
        r"|(?P<c_d2>\d{1,2})d\s?(?P<c_h2>\d{1,2})h"
        r"|(?P<c_h4>\d{1,2})hh:(?P<c_m4>[0-5]\d)mm(?::(?P<c_s4>[0-5]\d)ss)?)(?![\w'])"  # a watch's 0hh:44mm:51ss
    )
    clock = (
        r"(?P<clock>(?P<k_a>\d{1,3}):(?P<k_b>[0-5]\d)(?::(?P<k_c>[0-5]\d))?(?P<k_f>\.\d{1,3})?)(?![\d:]|[.,]\d)"
    )
    dclock = r"(?P<dclock>(?P<d_h>\d{1,2})\.(?P<d_m>[0-5]\d)\.(?P<d_s>[0-5]\d))(?!\d|[.,]\d)"
    primes = (
        r"(?P<primes>(?P<p_a>\d{1,2})\s?['′]\s?(?P<p_b>\d{1,2}(?:\.\d+)?)\s?(?:[\"″”]|''|′′)"
        r"|(?P<p_a2>\d{1,2})['′](?P<p_b2>\d{2})(?![\w'\"]))"
    )
    nx = (
        r"(?P<nx>(?P<x_a>\d{1,3})\s*[x×]\s*(?P<x_b>" + NUMD + r")"
        r"(?:(?P<x_secs>s)|(?P<x_sep>\s*[-‐‑]?\s*)"
        r"(?:(?P<x_conn>" + CONN + r")?(?P<x_cunit>" + COUNT + r")|(?P<x_unit>" + UNIT + r")))?"
        r")(?![\w])"
    )
    INT = r"(?:\d{1,3}(?![\d.,])|" + W + r"(?:[\s\-‐‑]" + W + r")?)"
    def sets(name: str, p: str, first: str) -> str:
        return (
            r"(?P<" + name + ">(?P<" + p + "a>" + first + r")\s+sets?\s*(?:of|x|×|,|:|[-‐‑]|with)?\s*(?P<"
            + p + "b>" + INT + r")(?:\s*(?:reps?|repetitions?)(?!\w))?"
            r"(?:\s+(?:of\s+|each\s+(?:of\s+)?)?(?P<" + p + "unit>" + COUNT + r"))?)(?!\w)"
        )

    PERIOD = r"(?:" + trie(sorted(lex.periods)) + r")(?![\w])"
    ftimes = r"(?P<ftimes>(?P<f_mult>once|twice|thrice)(?!\w)(?:\s*(?P<f_per>" + PERIOD + r"))?)"
    freq = r"(?P<freq>" + trie(sorted(lex.freq_phrases)) + r")(?![\w])"
    ORD = r"(?:" + trie(sorted(lex.ordinals)) + r"|\d{1,3}(?:st|nd|rd|th))(?!\w)"
    REPU = r"(?:days?|weeks?|months?|years?|times?|weekends?|nights?|sessions?)(?!\w)"
    ordrep = (
        r"(?P<ordrep>(?:for\s+the\s+(?P<o_n>" + ORD + r")\s+(?:(?P<o_c>consecutive|straight|successive)\s+)?"
        r"|(?:the|my|our|his|her|their|a)\s+(?P<o_n2>" + ORD + r")\s+(?P<o_c2>consecutive|straight|successive)\s+)"
        r"(?P<o_u>" + REPU + r"))"
    )
    race = r"(?P<race>" + trie(sorted(lex.races)) + r")(?![\w]|\.\d)"
    allday = (r"(?P<allday>(?:all|full|whole|entire)[\s\-‐‑]+(?P<a_u>day|week|month|year|night|weekend)"
              r"(?:\s+long)?)(?!\w)")
    nrace = r"(?P<nrace>" + trie(sorted(lex.numeric_races)) + r")(?![\d]|[.,]\d)"
    # race names written with a fraction: "1/2 marathon", "½ marathon"
    drace = r"(?P<drace>" + trie(sorted(r for r in lex.races if not r[0].isalpha())) + r")(?![\w])"
    N_EVERY = r"(?:\d{1,2}|" + W + r")"
    fevery = r"(?P<fevery>every\s+(?P<e_n>" + N_EVERY + r")\s+(?P<e_u>days|weeks|months))(?!\w)"
    INT_D = r"\d{1,3}(?![\d.,])"
    INT_W = W + r"(?:[\s\-‐‑]" + W + r")?"
    signed = [compact, clock, dclock, primes, nx, sets("sets", "s_", INT_D), drace]
    # tried in this order: the signed forms (behind their common guard), a measure, a bare race number
    digit_first = [SIGNED + r"(?:" + "|".join(signed) + r")", measure("measure", "m_", NUM_D, GUARD), nrace]
    word_first = [sets("wsets", "t_", INT_W), ftimes, freq, fevery, ordrep, race, allday,
                  measure("wmeasure", "w_", NUM_W, "")]
    # a cheap test before trying the word-first forms: the words a number, a count, a
    # frequency or "all day" can start with, a whole frequency phrase or race name, or a
    # possessive before an ordinal ("the 3rd", "for the third"); common words such as
    # "the" or "for" then cost one look-ahead instead of every alternative
    first = set(lex.number_words) | set(lex.scales) | {"dozen", "a", "an", "another", "couple", "few", "several",
                                                         "some", "half", "once", "twice", "thrice", "every", "all",
                                                         "full", "whole", "entire"}
    first |= set(lex.freq_phrases) | set(lex.races)
    FIRST = (r"(?=(?:" + trie(sorted(first)) + r")(?![^\W_])"
             r"|(?:for\s+the|the|my|our|his|her|their)\s+" + ORD + r")")
    # a match starts after a non-word character, at a digit, ".5" or a word that passes
    # FIRST (both guards accept only those), then the look-behinds of LB rule out the rest
    pattern = (
        NOT_IN_WORD + r"(?:" + DIGIT_GUARD + LB_REST + r"(?:" + "|".join(digit_first) + r")"
        r"|" + FIRST + LB_REST + r"(?:" + "|".join(word_first) + r"))"
    )
    return re.compile(pattern, FLAGS)


@cache
def period_re() -> re.Pattern:
    """A period right after a quantity: '20 km a day', '3 times per week', '10k steps/day'."""
    lex = lexicon()
    return re.compile(r"\s*(?P<per>" + trie(sorted(lex.periods)) + r")(?![\w])", FLAGS)


@cache
def trailing_number_re() -> re.Pattern:
    """A bare number after hours or minutes: '1 hour thirty', '2 hours and 10'."""
    lex = lexicon()
    W = r"(?:" + trie(sorted(lex.number_words)) + r")(?!\w)"
    return re.compile(
        r"(?:\s*,\s*|\s+and\s+|\s+)(?P<n>[0-5]?\d(?![\d:]|[.,]\d)|" + W + r"(?:[\s\-‐‑]" + W + r")?)"
        r"(?=\s*(?:$|[^\w\s]|(?:and|on|in|at|with|for|of|to|today|yesterday|this|that|flat|exactly|total|straight)(?!\w)))",
        FLAGS,
    )
