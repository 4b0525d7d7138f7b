"""fitpost_status on the kinds of status error real posts show (issue 19): a plan told as
abandoned, a session replaced by another, a prediction, the generic "you" of a rule's steps, an
example after ", like", a routine counted per period, and "would" in a past story (one that tells how
often after a sentence in the past too).

Mentions are marked by hand as in test_status.py (``[ran]`` a verb, ``{marathon}`` a noun); each
case runs on blank English and on the statistical pipeline.
"""
from __future__ import annotations

import pytest
from test_status import check, statuses, tagger  # noqa: F401  (tagger is a fixture)

CASES = [
    # a plan reported as given up; a firm plan with "have" is still a plan
    ("The plan had been to [swim] to the island and back, but the ferry was late.", ["negated"]),
    ("Our original plan was to [hike] the ridge, then the fog came in.", ["negated"]),
    ("We have planned to [hike] 15 km tomorrow.", ["planned"]),
    ("I had planned to [run] 10 miles this morning but it poured.", ["negated"]),
    # a time on the clock after "in" is a result: the legs of a race report were done
    ("Tri done! [Swim] 1500 m in 28:40, [bike] 40 km in 1:15:02, [run] 10 km in 49:55.", ["completed"] * 3),
    ("I hope to [run] 10 km in 45:00 next month.", ["hypothetical"]),  # a hope outranks the result
    ("I had planned a long {run} on Sunday but ended up staying in bed.", ["negated"]),
    ("We had scheduled an easy {swim} for the morning, then the pool closed.", ["negated"]),
    # praise of a kind of session is talk about it; asking who else takes part tells the writer does
    ("Nothing beats a long {run} on a Sunday morning.", ["hypothetical"]),
    ("Who else is doing the Larkspur {10K} on Sunday?", ["planned"]),
    # an attempt told with "but" after it failed; one with "and" did not
    ("I tried to [run] 10 km but stopped at 6.", ["negated"]),
    ("I tried to [run] 10 km and managed it!", ["completed"]),
    # a session told as done in place of the one the writer could not do
    ("Can't [run] this week because of my knee, so [swimming] instead.", ["negated", "completed"]),
    ("I could go [swimming] instead.", ["hypothetical"]),
    # a bracket saying another session was done in its place
    ("800 m {run} (I opted for the bike instead)", ["negated"]),
    ("800 m {run} (Again, I chose the rower)", ["negated"]),
    # a prediction is no session
    ("The pace calculator says I could [run] a 41 minute {race} now.", ["hypothetical", "hypothetical"]),
    # the generic you of a challenge's rules reaches past the comma
    ("On day one you do a single {burpee}, building up to 60 {burpees} a day by the end.",
     ["hypothetical", "hypothetical"]),
    ("For this challenge you can [jog], [walk], [ride] or [run].", ["hypothetical"] * 4),
    # an example of what people do
    ("We raise money for kids who cannot do the things we do, like [walk] to school.", ["hypothetical"]),
    # counted sessions per period are a routine, in the past too; one session done daily is done
    ("Usually I aimed at two {swims}, two {rides}, and four {runs} a week.",
     ["habitual", "habitual", "habitual"]),
    ("I headed out on a hilly {ride} most weekends last summer.", ["habitual"]),
    ("I [ran] 12 km daily for a month.", ["completed"]),
    # "would" in a past story is a past habit; as a wish, a condition or "would have" it is not real
    ("We joined a club and would [cycle] 30 km along the river.", ["habitual"]),
    ("It was a hard winter and she would [trek] for seven hours to the next hut.", ["habitual"]),
    # ... but in a clause about a thing ahead, the plan then carried out
    ("We hired two canoes and planned a 40 km loop that they would [paddle] over the weekend.", ["completed"]),
    ("It was a hard winter, after which he would [row] for two hours a day.", ["habitual"]),
    # ... and so after a sentence told in the past, where it tells how often, unless "but" tells what stops it
    ("They crossed the strait in June. On the crossing they would [paddle] for ten hours each day.",
     ["habitual"]),
    ("He lived by the sea then. As a boy he would [swim] a mile every morning.", ["habitual"]),
    ("I ran 5 km on Monday. I would [run] every day but my knees hurt.", ["hypothetical"]),
    ("I ran 5 km on Monday. I would [run] along the river one day.", ["hypothetical"]),
    # a superlative picks out one session, whatever routine is around it
    ("We joined a club and would [cycle] 30 km along the river, my fastest {ride} of them 45 km.",
     ["habitual", "completed"]),
    ("My longest {run} will be 20 miles next week.", ["planned"]),
    ("If the weather holds, I would [run] the coast path.", ["hypothetical"]),
    ("I would have [run] the relay but my knee went.", ["hypothetical"]),
    ("I would love to [swim] the strait one day.", ["hypothetical"]),
    # someone on a journey now; a practice taken up is a routine
    ("She is on a [cycling] tour across the state to raise funds.", ["ongoing"]),
    ("I've started practising {yoga} on my own.", ["habitual"]),
    # a challenge of so many days is under way, unless told in the past
    ("Day 6 in my 30-day {plank} challenge, feeling great.", ["ongoing"]),
    ("100 Day {Burpee} Challenge", ["ongoing"]),
    ("Last spring I completed a 30-day {yoga} challenge.", ["completed"]),
    ("I'm starting a 30 day {plank} challenge tomorrow.", ["planned"]),
    # a video shows, in the present, a session that happened; a feeling about one's session
    ("The clip shows Priya and the club out on a {cycling} session by the sea.", ["completed"]),
    ("So pleased with my {run} today.", ["completed"]),
    ("I'm happy with my {running} these days.", ["habitual"]),
    # a list of feats is no routine
    ("Her list of feats includes three {marathons} and an {Ironman}.", ["completed", "completed"]),
    # what one thinks now makes no routine of the session it follows
    ("After the 150km {ride}, I guess my legs were used to longer distances.", ["completed"]),
    # a generic group doing what can be done; a named field's plan stays a plan
    ("Most runners will [walk] some of the hills.", ["hypothetical"]),
    ("The top riders will [race] on Sunday.", ["planned"]),
    # "could have" is what was not done
    ("I could have done more {swim} drills this winter.", ["hypothetical"]),
    # an attempt under way is a plan; one ended, or given up halfway, was not done
    ("Tom Okafor is attempting to [swim] 30 km across the lake this weekend.", ["planned"]),
    ("A knee injury ended his bid to [run] 100 marathons in 100 days.", ["negated"]),
    ("She gave up halfway through the 50 km {walk} because of blisters.", ["negated"]),
    # planning a session, or planning on one
    ("Planning a long {ride} with Tamsin.", ["planned"]),
    ("Planning my first {marathon} for the autumn.", ["planned"]),
    # "am" after a number is a time on the clock, not the verb
    ("Couldn't sleep, so went out for a 5am {run}.", ["completed"]),
    ("Went out for a 6 am {run} with Tamsin.", ["completed"]),
]


