"""fitpost_dates: date expressions found by rules and resolved against the post date."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
import spacy

from fitpost import ext
from fitpost.components import dates as dates_mod
from fitpost.components.dates import make_dates, resolve
from fitpost.patterns import RuleError
from fitpost.schema import DateRef

D = dt.date


@pytest.fixture(scope="module")
def finder(blank_nlp):
    return blank_nlp, make_dates(blank_nlp, "fitpost_dates", "dates.json")


def found(finder, text: str, posted_at: dt.date | None) -> list[DateRef]:
    nlp, component = finder
    doc = nlp.make_doc(text)
    doc._.fp_posted_at = posted_at
    doc = component(nlp(doc))
    refs = [s._.fp_date for s in doc.spans[ext.DATES]]
    for span, ref in zip(doc.spans[ext.DATES], refs):
        assert (ref.start, ref.end) == (span.start_char, span.end_char)
        assert text[ref.start:ref.end] == ref.text
    return refs


# (post, posted_at, date text, value, granularity): a Saturday, 2025-03-01, unless said
SAT = D(2025, 3, 1)
FORMS = [
    ("Ran a hilly 15k yesterday with Sana.", SAT, "yesterday", D(2025, 2, 28), "day"),
    ("Easy 5k recovery jog today.", SAT, "today", SAT, "day"),
    ("Swam 40 laps this morning before work.", SAT, "this morning", SAT, "day"),
    ("Night ride tonight with the club.", SAT, "tonight", SAT, "day"),
    ("Last night we walked home from the stadium.", SAT, "Last night", D(2025, 2, 28), "day"),
    ("Cycled to the lake a couple of weeks ago.", D(2025, 7, 12), "a couple of weeks ago", D(2025, 6, 28), "week"),
    ("Two days ago I swam across the reservoir.", SAT, "Two days ago", D(2025, 2, 27), "day"),
    ("Ran my first 10k three months ago.", SAT, "three months ago", D(2024, 12, 1), "month"),
    ("About 14-15 years ago I started trekking.", D(2025, 12, 7), "About 14-15 years ago", D(2011, 1, 1), "year"),
    ("Last Saturday we hiked to the fort.", D(2025, 12, 9), "Last Saturday", D(2025, 12, 6), "day"),
    ("Next Sunday we race the hills.", D(2025, 12, 9), "Next Sunday", D(2025, 12, 14), "day"),
    ("Last week was a big mileage week.", D(2025, 12, 10), "Last week", D(2025, 12, 1), "week"),
    ("Last year I rowed 1,000 km.", SAT, "Last year", D(2024, 1, 1), "year"),
    ("On Tuesday I ran the coastal loop.", D(2025, 12, 12), "Tuesday", D(2025, 12, 9), "day"),
    ("The walk ends in Wrenford on August 22, 2021.", None, "August 22, 2021", D(2021, 8, 22), "day"),
    ("Finished the relay on 22 August 2021.", None, "22 August 2021", D(2021, 8, 22), "day"),
    ("She won the swimathon on 3rd March, 2019.", None, "3rd March, 2019", D(2019, 3, 3), "day"),
    ("Ran the night marathon on November 4.", SAT, "November 4", D(2024, 11, 4), "day"),
    ("They first cycled together in April 2018.", None, "April 2018", D(2018, 4, 1), "month"),
    ("In 2021, Dev climbed his first peak.", None, "2021", D(2021, 1, 1), "year"),
    ("Race day was 2021-08-22.", None, "2021-08-22", D(2021, 8, 22), "day"),
    ("Race day was 12/08/2021.", None, "12/08/2021", D(2021, 8, 12), "day"),
    ("Race day was 08/22/2021.", None, "08/22/2021", D(2021, 8, 22), "day"),
    # day first would fall after the post, month first would not: a date gone by is month first
    ("Race day was 4/11/2026.", D(2026, 4, 20), "4/11/2026", D(2026, 4, 11), "day"),
    ("Race day was 4/11/2026.", D(2026, 12, 20), "4/11/2026", D(2026, 11, 4), "day"),
    ("We set off on the 15th and reached the coast in a week.", D(2025, 3, 3), "the 15th", D(2025, 2, 15), "day"),
    ("In May we paddled down the river.", D(2025, 3, 5), "May", D(2024, 5, 1), "month"),
    ("This weekend I swam at the lake.", D(2025, 3, 5), "This weekend", D(2025, 3, 1), "week"),
    # "last weekend" is the one before the post's week: said on a Sunday, not the day before
    ("Last weekend I rode 90 km.", D(2026, 5, 13), "Last weekend", D(2026, 5, 9), "week"),
    ("Last weekend I rode 90 km.", D(2026, 5, 10), "Last weekend", D(2026, 5, 2), "week"),
    ("Later this month I will hike again.", D(2025, 3, 5), "Later this month", D(2025, 3, 1), "month"),
    # a weekday before a date; a range of days is its first day; a range of months its first month
    ("Thursday, March 27, 2008\n\nSwam 2000 yards with Ann.", D(2008, 3, 27), "Thursday, March 27, 2008",
     D(2008, 3, 27), "day"),
    ("Ran the fell race on Saturday 3rd June with the club.", D(2023, 6, 10), "Saturday 3rd June",
     D(2023, 6, 3), "day"),
    ("Lakeside 100 November 6-7 2010\n\nMy first hundred!", D(2010, 11, 17), "November 6-7 2010",
     D(2010, 11, 6), "day"),
    ("We walked the coast path 6th to 8th May 2011.", None, "6th to 8th May 2011", D(2011, 5, 6), "day"),
    ("From March 1 to March 30 I'm running 5 km a day.", D(2025, 3, 10), "March 1 to March 30", D(2025, 3, 1), "day"),
    ("We rode the coast, 20 March to 10 April 2024.", None, "20 March to 10 April 2024", D(2024, 3, 20), "day"),
    ("May & June 2015\n\nDistance: 480 miles", None, "May & June 2015", D(2015, 5, 1), "month"),
    # a weekday said on that weekday is the post's own day; "this past", "N Sundays ago"
    ("Saturday's long run was 20 km.", D(2025, 3, 29), "Saturday", D(2025, 3, 29), "day"),
    ("Rode 60 km this past Saturday.", D(2025, 4, 2), "this past Saturday", D(2025, 3, 29), "day"),
    ("Two Sundays ago I swam 3 km.", D(2025, 4, 2), "Two Sundays ago", D(2025, 3, 23), "day"),
    # a part of a month is its first day; "earlier in the year"
    ("The lake swim was in late March.", D(2025, 6, 5), "late March", D(2025, 3, 15), "month"),
    ("The relay was in mid-March.", D(2025, 6, 5), "mid-March", D(2025, 3, 10), "month"),
    ("Hoping to race again in mid-March.", D(2025, 6, 5), "mid-March", D(2026, 3, 10), "month"),
    ("We kayaked at the end of May.", D(2025, 6, 5), "the end of May", D(2025, 5, 21), "month"),
    ("I climbed my first peak earlier in the year.", D(2025, 10, 5), "earlier in the year", D(2025, 1, 1), "year"),
    # ahead of the post date
    ("We have 3 weeks until the spring marathon.", D(2025, 3, 13), "3 weeks until", D(2025, 4, 3), "week"),
    ("Race day is roughly 19 days away.", D(2025, 9, 15), "roughly 19 days away", D(2025, 10, 4), "day"),
    ("For the rest of the week: 6 km, 4 km and a day off.", D(2025, 6, 30), "the rest of the week",
     D(2025, 7, 1), "week"),
    # a month before an event ("a January half marathon"): the month alone is the date
    ("I ran a January half marathon.", D(2025, 12, 10), "January", D(2025, 1, 1), "month"),
    # a season: its first month; with a past word the last one over, with a future word the next to begin
    ("Walked 500 miles last summer.", D(2024, 12, 1), "last summer", D(2024, 6, 1), "season"),
    ("Walked 500 miles last summer.", D(2024, 7, 10), "last summer", D(2023, 6, 1), "season"),
    ("This winter the pool is my friend.", D(2025, 1, 15), "This winter", D(2024, 12, 1), "season"),
    ("Next spring we cycle to the coast.", D(2025, 4, 2), "Next spring", D(2026, 3, 1), "season"),
    ("I ran my first marathon in the summer of 2019.", None, "the summer of 2019", D(2019, 6, 1), "season"),
    # "over the weekend", "at the weekend": its Saturday, the last one unless a future cue says the next
    ("Hiked the ridge with my kids over the weekend.", D(2025, 3, 5), "the weekend", D(2025, 3, 1), "week"),
    ("Rode 50 km at the weekend.", D(2025, 3, 2), "the weekend", D(2025, 3, 1), "week"),
    ("We will ride the coast road at the weekend.", D(2025, 3, 5), "the weekend", D(2025, 3, 8), "week"),
    # a holiday on a fixed day of the year: its last one
    ("Ran 8 km on Christmas Eve.", D(2025, 1, 3), "Christmas Eve", D(2024, 12, 24), "day"),
    ("Swam in the sea on New Year's Day.", D(2025, 1, 3), "New Year's Day", D(2025, 1, 1), "day"),
    ("A Boxing Day walk, 10 km.", D(2025, 12, 28), "Boxing Day", D(2025, 12, 26), "day"),
    # a weekday and a day of a month without the year: the year in which they agree
    ("We kayaked on Friday, September 12 with the club.", D(2025, 8, 31), "Friday, September 12",
     D(2025, 9, 12), "day"),
]


@pytest.mark.parametrize("text,posted_at,phrase,value,granularity", FORMS, ids=[f[2] for f in FORMS])
def test_date_form(finder, text, posted_at, phrase, value, granularity):
    refs = found(finder, text, posted_at)
    assert [(r.text, r.value, r.granularity) for r in refs] == [(phrase, value, granularity)]


@pytest.mark.parametrize("text", [
    "She ran 3 days in a row.",
    "The walk finishes in 8 days.",
    "The 56-year-old ran 21 km.",
    "A run to mark the 75th year of the club.",
    "Every Sunday I run with my father.",
    "I swim every Monday, Wednesday and Friday before work.",  # each weekday of a routine's list
    "The Sunday Times called her a legend.",
    "On the 3rd day we covered 40 km.",
    "May you run far and free.",
    "She told India Today about the swim.",
    "Cycled 90 km: 3.8.18 firmware on the bike computer.",
    "The canal path is usually empty on a Saturday.",
    "I like a slow 10 km on Sunday mornings.",  # a routine's day
    "The walk finishes in 8 days.",
    "Ran the Larkspur 10K two minutes faster than last year.",  # a yardstick, not when
])
def test_not_a_date(finder, text):
    assert found(finder, text, SAT) == []


def test_news_dateline_is_not_an_activity_date(finder):
    refs = found(finder, "Pune, March 3 (PTI) Runner Ira Sen ran 50 km yesterday.", D(2025, 3, 3))
    assert [r.text for r in refs] == ["yesterday"]


def test_a_day_after_a_log_s_label_and_a_comma_is_no_dateline(finder):
    # a dateline's comma follows a place's name; "Rowing log, Monday:" labels a log's day
    refs = found(finder, "Rowing log, Monday: 2 x 5 km on the erg. Wednesday: 10 km on the water.", SAT)
    assert [r.text for r in refs] == ["Monday", "Wednesday"]


@pytest.mark.parametrize("text", [
    "Published: March 3, 2025\nRunner Ira Sen ran 50 km yesterday.",
    "Updated on March 3, 2025\nRunner Ira Sen ran 50 km yesterday.",
    "Larkspur GazettePublished: March 3, 2025\nRunner Ira Sen ran 50 km yesterday.",  # a byline glued on
])
def test_a_publication_date_is_not_an_activity_date(finder, text):
    assert [r.text for r in found(finder, text, D(2025, 3, 3))] == ["yesterday"]


def test_relative_date_without_post_date_keeps_text_only(finder):
    refs = found(finder, "Ran 10k yesterday, and on Tuesday, and on November 4, and in March 2020.", None)
    assert [(r.text, r.value) for r in refs] == [
        ("yesterday", None), ("Tuesday", None), ("November 4", None), ("March 2020", D(2020, 3, 1))]


def test_future_preferred_after_a_future_cue(finder):
    refs = found(finder, "I ran on Sunday and I will run again on Tuesday.", D(2025, 3, 5))
    assert [(r.text, r.value) for r in refs] == [("Sunday", D(2025, 3, 2)), ("Tuesday", D(2025, 3, 11))]
    tomorrow = found(finder, "Big swim tomorrow morning!", D(2025, 3, 5))
    assert [(r.text, r.value) for r in tomorrow] == [("tomorrow morning", D(2025, 3, 6))]


def test_year_rule_past_preferred_for_a_date_without_year():
    assert resolve("November 4", D(2025, 3, 1)).value == D(2024, 11, 4)
    assert resolve("November 4", D(2025, 12, 1)).value == D(2025, 11, 4)
    assert resolve("November 4", D(2025, 3, 1), prefer="future").value == D(2025, 11, 4)


def test_spans_are_in_text_order(finder):
    refs = found(finder, "Swam today, ran yesterday, hiked last week.", SAT)
    assert [r.text for r in refs] == ["today", "yesterday", "last week"]
    assert [r.start for r in refs] == sorted(r.start for r in refs)


def test_results_are_cached():
    dates_mod._dateparser.cache_clear()
    resolve("last Saturday", D(2025, 6, 4))
    resolve("last Saturday", D(2025, 6, 4))
    info = dates_mod._dateparser.cache_info()
    assert info.hits == 1 and info.misses == 1


def test_dateparser_is_imported_only_when_a_date_needs_it():
    code = ("import sys, spacy\n"
            "from fitpost.components import dates\n"
            "nlp = spacy.blank('en'); nlp.add_pipe('fitpost_dates')\n"
            "def run(text):\n"
            "    doc = nlp.make_doc(text); doc._.fp_posted_at = __import__('datetime').date(2025, 3, 5)\n"
            "    nlp(doc); print('dateparser' in sys.modules)\n"
            "run('Ran 10 km along the river.')\n"
            "run('Ran 10 km along the river yesterday.')\n"
            "run('Ran 10 km along the river 3 months ago.')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]  # "yesterday" is read without dateparser


NATIVE_PHRASES = ["today", "yesterday", "tomorrow", "sunday", "last monday", "next friday", "wednesday",
                  "next sunday", "last saturday", "1 day ago", "4 days ago", "1 week ago", "3 weeks ago",
                  "in 1 day", "in 26 days", "in 4 weeks",
                  "march 3, 2019", "3 march 2019", "3rd of march 2019", "august 22nd, 2021", "29 february 2020",
                  "this week", "last month", "next month", "this year", "last year", "2019", "june 2019",
                  "april", "december", "march 3", "3rd of march", "october 31st"]


def _own_reading(phrase: str, base: dt.date, prefer: str) -> bool:
    """A bare weekday said on that weekday, past preferred: fitpost's post day, dateparser's week before."""
    return prefer == "past" and phrase == base.strftime("%A").lower()


@pytest.mark.parametrize("prefer", ["past", "future"])
def test_phrases_read_without_dateparser_read_as_dateparser_reads_them(prefer):
    compared = own = 0
    for k in range(0, 60, 2):
        base = D(2024, 2, 20) + dt.timedelta(days=k * 13)  # across months, years and a 29 February
        for phrase in NATIVE_PHRASES:
            native = dates_mod._native(phrase, base, prefer)
            if native is None:
                continue  # the post's own day, or a day that year lacks: dateparser's
            data = dates_mod._parser(base, prefer).get_date_data(phrase)
            if _own_reading(phrase, base, prefer):
                assert (native[0], data.date_obj.date()) == (base, base - dt.timedelta(days=7)), (phrase, base)
                own += 1
                continue
            assert native[0] == data.date_obj.date(), (phrase, base, prefer)
            compared += 1
    assert compared >= 28 * len(NATIVE_PHRASES)
    assert own > 0 if prefer == "past" else own == 0
    assert dates_mod._native("31 february 2020", D(2024, 1, 1), prefer) is None  # left to dateparser


TEXTS = ["Hiked 12 km yesterday.", "Swam on 3rd March, 2019.", "Rowed last week."]


def date_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitpost_dates")
    return nlp


def values(docs):
    return [[(s.text, s._.fp_date.value) for s in d.spans[ext.DATES]] for d in docs]


def with_post_date(nlp, texts):
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.fp_posted_at = D(2025, 3, 5)
        yield doc


WANT = [[("yesterday", D(2025, 3, 4))], [("3rd March, 2019", D(2019, 3, 3))], [("last week", D(2025, 2, 24))]]


def test_dates_round_trip_through_disk(tmp_path):
    nlp = date_pipeline()
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.get_pipe("fitpost_dates").config == {"data": "dates.json", "near_activities": False}
    assert values(again.pipe(with_post_date(again, TEXTS))) == WANT


def test_dates_with_two_processes():
    nlp = date_pipeline()
    docs = list(nlp.pipe(with_post_date(nlp, TEXTS), n_process=2))
    assert values(docs) == WANT
    assert isinstance(docs[0].spans[ext.DATES][0]._.fp_date, DateRef)


def test_every_sentence_is_searched_by_default(blank_extractor):
    # a sentence with no activity may date the activities after it ("Today is a short day. ...")
    doc = blank_extractor.nlp("Cycled 40 km last Sunday. The shop opens on Monday.")
    assert [s.text for s in doc.spans[ext.DATES]] == ["last Sunday", "Monday"]


def test_near_activities_searches_only_sentences_with_an_activity():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitpost_activities")
    nlp.add_pipe("fitpost_dates", config={"near_activities": True})
    doc = nlp("Cycled 40 km last Sunday. The shop opens on Monday.")
    assert [s.text for s in doc.spans[ext.DATES]] == ["last Sunday"]


def test_alone_finds_every_date():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitpost_dates", config={"near_activities": True})  # alone: no activity spans to go by
    doc = nlp("Cycled 40 km last Sunday. The shop opens on Monday.")
    assert [s.text for s in doc.spans[ext.DATES]] == ["last Sunday", "Monday"]


def test_a_dated_heading_is_the_base_of_its_section(finder):
    # a diary entry's "this morning" is the entry's day, not the day it was posted
    text = "Jun 25, 2013\n\nThis morning we kayaked 7 km.\n\nJul 2, 2013\n\nSwam 2 km yesterday."
    refs = found(finder, text, D(2019, 12, 31))
    assert [(r.text, r.value) for r in refs] == [
        ("Jun 25, 2013", D(2013, 6, 25)), ("This morning", D(2013, 6, 25)),
        ("Jul 2, 2013", D(2013, 7, 2)), ("yesterday", D(2013, 7, 1))]
    # without a post date too; a heading that is no day of a year sets no base
    refs = found(finder, "Jun 25, 2013\n\nThis morning we kayaked 7 km.", None)
    assert [r.value for r in refs] == [D(2013, 6, 25), D(2013, 6, 25)]
    refs = found(finder, "May 2013\n\nThis morning we kayaked 7 km.", None)
    assert [r.value for r in refs] == [D(2013, 5, 1), None]


@pytest.mark.parametrize("text,phrase,heads", [
    ("Thursday, March 27, 2008\n\nSwam 2000 yards.", "Thursday, March 27, 2008", True),
    ("(4/21/2013)\nRan 50 miles.", "4/21/2013", True),
    ("Tuesday: 5 miles.\nWednesday: 9 miles.", "Wednesday", True),
    ("Mar 3, 2012 - the day I took up cycling!", "Mar 3, 2012", True),
    ("Lakeside 100 November 6-7 2010\n\nMy first hundred!", "November 6-7 2010", True),
    ("Ran 10 km on Tuesday.\nThen rested.", "Tuesday", False),
    ("Saturday, I ran 10 km.", "Saturday", False),
    ("Ran 10 km today\n#running", "today", False),  # the end of a first line, but no year: no title date
])
def test_is_heading(text, phrase, heads):
    start = text.index(phrase)
    kind = "dmy" if "/" in phrase else "month_day" if any(c.isdigit() for c in phrase) else "weekday"
    assert dates_mod.is_heading(text, start, start + len(phrase), kind) is heads


@pytest.mark.parametrize("text,kind,value,granularity,posted,want", [
    ("March", "month", D(2009, 3, 1), "month", D(2009, 12, 10), D(2010, 3, 1)),  # a plan's March is the next
    ("Sunday", "weekday", D(2025, 3, 2), "day", D(2025, 3, 5), D(2025, 3, 9)),
    ("this month", "deictic_period", D(2012, 11, 1), "month", D(2012, 11, 13), D(2012, 11, 13)),  # from the post on
    ("this week", "deictic_period", D(2025, 3, 3), "week", D(2025, 3, 5), D(2025, 3, 5)),
    ("last Sunday", "weekday", D(2025, 3, 2), "day", D(2025, 3, 5), D(2025, 3, 2)),  # says the past: kept
    ("May 15, 2010", "month_day", D(2010, 5, 15), "day", D(2011, 1, 1), D(2010, 5, 15)),  # states its year
    ("tomorrow", "rel_day", D(2025, 3, 6), "day", D(2025, 3, 5), D(2025, 3, 6)),
])
def test_a_plan_reads_its_date_ahead(text, kind, value, granularity, posted, want):
    ref = DateRef(value=value, text=text, granularity=granularity, start=0, end=len(text))
    assert dates_mod.for_plan(ref, kind, posted).value == want
    assert dates_mod.for_plan(ref, kind, None) == ref  # no post date: as read


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["patterns"][_rule(d, "month_of_event")].update(context=[1]),
     r"'context' is \[tokens before, tokens after\]"),
    (lambda d: d["patterns"][_rule(d, "month_of_event")].update(context=[2, 1]), r"longer than its context"),
    (lambda d: d["patterns"][_rule(d, "month_of_event")]["patterns"][0][0].update(OP="?"), r"which has no 'OP'"),
    (lambda d: d["month_part_day"].update(late=40), r"'month_part_day' must map words to whole numbers from 1 to 28"),
    (lambda d: d.update(same_day_cues=["just finished", ""]), r"'same_day_cues' must be a list of words"),
])
def test_a_bad_date_file_is_refused(change, problem):
    data = json.loads(json.dumps(dates_mod._data()))
    change(data)
    with pytest.raises(RuleError, match=problem):
        dates_mod.check_data(data, "models/dates.json")


def _rule(data: dict, kind: str) -> int:
    return next(i for i, r in enumerate(data["patterns"]) if r["id"] == kind)


def test_a_weekday_after_a_week_named_in_its_sentence_is_that_week_s_day(finder):
    posted = dt.date(2024, 9, 15)  # a Sunday
    got = found(finder, "Last week I swam 2 km on Monday and 3 km on Friday.", posted)
    assert [d.value for d in got] == [dt.date(2024, 9, 2), dt.date(2024, 9, 2), dt.date(2024, 9, 6)]
    # in a sentence of its own a weekday is the last one before the post date
    got = found(finder, "Last week was hard. On Friday I swam 3 km.", posted)
    assert [d.value for d in got] == [dt.date(2024, 9, 2), dt.date(2024, 9, 13)]
