"""The rule files of fitpost_status and fitpost_dates are checked when loaded: a malformed rule is an error
that names the file, the rule's index and its first trigger; and which way a date points comes from one
pair of word lists."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from fitpost import resources
from fitpost.components import dates as dates_mod
from fitpost.components.dates import check_data, direction_words, make_dates, resolve
from fitpost.patterns import RuleError


# -- dates.json ---------------------------------------------------------------------------------

DATES = "models/dates.json"


def shipped_dates() -> dict:
    return copy.deepcopy(resources.load_json("dates.json"))


def test_the_shipped_date_rules_pass():
    check_data(shipped_dates(), DATES)


@pytest.mark.parametrize("change, problem", [
    (lambda r: r.update(snapp=True), r"unknown key 'snapp'"),
    (lambda r: r.update(granularity="fortnight"), r"bad granularity 'fortnight'"),
    (lambda r: r.update(patterns=[]), r"empty trigger"),
    (lambda r: r["patterns"].append([]), r"empty trigger"),
    (lambda r: r["patterns"][0].insert(0, {"SET": "MONTHS"}), r"unknown SET 'MONTHS'"),
    (lambda r: r["patterns"][0].insert(0, {"RE": "DAY"}), r"unknown RE 'DAY'"),
    (lambda r: r.update(relative="yes"), r"'relative' and 'snap' are true or false"),
])
def test_a_bad_date_rule_is_named(change, problem):
    data = shipped_dates()
    i = next(i for i, r in enumerate(data["patterns"]) if r["id"] == "ago")
    change(data["patterns"][i])
    named = rf"^models/dates\.json: patterns rule {i} \('ago', first trigger .*\): {problem}"
    with pytest.raises(RuleError, match=named):
        check_data(data, DATES)


@pytest.mark.parametrize("change, problem", [
    (lambda r: r.update(regex="(19|20"), r"bad regex"),
    (lambda r: r.update(regex=""), r"empty trigger"),
    (lambda r: r.update(flags="i"), r"unknown key 'flags'"),
])
def test_a_bad_numeric_date_rule_is_named(change, problem):
    data = shipped_dates()
    change(data["numeric"][0])
    with pytest.raises(RuleError, match=rf"^models/dates\.json: numeric rule 0 \('iso', .*\): {problem}"):
        check_data(data, DATES)


def test_the_date_component_refuses_a_bad_rule_file(blank_nlp, monkeypatch):
    data = shipped_dates()
    data["patterns"][0]["granularity"] = "hour"
    real = resources.load_json
    monkeypatch.setattr(resources, "load_json", lambda name: data if name == "dates.json" else real(name))
    with pytest.raises(RuleError, match=r"models/dates\.json: patterns rule 0 \('rel_day'.*bad granularity 'hour'"):
        make_dates(blank_nlp, "fitpost_dates", "dates.json", True)


# -- which way a date points: one pair of word lists, read by both components --------------------

def test_date_direction_words_are_one_pair(blank_nlp):
    past, future = direction_words()
    data = resources.load_json("dates.json")
    assert past == set(data["past_words"]) and future == set(data["future_words"])
    assert {"yesterday", "ago", "last", "earlier"} <= past and {"tomorrow", "next", "later"} <= future
    assert not past & future
    finder = make_dates(blank_nlp, "fitpost_dates", "dates.json", True)
    assert (finder.past_words, finder.future_words) == (past, future)


@pytest.mark.parametrize("phrase", ["earlier today", "later today", "earlier this week", "later this month",
                                    "later this evening", "earlier this year"])
def test_earlier_and_later_dates_read_the_same_either_way(phrase):
    """'earlier'/'later' point a date back or ahead for the status, and the date itself reads the same
    whichever way is preferred, so one word list serves both components."""
    for posted in (dt.date(2025, 3, 5), dt.date(2024, 12, 31), dt.date(2024, 2, 29)):
        assert resolve(phrase, posted, "past") == resolve(phrase, posted, "future"), (phrase, posted)


def test_month_words_move_a_bare_month_a_year():
    assert resolve("last April", dt.date(2025, 4, 10), kind="month").value == dt.date(2024, 4, 1)
    assert resolve("next April", dt.date(2025, 4, 10), kind="month").value == dt.date(2026, 4, 1)
    assert resolve("April", dt.date(2025, 4, 10), kind="month").value == dt.date(2025, 4, 1)


def test_dateparser_is_given_settings_through_its_public_api():
    parser = dates_mod._parser(dt.date(2025, 3, 5), "future")
    assert parser is dates_mod._parser(dt.date(2025, 3, 5), "future")  # one per post date and preference
    assert parser.get_date_data("in 2 days").date_obj.date() == dt.date(2025, 3, 7)
