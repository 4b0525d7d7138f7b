"""The rule files of fitpost_status and fitpost_dates are checked when loaded: a malformed rule is an error
that names the file, the rule's index and its first trigger; and what a status means, and which way a
date points, each come from one table."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from fitpost import resources, statuses
from fitpost.components import dates as dates_mod
from fitpost.components import status as status_mod
from fitpost.components.dates import check_data, direction_words, make_dates, resolve
from fitpost.components.status import check_rules, make_status
from fitpost.errors import FitpostError
from fitpost.patterns import RuleError

SOURCE = "models/status_rules.json"


def shipped_rules() -> dict:
    return copy.deepcopy(resources.load_json("status_rules.json"))


def rule_index(data: dict, first_literal: str) -> int:
    """The index of the rule whose first literal is ``first_literal``."""
    return next(i for i, r in enumerate(data["rules"])
                if isinstance(r.get("literal"), list) and r["literal"][0] == first_literal)


def test_the_shipped_rules_pass():
    data = shipped_rules()
    rules = check_rules(data, SOURCE)
    assert len(rules) > 40
    assert all(set(entry) != {"_"} for _, entry in rules)  # comments are left out


@pytest.mark.parametrize("change, problem", [
    ({"diretion": "forward"}, r"unknown key 'diretion'"),
    ({"direction": "foward"}, r"bad direction 'foward'"),
    ({"category": "negatd"}, r"unknown category 'negatd'"),
    ({"max_scope": 0}, r"bad max_scope 0"),
    ({"comma": "yes"}, r"'comma', 'labels', 'overlap', 'ends_labels' and 'participles' are true or false"),
    ({"labels": "yes"}, r"'comma', 'labels', 'overlap', 'ends_labels' and 'participles' are true or false"),
    ({"ends_labels": "yes"}, r"'comma', 'labels', 'overlap', 'ends_labels' and 'participles' are true or false"),
    ({"participles": "yes"}, r"'comma', 'labels', 'overlap', 'ends_labels' and 'participles' are true or false"),
    ({"target": "adjective"}, r"bad target 'adjective'"),
    ({"if_past": "done"}, r"unknown if_past category 'done'"),
    ({"if_progressive": "underway"}, r"unknown if_progressive category 'underway'"),
    ({"requires": "today"}, r"'requires' is a list of words"),
])
def test_a_bad_rule_is_named_with_its_file_index_and_first_trigger(change, problem):
    data = shipped_rules()
    i = rule_index(data, "not")
    data["rules"][i].update(change)
    with pytest.raises(RuleError, match=rf'^models/status_rules\.json: rule {i} \("not"\): {problem}'):
        check_rules(data, SOURCE)


@pytest.mark.parametrize("trigger", [
    {"literal": []},
    {"literal": ""},
    {"literal": ["no", "  "]},
    {"pattern": []},
    {"pattern": [[]]},
    {"literal": [], "pattern": []},
])
def test_an_empty_trigger_is_an_error(trigger):
    data = shipped_rules()
    i = rule_index(data, "no")
    entry = {k: v for k, v in data["rules"][i].items() if k not in ("literal", "pattern")}
    data["rules"][i] = {**entry, **trigger}
    with pytest.raises(RuleError, match=rf"^models/status_rules\.json: rule {i} \(.*\): empty trigger"):
        check_rules(data, SOURCE)


def test_a_pattern_rule_is_named_by_its_first_pattern():
    data = shipped_rules()
    i = next(i for i, r in enumerate(data["rules"]) if "pattern" in r and "literal" not in r)
    data["rules"][i]["direction"] = "sideways"
    with pytest.raises(RuleError, match=rf'rule {i} \(\[\{{"ORTH": .*\): bad direction'):
        check_rules(data, SOURCE)


def test_a_rule_without_category_is_not_taken_for_a_comment():
    data = shipped_rules()
    data["rules"].append({"_": "forgot the category", "literal": ["someday soon"]})
    with pytest.raises(RuleError, match=r'rule \d+ \("someday soon"\): unknown category None'):
        check_rules(data, SOURCE)


@pytest.mark.parametrize("change, problem", [
    (lambda c: c["planned"].update(family="time"), r"category 'planned': the keys are"),
    (lambda c: c["planned"].update(status="scheduled"), r"category 'planned': status 'scheduled' is not one of"),
    (lambda c: c["planned"].pop("priority"), r"category 'planned' needs a whole-number priority"),
    (lambda c: c["PSEUDO"].update(status="negated"), r"category 'PSEUDO' has no status"),
    (lambda c: c.pop("ongoing"), r"the categories \['ongoing'\] are missing"),
])
def test_categories_are_checked(change, problem):
    data = shipped_rules()
    change(data["categories"])
    with pytest.raises(RuleError, match=rf"^models/status_rules\.json: {problem}"):
        check_rules(data, SOURCE)


def test_the_defaults_are_checked():
    data = shipped_rules()
    data["defaults"]["direction"] = "backwards"
    with pytest.raises(RuleError, match=r"defaults: bad direction 'backwards'"):
        check_rules(data, SOURCE)


def test_the_component_refuses_a_bad_rule_file(blank_nlp, monkeypatch):
    data = shipped_rules()
    data["rules"][rule_index(data, "not")]["direction"] = "foward"
    real = resources.load_json
    monkeypatch.setattr(resources, "load_json", lambda name: data if name == "status_rules.json" else real(name))
    with pytest.raises(RuleError, match=r"models/status_rules\.json: rule \d+ \(\"not\"\): bad direction") as err:
        make_status(blank_nlp, "fitpost_status", "status_rules.json")
    assert isinstance(err.value, FitpostError) and isinstance(err.value, ValueError)


# -- what a category's status means comes from fitpost.statuses ----------------------------------

def test_whether_a_category_is_real_comes_from_the_statuses_table(blank_nlp):
    tagger = make_status(blank_nlp, "fitpost_status", "status_rules.json")
    assert tagger.real == {c: statuses.is_real(s) for c, s in tagger.category_status.items()}
    assert {c for c, real in tagger.real.items() if not real} == {"negated", "hypothetical"}


def _tag(nlp, tagger, text: str, word: str) -> str:
    from fitpost import ext
    doc = nlp(text)
    start = text.index(word)
    span = doc.char_span(start, start + len(word), label="act")
    ext.group(doc, ext.ACTIVITIES).append(span)
    span._.fp_activity = ext.ActivityInfo(activity="running", form="verb")
    tagger(doc)
    return doc.spans[ext.ACTIVITIES][0]._.fp_status.status


def test_priority_orders_cues_within_real_and_within_dismissed_only(blank_nlp, monkeypatch):
    """A hypothetical cue beats a planned one because hypothetical is not a real status, whatever its priority."""
    data = shipped_rules()
    data["categories"]["hypothetical"]["priority"] = 0  # below every real category
    real = resources.load_json
    monkeypatch.setattr(resources, "load_json", lambda name: data if name == "status_rules.json" else real(name))
    tagger = make_status(blank_nlp, "fitpost_status", "status_rules.json")
    assert _tag(blank_nlp, tagger, "I will run the loop if it stops raining.", "run") == "hypothetical"


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

def test_date_direction_words_are_one_pair_read_by_both_components(blank_nlp):
    past, future = direction_words()
    data = resources.load_json("dates.json")
    assert past == set(data["past_words"]) and future == set(data["future_words"])
    assert {"yesterday", "ago", "last", "earlier"} <= past and {"tomorrow", "next", "later"} <= future
    assert not past & future
    tagger = make_status(blank_nlp, "fitpost_status", "status_rules.json")
    finder = make_dates(blank_nlp, "fitpost_dates", "dates.json", True)
    assert (tagger.past_date_words, tagger.future_date_words) == (past, future)
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


def test_status_rules_name_their_engine_keys_in_file_order(blank_nlp):
    tagger = make_status(blank_nlp, "fitpost_status", "status_rules.json")
    indices = [int(k.rsplit("_", 1)[1]) for k in tagger.matcher.keys]
    assert indices == sorted(indices) and len(indices) == len(tagger.rules)
    assert all(isinstance(rule, status_mod.Rule) for rule in tagger.rules.values())
