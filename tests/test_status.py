"""fitpost_status: every status category, pseudo-triggers, terminators and tense defaults.

Activity mentions are marked by hand in the test texts: ``[ran]`` is a verb
mention, ``{marathon}`` a noun mention, so these tests do not depend on the
activity finder.  Each case runs on blank English (with a sentencizer) and on
the statistical pipeline.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy
from conftest import least_cpu
from spacy.language import Language
from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.dates import make_dates
from fitpost.components.status import make_status

MARK = re.compile(r"\[([^\]]+)\]|\{([^}]+)\}")


def parse_marks(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text and the (start, end, form) of each marked mention."""
    text, spans, pos = "", [], 0
    for m in MARK.finditer(marked):
        text += marked[pos:m.start()]
        word = m.group(1) or m.group(2)
        spans.append((len(text), len(text) + len(word), "verb" if m.group(1) else "noun"))
        text += word
        pos = m.end()
    return text + marked[pos:], spans


def add_mentions(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    group = ext.group(doc, ext.ACTIVITIES)
    for start, end, _form in spans:
        span = doc.char_span(start, end, label="act")
        assert span is not None, (doc.text, start, end)
        group.append(span)
    for span, (_, _, form) in zip(group, spans):
        span._.fp_activity = ext.ActivityInfo(activity="running", form=form)


@pytest.fixture(scope="module", params=["blank", "sm"])
def tagger(request):
    """(nlp, dates, status): a base pipeline and the two components built on its vocab."""
    nlp = request.getfixturevalue("blank_nlp" if request.param == "blank" else "sm_nlp")
    return nlp, make_dates(nlp, "fitpost_dates", "dates.json"), make_status(nlp, "fitpost_status", "status_rules.json")


def statuses(tagger, marked: str, posted_at: dt.date | None = dt.date(2025, 3, 5)) -> list[ext.StatusInfo]:
    nlp, dates, status = tagger
    text, spans = parse_marks(marked)
    doc = nlp.make_doc(text)
    doc._.fp_posted_at = posted_at
    doc = nlp(doc)
    add_mentions(doc, spans)
    status(dates(doc))
    return [s._.fp_status for s in doc.spans[ext.ACTIVITIES]]


def check(tagger, marked: str, *expected: str) -> list[ext.StatusInfo]:
    got = statuses(tagger, marked)
    assert [s.status for s in got] == list(expected), (marked, got)
    return got


CASES = {
    "completed": [
        ("Can you believe I [ran] 10 km today?", ["completed"]),
        ("[Ran] 10k along the canal with the club this morning.", ["completed"]),
        ("Just finished my first {half marathon} in 1:58!", ["completed"]),
        ("The pair covered 31 km on the opening day of their {walk}.", ["completed"]),
        ("Sunday long {run} done ✅ 18 km in the drizzle.", ["completed"]),
        ("Meera [swam] 3 km in the lake a couple of weeks ago.", ["completed"]),
        ("It was her longest {ride} so far and she loved every minute.", ["completed"]),
        ("Honestly one of my smoothest {runs} so far.", ["completed"]),
        ("Not only did I [run] 12k, I also [swam] 1 km.", ["completed", "completed"]),
        ("This was no ordinary {hike}.", ["completed"]),
        ("I couldn't have asked for a better {run}.", ["completed"]),
        ("They started the day with a 10 km {run} by the sea.", ["completed"]),
        ("He [cycled] 80 km and [ran] 15 km daily during the challenge.", ["completed", "completed"]),
        ("Tanvi Rao [Runs] The Hill Marathon Barefoot", ["completed"]),
        ("In the clip, the actor can be seen doing 30 {push-ups} on the lawn.", ["completed"]),
        ("I [ran] 10k yesterday and will [run] again tomorrow.", ["completed", "planned"]),
    ],
    "ongoing": [
        ("Day 4 of my 12-day {trek} across the valley, knees holding up.", ["ongoing"]),
        ("The team is on the last leg of their {cycling} expedition.", ["ongoing"]),
        ("Kicked off my 500 km {run} to the coast today!", ["ongoing"]),
        ("About 240 km of {cycling} so far this week.", ["ongoing"]),
        ("Arjun is [cycling] through the desert right now.", ["ongoing"]),
        ("Farah is [walking] across the state to raise funds.", ["ongoing"]),
    ],
    "planned": [
        ("Nisha plans to [cycle] from Nashik to Pune next month.", ["planned"]),
        ("We will [swim] across the bay on Sunday.", ["planned"]),
        ("Organisers expect more than 9,000 runners at this year's Larkspur {Marathon}.", ["planned"]),
        ("I expect to [swim] the 5 km in under two hours.", ["planned"]),
        ("I'm going to [walk] 5,000 km this year.", ["planned"]),
        ("My goal this year is to [run] 1,000 miles.", ["planned"]),
        ("We have the Larkspur {race} lined up for the autumn.", ["planned"]),
        ("Three months of training for the city {marathon}.", ["planned"]),
        ("The {walkathon}, starting on 2nd October, covers 30 villages.", ["planned"]),
        ("He went for a 10 km {run} before [cycling] the last 60 km home.", ["completed", "planned"]),
        ("Tomorrow we [hike] to the summit.", ["planned"]),
        ("Can't wait to [run] the trail race!", ["planned"]),
        ("All set for the solo {ride} to the border.", ["planned"]),
    ],
    "habitual": [
        ("I [swim] every morning before work.", ["habitual"]),
        ("She has [swum] 2 km every day for ten years.", ["habitual"]),
        ("Rahul usually [runs] barefoot on the beach.", ["habitual"]),
        ("I have been doing 40 {squats} every evening.", ["habitual"]),
        ("Kabir, who never misses a {workout}, is 70.", ["habitual"]),
        ("He [cycles] to the office.", ["habitual"]),
        # a participle after the comma goes on with the routine's clause
        ("Elin rides every morning, [clocking] 30 km before work.", ["habitual"]),
        ("Jonas rides three times a week, [commuting] 12 km each way.", ["habitual"]),
    ],
    "hypothetical": [
        ("It is not necessary for everyone to [run] 400 km in a week.", ["hypothetical"]),
        ("Hill {run} days are my favourite.", ["hypothetical"]),
        ("Long {swims} are my favourite.", ["hypothetical"]),
        ("Participants must [walk] 5 km a day for a month.", ["hypothetical"]),
        ("Twenty {squats} a day is enough to start.", ["hypothetical"]),
        ("If it's hot, I [run] on the treadmill.", ["hypothetical"]),
        ("You should [stretch] after every session.", ["hypothetical"]),
        ("I want to encourage everyone to [walk] more.", ["hypothetical"]),
        ("You can [swim] in any weather.", ["hypothetical"]),
        ("You don't have to [run] a marathon to be fit.", ["hypothetical"]),
        ("{Swimming} is good for your joints.", ["hypothetical"]),
        ("Go for a {walk} after dinner.", ["hypothetical"]),
        ("I wish I could [dance] like her.", ["hypothetical"]),
        ("Should I [swim] tomorrow?", ["hypothetical"]),
        ("How long did it take you to [run] your first {marathon}?", ["hypothetical", "hypothetical"]),
        ("Doctors say [walking] for 30 minutes a day can reduce the risk of diabetes.", ["hypothetical"]),
        ("The challenge requires participants to [walk] 10,000 steps daily.", ["hypothetical"]),
        ("The best athletes will finish the {workout} inside 4 minutes.", ["hypothetical"]),
        ("The fastest will [swim] the course in about an hour.", ["hypothetical"]),
    ],
    "negated": [
        ("I didn't [run] today, legs too sore.", ["negated"]),
        ("Couldn't make it to the {pool} this week.", ["negated"]),
        ("Skipped my {ride} because of the rain.", ["negated"]),
        ("Rest day, no {workout} today.", ["negated"]),
        ("She pulled out of the {race} with a calf strain.", ["negated"]),
        ("DNF at mile 18 of the Larkspur {Marathon} after a calf strain.", ["negated"]),
        ("The {10k} was cancelled due to heavy rain.", ["negated"]),
        ("I have never [run] a full marathon.", ["negated"]),
        ("I [walked] instead of [running] today.", ["completed", "negated"]),
        ("Swapped my long {run} for a {swim} today.", ["negated", "completed"]),
        ("A sore knee kept us from [rowing] on Saturday.", ["negated"]),
        ("Last year the heat always prevented me from [running] 12 km.", ["negated"]),
    ],
}


@pytest.mark.parametrize("category,marked,expected",
                         [(c, m, e) for c, cases in CASES.items() for m, e in cases],
                         ids=[f"{c}-{i}" for c, cases in CASES.items() for i in range(len(cases))])
def test_status_category(tagger, category, marked, expected):
    check(tagger, marked, *expected)


def test_but_ends_the_negation_scope(tagger):
    got = check(tagger, "I didn't [race] on Sunday, but my sister [raced] in the elite wave.",
                "negated", "completed")
    assert got[0].cue.lower() == "didn't"


def test_lined_up_after_its_subject_took_part(tagger):
    """"lined up" as a finite verb tells a start made, not a race arranged"""
    check(tagger, "She trained all spring and in July, lined up for the Larkspur {race}.", "completed")
    check(tagger, "I lined up at the start of the Brackenfold {race} with Tamsin.", "completed")


def test_while_ends_the_scope_of_a_cue_before_it(tagger):
    """a clause of "while" tells what happened alongside; a cue of the main clause does not reach it"""
    check(tagger, "I kept my phone in a belt so I did not need to carry it while I [ran].", "completed")
    # with no subject of its own, the clause is of the plan
    check(tagger, "She plans to finish the virtual race while [cycling] home.", "planned")


def test_a_daily_count_told_in_the_present_progressive_is_a_streak_under_way(tagger):
    got = check(tagger, "All through June I'm [rowing] 10 km a day for the hospice.", "ongoing")
    assert got[0].frequency == "daily"
    check(tagger, "I [walk] 10,000 steps a day.", "habitual")


def test_a_span_of_time_spent_is_no_routine(tagger):
    check(tagger, "Her {swim} last Sunday closed a month of raising money for the hospice.", "completed")
    check(tagger, "I [ran] 5 km a month after the operation.", "completed")  # a past verb with a period: done


def test_just_after_a_subject_leaves_the_tense_to_decide(tagger):
    """'just' after its subject means only or simply: a verb in the present is a routine, one in the past done"""
    check(tagger, "I just [swim] slowly until my arms tire.", "habitual")
    check(tagger, "We just [rode] 40 km to the coast.", "completed")
    check(tagger, "Just [finished] my first 10k!", "completed")


def test_a_routine_time_opening_the_sentence_reaches_past_its_comma(tagger):
    weekly = check(tagger, "On Thursdays, our club night, we [ride] to the coast.", "habitual")[0]
    assert weekly.frequency == "weekly"
    daily = check(tagger, "Every morning, before work, I [swim] 40 lengths.", "habitual")[0]
    assert daily.frequency == "daily"


def test_starting_ones_day_with_a_session_is_a_daily_routine(tagger):
    """Told in the present, a routine; in the progressive, one under way; in the past, one day's session."""
    assert check(tagger, "Ottilie starts her day with a 5 km {run}.", "habitual")[0].frequency == "daily"
    assert check(tagger, "I begin my mornings with a 2 km {swim}.", "habitual")[0].frequency == "daily"
    assert check(tagger, "This month the club is beginning each day by [jogging] round the park.", "ongoing")[0] \
        .frequency == "daily"
    assert check(tagger, "Started my day with a 10 km {run}.", "completed")[0].frequency is None


def test_a_days_label_in_a_story_told_in_the_past_tells_that_day_done(tagger):
    """"Day 2" is a journey under way, but a day's session no verb governs, told among verbs in the past, was done."""
    check(tagger, "Day 2 on the Tarnside Coast Path: a 12 mile {walk} in heavy rain. We reached Marlow Vale by four.",
          "completed")
    check(tagger, "Day 2 on the Tarnside Coast Path: a 12 mile {walk} in heavy rain ahead of us.", "ongoing")


def test_a_comma_and_before_a_number_goes_on_with_a_list(tagger):
    check(tagger, "The rest of the week is 8 km, 5 km, and 16 km for my long {run}.", "planned")


def test_the_items_of_a_list_of_activity_words_share_the_first_ones_status(tagger):
    got = statuses(tagger, "The club is challenging its members to [walk], [run] or [ride] 50 miles this month.")
    assert len({s.status for s in got}) == 1 and got[0].status != "completed"


def test_sessions_over_the_last_few_weeks_are_a_series(tagger):
    check(tagger, "I've been pleased with my pace on these 8 km {runs} the past 3 weeks.", "habitual")
    check(tagger, "I [rode] 300 km the past 2 weeks.", "completed")


def test_what_a_whole_group_did_is_no_ones_session(tagger):
    check(tagger, "Well done to all who swam their first 5k {swim} today.", "hypothetical")
    check(tagger, "Everyone who [rode] the 50 km loop got a medal.", "hypothetical")
    check(tagger, "I was one of those who finished the 10k {swim} in the rain.", "completed")


def test_cue_text_and_offset_are_kept(tagger):
    marked = "Aisha plans to [cycle] to the lake."
    got = check(tagger, marked, "planned")[0]
    text, _ = parse_marks(marked)
    assert got.cue == "plans to" and text[got.cue_start:got.cue_start + len(got.cue)] == "plans to"


def test_habitual_cue_gives_frequency(tagger):
    got = check(tagger, "I [run] 5 km every morning.", "habitual")[0]
    assert got.frequency == "daily"
    weekly = check(tagger, "We [hike] every Sunday with the kids.", "habitual")[0]
    assert weekly.frequency == "weekly"


def test_frequency_kept_when_another_cue_wins(tagger):
    got = check(tagger, "Ten {push-ups} a day is enough to start.", "hypothetical")[0]
    assert got.frequency == "daily"


def test_default_has_no_cue(tagger):
    got = check(tagger, "Zoya [rode] 60 km to the fort.", "completed")[0]
    assert got.cue is None and got.cue_start is None


def test_past_and_future_dates_are_cues(tagger):
    got = statuses(tagger, "The {race} on 3 March 2024 was brutal; the {race} on 9 March 2026 is my next goal.")
    assert [s.status for s in got] == ["completed", "planned"]


def test_a_past_ability_told_with_its_amount_is_what_was_done(tagger):
    check(tagger, "Two winters ago I could barely [run] 2 km without stopping.", "completed")
    check(tagger, "My shoulder was sore, so I could only [swim] 20 lengths.", "completed")
    check(tagger, "After the marathon I could barely [walk] for two days.", "hypothetical")  # no amount of it
    check(tagger, "If I could [run] 5 km I would be so happy.", "hypothetical")


def test_pseudo_triggers_block_negation(tagger):
    check(tagger, "No wonder she [ran] so well.", "completed")
    check(tagger, "Not just a {run}, it was a celebration.", "completed")


def test_what_the_writer_can_do_is_an_ability_not_a_wish(tagger):
    [ability] = statuses(tagger, "In 25 mins I can now [run] 4K without stopping.")
    assert ability.status in ("completed", "habitual") and ability.cue is None
    check(tagger, "I hope I can [swim] 2 km by June.", "hypothetical")
    check(tagger, "You can [run] it in any weather.", "hypothetical")
    check(tagger, "If I can [run] 10 km next month I will be happy.", "hypothetical")


def test_a_denied_verb_that_takes_the_session_as_given_does_not_deny_it(tagger):
    check(tagger, "The tight cap didn't hamper my {swimming} one bit.", "completed")
    check(tagger, "The rain did not spoil our {ride}.", "completed")
    check(tagger, "I never regretted that {run}.", "completed")
    check(tagger, "The rain meant I didn't get my {run} in.", "negated")


def test_no_hypothetical_or_negated_text_comes_out_completed(tagger):
    dismissed = [m for c in ("hypothetical", "negated") for m, e in CASES[c]
                 if all(x == c for x in e)]
    for marked in dismissed:
        assert all(s.status != "completed" for s in statuses(tagger, marked)), marked


def test_doc_without_mentions_is_untouched(tagger):
    nlp, dates, status = tagger
    doc = status(dates(nlp("Lovely sunrise over the bay today.")))
    assert len(ext.group(doc, ext.ACTIVITIES)) == 0


# -- pipeline behaviour: a stand-in activity marker so the component runs inside nlp ------------

VERBS = {"ran", "run", "swim", "swam", "cycled", "walk", "walked"}


@Language.component("test_status_marker")
def _marker(doc: Doc) -> Doc:
    group = ext.group(doc, ext.ACTIVITIES)
    for token in doc:
        if token.lower_ in VERBS:
            group.append(doc[token.i:token.i + 1])
    for span in group:
        span._.fp_activity = ext.ActivityInfo(activity="running", form="verb")
    return doc


def status_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_status_marker")
    nlp.add_pipe("fitpost_dates")
    nlp.add_pipe("fitpost_status")
    return nlp


TEXTS = ["Ran 8 km by the river.", "I will swim tomorrow.", "I didn't walk today.",
         "We walk every evening."]
WANT = [["completed"], ["planned"], ["negated"], ["habitual"]]


def test_status_round_trips_through_disk(tmp_path):
    nlp = status_pipeline()
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.get_pipe("fitpost_status").config == {"rules": "status_rules.json", "dates": "dates.json"}
    got = [[s._.fp_status.status for s in d.spans[ext.ACTIVITIES]] for d in again.pipe(TEXTS)]
    assert got == WANT


def test_status_with_two_processes():
    nlp = status_pipeline()
    got = [[s._.fp_status for s in d.spans[ext.ACTIVITIES]] for d in nlp.pipe(TEXTS, n_process=2)]
    assert [[s.status for s in d] for d in got] == WANT
    assert isinstance(got[3][0], ext.StatusInfo) and got[3][0].frequency == "daily"


def test_a_first_line_with_no_closing_punctuation_is_a_headline_of_what_was_done(tagger):
    check(tagger, "Retired postman [walks] the length of the coast in nine days\n\nHe set off in May.", "completed")


def test_a_season_named_with_every_is_a_yearly_routine(tagger):
    got = check(tagger, "Every summer we [swim] across the lake.", "habitual")[0]
    assert got.frequency == "yearly"


def test_a_two_word_verb_whose_first_word_says_how_takes_the_tense_of_its_last(tagger):
    check(tagger, "Tamsin set up the rope and I [top roped] the same route.", "completed")
    check(tagger, "We [power walked] round the park after lunch.", "completed")


def test_the_purpose_of_a_plan_is_planned_not_a_wish(tagger):
    check(tagger, "I have plans to head out with Tamsin this month so I can finally do the long {ride}.", "planned")
    check(tagger, "We are heading to the Brackenfold hills next week so we can tick off the big {climb}.", "planned")
    check(tagger, "I want to lose some weight so I can [run] faster.", "hypothetical")


def test_an_attempt_told_in_the_future_is_a_plan(tagger):
    check(tagger, "Ottilie will attempt to [swim] the Larkspur Sound next month.", "planned")
    check(tagger, "I will try to [run] 10 km on Sunday.", "planned")
    check(tagger, "Every year people attempt to [swim] the channel.", "hypothetical")


def test_a_decision_or_vow_about_what_is_ahead_is_a_plan(tagger):
    check(tagger, "I have decided to [swim] every day for 30 days.", "planned")
    check(tagger, "This spring I'm challenging myself to [row] 2 km every morning.", "planned")
    check(tagger, "After the race Tamsin vowed to [ride] the whole route again next year.", "planned")
    # a bare past "decided to" in a story tells what happened
    check(tagger, "On Sunday I decided to [run] down to the lake and back.", "completed")


def test_a_log_line_opening_with_its_activity_word_is_no_present_tense(extractor):
    """A line of a training log has no subject: a tagger's present tense for its first word ("Run" after
    a line break) says nothing, so it is a session done, not a routine."""
    post = extractor.extract("Bike 45 min - 20km\nRun 15 min - 3km")
    assert [(a.activity, a.status) for a in post.activities] == [("cycling", "completed"), ("running", "completed")]


def _status_seconds(nlp, sessions: int) -> float:
    """The least CPU time of fitpost_status, on blank English, on one sentence of ``sessions`` past
    sessions with no end mark."""
    dates, status = make_dates(nlp, "fitpost_dates", "dates.json"), make_status(nlp, "fitpost_status",
                                                                               "status_rules.json")
    text = "I ran 5 km and " * sessions
    doc = dates(nlp(nlp.make_doc(text)))
    add_mentions(doc, [(m.start(), m.end(), "verb") for m in re.finditer("ran", text)])
    return least_cpu(lambda: status(doc))


def test_reading_a_long_sentence_of_sessions_grows_in_step_with_it(blank_nlp):
    # four times the sessions: about four times the time when linear, sixteen times when quadratic (a rule
    # reading the words before each mention back to its sentence's start)
    small, large = (_status_seconds(blank_nlp, n) for n in (1_000, 4_000))
    assert large / small < 8, (small, large)
