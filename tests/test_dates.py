"""fitpost_dates: date expressions found by rules and resolved against the post date."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import spacy

from fitpost import ext
from fitpost.components import dates as dates_mod
from fitpost.components.dates import make_dates, resolve
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
    ("We set off on the 15th and reached the coast in a week.", D(2025, 3, 3), "the 15th", D(2025, 2, 15), "day"),
    ("In May we paddled down the river.", D(2025, 3, 5), "May", D(2024, 5, 1), "month"),
    ("This weekend I swam at the lake.", D(2025, 3, 5), "This weekend", D(2025, 3, 1), "week"),
    ("Later this month I will hike again.", D(2025, 3, 5), "Later this month", D(2025, 3, 1), "month"),
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
    "The Sunday Times called her a legend.",
    "On the 3rd day we covered 40 km.",
    "May you run far and free.",
    "She told India Today about the swim.",
    "Cycled 90 km: 3.8.18 firmware on the bike computer.",
])
def test_not_a_date(finder, text):
    assert found(finder, text, SAT) == []


def test_news_dateline_is_not_an_activity_date(finder):
    refs = found(finder, "Pune, March 3 (PTI) Runner Ira Sen ran 50 km yesterday.", D(2025, 3, 3))
    assert [r.text for r in refs] == ["yesterday"]


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
                  "march 3, 2019", "3 march 2019", "3rd of march 2019", "august 22nd, 2021", "29 february 2020",
                  "this week", "last month", "next month", "this year", "last year", "2019", "june 2019",
                  "april", "december", "march 3", "3rd of march", "october 31st"]


@pytest.mark.parametrize("prefer", ["past", "future"])
def test_phrases_read_without_dateparser_read_as_dateparser_reads_them(prefer):
    compared = 0
    for k in range(0, 60, 2):
        base = D(2024, 2, 20) + dt.timedelta(days=k * 13)  # across months, years and a 29 February
        for phrase in NATIVE_PHRASES:
            native = dates_mod._native(phrase, base, prefer)
            if native is None:
                continue  # the post's own day, or a day that year lacks: dateparser's
            data = dates_mod._parser(base, prefer).get_date_data(phrase)
            assert native[0] == data.date_obj.date(), (phrase, base, prefer)
            compared += 1
    assert compared >= 29 * len(NATIVE_PHRASES)
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
    assert again.get_pipe("fitpost_dates").config == {"data": "dates.json", "near_activities": True}
    assert values(again.pipe(with_post_date(again, TEXTS))) == WANT


def test_dates_with_two_processes():
    nlp = date_pipeline()
    docs = list(nlp.pipe(with_post_date(nlp, TEXTS), n_process=2))
    assert values(docs) == WANT
    assert isinstance(docs[0].spans[ext.DATES][0]._.fp_date, DateRef)


def test_after_fitpost_activities_only_sentences_with_an_activity_are_searched(blank_extractor):
    doc = blank_extractor.nlp("Cycled 40 km last Sunday. The shop opens on Monday.")
    assert [s.text for s in doc.spans[ext.DATES]] == ["last Sunday"]


def test_near_activities_off_or_alone_finds_every_date():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitpost_dates")  # alone: no activity spans to go by
    doc = nlp("Cycled 40 km last Sunday. The shop opens on Monday.")
    assert [s.text for s in doc.spans[ext.DATES]] == ["last Sunday", "Monday"]