@pytest.mark.parametrize("marked, expected", CASES)
def test_status_kinds(tagger, marked, expected):  # noqa: F811
    check(tagger, marked, *expected)


def test_narrative_would_needs_a_past_verb_before_it(tagger):  # noqa: F811
    # no past verb before "would": a wish or a condition, as before
    assert statuses(tagger, "Honestly I would [cycle] there every day.")[0].status == "hypothetical"


def test_the_routine_keeps_its_frequency(tagger):  # noqa: F811
    got = statuses(tagger, "Usually I aimed at three {runs} a week.")
    assert (got[0].status, got[0].frequency) == ("habitual", "weekly")


def test_a_challenge_of_days_is_daily(tagger):  # noqa: F811
    got = statuses(tagger, "Day 6 in my 30-day {plank} challenge, feeling great.")
    assert (got[0].status, got[0].frequency) == ("ongoing", "daily")


def test_a_word_right_after_a_distance_is_a_noun_whatever_the_tagger_says(sm_extractor):
    post = sm_extractor.extract("Distance: 14.7 miles\n\nA muddy 12 mile walk across the Rhodri moor. "
                                "The moor marks the county border.")
    # a walk told without a verb under its log line: the session done, not a routine of walking
    assert [a.status for a in post.activities if a.evidence.text == "walk"] in ([], ["completed"])
    assert all(a.status == "completed" for a in post.activities)


def test_a_list_of_amounts_and_sessions_with_no_one_doing_them_is_no_routine(sm_extractor):
    post = sm_extractor.extract("Just finished my first sprint triathlon! 750m swim, 20k bike, 5k run in 1:28:40.")
    assert [(a.activity, a.status) for a in post.activities] == [
        ("triathlon", "completed"), ("swimming", "completed"), ("cycling", "completed"), ("running", "completed")]
    post = sm_extractor.extract("I do a 5k run before work.")  # a subject doing it in the present: a routine
    assert [a.status for a in post.activities] == ["habitual"]
    post = sm_extractor.extract("Leg day: 5x5 squats at 80kg, 3x10 lunges, 3x12 deadlifts. Feeling it already.")
    assert [a.status for a in post.activities] == ["completed"] * 3



def test_without_a_model_a_bare_verb_after_and_shares_the_first_verbs_tense(blank_extractor):
    # "I hop on my bike and ride": the present of a routine, not a session told without a verb
    def told(text: str) -> list[str]:
        return [a.status for a in blank_extractor.extract(text, posted_at="2024-05-02").activities]
    assert told("After class I hop on my bike and ride around the lake.") == ["habitual"]
    assert told("I got up early and ran 10 km.") == ["completed"]


def test_a_journey_in_the_passive_progressive_is_under_way(sm_extractor):
    """"is being led" is the present progressive: the expedition it governs is under way, not a routine."""
    post = sm_extractor.extract("The cycling expedition from Tarnside to Brackenfold is being led by Wing "
                                "Commander TR Hale.", posted_at="2026-11-20")
    assert [a.status for a in post.activities] == ["ongoing"]


def test_a_participle_opening_a_diary_s_sentence_is_past(sm_extractor):
    """"Kayaked from Tarnby harbour ...": the subject left out, the verb is past, though a tagger takes
    "harbour" for the sentence's present verb."""
    text = "Kayaked from Tarnby harbour out to the lighthouse and back with Rhodri, about 12 km in 2 hours."
    assert [a.status for a in sm_extractor.extract(text, posted_at="2025-11-03").activities] == ["completed"]
