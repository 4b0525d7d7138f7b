"""A generator of realistic invented fitness posts for the benchmarks.

Two kinds of text, as they reach fitpost: social captions (10-80 words: an
activity or two, numbers, a tag, hashtags, emoji, and the chatter around them)
and newspaper paragraphs quoting them (60-300 words: a named person, an age, a
town, a quoted caption, a race, a date, and the background an article gives).
Every post is 10-300 words.  Names, places and races are invented; the
generator is seeded, so a corpus is the same on every run.

Two styles:

``realistic`` (the default)
    Fitness claims mixed with the sentences around them in real posts and
    articles (motivation, background, quotes, organisers), no sentence twice in
    a paragraph.  Its density of activities, numbers and dates per 1,000 words
    is close to that of the newspaper articles in the project's dev set (the
    benchmark prints the density it measured, so the two can be compared).
``dense``
    Nearly every sentence a claim with numbers: a stress test at about three
    times the records per word of real text.

    python benchmarks/corpus.py 20000 -o bench-out/posts.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator

FIRST = ["Maren", "Tobias", "Ines", "Ravi", "Yuki", "Oskar", "Leila", "Amara", "Jonas", "Sofia", "Priya", "Kwame",
         "Elena", "Dmitri", "Hana", "Mateo", "Aisha", "Lars", "Nadia", "Tomas", "Keiko", "Farid", "Greta", "Sunil"]
LAST = ["Solvik", "Lindqvist", "Carvalho", "Menon", "Tanabe", "Brandt", "Haddad", "Okafor", "Weber", "Marchetti",
        "Raman", "Mensah", "Petrova", "Ivanov", "Sato", "Ruiz", "Bello", "Nygaard", "Khalil", "Novak"]
PLACES = ["Glenmoor", "Ashby Ridge", "Lake Venholt", "Port Calder", "Brightwater", "Kestrel Bay", "Mirefield",
          "Oakhollow", "Stonecross", "Larkspur Hill", "Redcliffe", "Marlow Vale", "Ferndown", "Silverbeck",
          "Cold Harbour", "Wrenford", "Eastmere", "Highgate Fell"]
RACES = ["{p} Harbour 10K", "{p} Trail Ultra", "{p} Half Marathon", "{p} City Marathon", "{p} Coast Century Ride",
         "{p} Night Run", "{p} Triathlon", "{p} Lake Swim", "{p} Hill Climb"]
JOBS = ["software engineer", "schoolteacher", "nurse", "retired banker", "college student", "police officer",
        "chartered accountant", "mother of two", "army veteran", "dentist"]
RELATIONS = ["wife", "husband", "brother", "sister", "father", "mother", "son", "daughter", "friend", "coach"]
EMOJI = ["💪", "🏃‍♀️", "🚴🏽", "🔥", "🙌🏼", "❤️", "🏊", "⛰️", "😅", "✅"]
HASHTAGS = ["#running", "#fitness", "#cycling", "#marathontraining", "#nevergiveup", "#sundayrun", "#swim",
            "#trailrunning", "#fitfam", "#strava", "#motivation", "#yoga", "#gym", "#hiking"]

CAPTION = [
    "Ran {km} km along the {place} river path this morning with @{handle}.",
    "Easy {km}k recovery jog around {place} before work.",
    "Finished the {race} in {h}:{m:02d}:{s:02d}!",
    "Cycled {km2} km from {place} to {place2} today, headwind all the way back.",
    "Swam {swim} m in the {place} lido, cold but worth it.",
    "{n} push-ups and {n2} squats before breakfast, every day this month.",
    "Planning to hike up {place} with {first} next weekend, weather permitting.",
    "Didn't run today, my knee needs a rest.",
    "Yoga flow for {mins} minutes at sunrise.",
    "Rowed {km} km on the erg, new personal best!",
    "Signed up for the {race}! Training starts Monday.",
    "Sunday long run: {km2} km through {place} and {place2}, {h}h{m:02d} moving time.",
    "{km} km cycling and {km_b} km running for {days} consecutive days so far.",
    "Walked {steps} steps today with my {rel}.",
    "Day {day} of {days2}: {reps}x{n} burpees done.",
    "Tempo run of {km_b} miles at {pace} min/km, felt strong.",
    "Will be running the {race} on {date} with @{handle}.",
    "Skipped the gym yesterday but did {mins} minutes of stretching.",
    "Hiked {km} km up to {place} with the {rel} and the dog.",
    "Back on the bike after {weeks} weeks off, {km2} km loop around {place}.",
]
FILLER = [
    "Legs are toast!", "So proud of this one.", "Feeling calm.", "What a view.", "Never again... until next week.",
    "Thanks for the support everyone.", "Coffee first, then the hills.", "Rain did not stop us.",
    "Small steps add up.", "Grateful for this body.", "The sunrise made it all worth it.",
]
# realistic captions: activity talk without numbers, and the chatter around it
PLAIN = [
    "Great session with the crew this morning.", "Morning swim, then straight to the office.",
    "Rest day today, foam roller and a good book.", "Back on the trails with {first} after a long break.",
    "Who else is training through the rain?", "Tag someone who needs to hear this.",
    "New shoes, same old hills.", "Recovery smoothie and a nap, in that order.",
    "Nothing beats an evening ride when the city goes quiet.", "Proud of everyone who turned up at {place} today.",
    "Consistency over intensity, always.", "Link in bio for the training plan.",
    "Can't believe how far this little group has come.", "Mornings like this are why I started.",
    "Slow and steady, but we got there.", "Happy birthday to my favourite training partner!",
    "Stretch, hydrate, repeat.", "The view from the top never gets old.",
]
# realistic articles: the background around the numbers
BACKGROUND = [
    "{first} grew up in {place}, where {his} parents ran a small bakery.",
    "\"I was never the sporty kid at school,\" {he} said.",
    "The local council has since added lights along the route.",
    "{his} posts now draw thousands of comments, many from people who say they have started exercising.",
    "The idea began as a bet between colleagues during a lunch break.",
    "Friends describe {first} as stubborn, funny and hard to keep up with.",
    "{he} works long shifts during the week and trains before sunrise.",
    "\"It is not about speed, it is about showing up,\" {he} told this newspaper.",
    "Local businesses have offered to sponsor the next attempt.",
    "{first} credits {his} {rel} for keeping {him} going through the hardest months.",
    "The organisers said the event would go ahead despite the weather warning.",
    "Several of {his} followers have asked to join {him} on the next trip.",
    "{he} still keeps a notebook of every session, written by hand.",
    "Medical experts say regular moderate exercise lowers the risk of heart disease.",
    "The photos show {first} smiling at the finish, medal in hand.",
    "{first} now hopes to inspire others in {place} to get moving.",
    "The club, founded by a handful of neighbours, has grown steadily since.",
    "Asked what keeps {him} motivated, {he} pointed to {his} children.",
    "The video has been shared widely on social media.",
    "{he} admits the early days were tough and full of doubts.",
    "Residents of {place} often cheer from their balconies as the group passes.",
    "A fundraising page set up by {his} {rel} is still open.",
]
ARTICLE = [
    "{full}, a {age}-year-old {job} from {place}, took up running in {year}.",
    "Last month {first} completed the {race}, finishing in {h} hours and {m} minutes.",
    "\"{caption}\" {first} wrote on Instagram on {date}.",
    "According to {first}, the idea came from {his} {rel}, who had cycled {km2} km from {place} to {place2}.",
    "The group meets every Saturday at {time} near the {place} stadium and runs between {km} and {km_b} km.",
    "{first} says {he} now trains {times} times a week, mixing swimming, strength work and long rides.",
    "Organisers expect more than {crowd} runners at this year's {race}, which starts in {place2}.",
    "\"We never thought we would finish,\" said {full2}, who ran alongside {first} for the last {km_b} km.",
    "In {year2}, {he} walked {km2} km in {days} days to raise money for a children's hospital in {place}.",
    "{first} plans to attempt a {km2} km ultramarathon in {month}, {his} longest race so far.",
    "Doctors had advised {first} to lose weight after a health scare at {age2}.",
    "Asked about {his} diet, {first} laughed and said {he} eats whatever {his} {rel} cooks.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _fields(rng: random.Random) -> dict[str, object]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    place = rng.choice(PLACES)
    he = rng.choice(["he", "she"])
    f: dict[str, object] = dict(
        first=first, full=f"{first} {last}", full2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        place=place, place2=rng.choice(PLACES), race=rng.choice(RACES).format(p=rng.choice(PLACES)),
        km=rng.randint(3, 25), km_b=rng.randint(2, 21), km2=rng.randint(20, 300), swim=rng.choice([500, 1500, 3000]),
        h=rng.randint(0, 5), m=rng.randint(0, 59), s=rng.randint(0, 59), n=rng.randint(10, 100),
        n2=rng.randint(10, 100), mins=rng.choice([20, 30, 45, 60, 90]), rel=rng.choice(RELATIONS),
        handle=rng.choice(FIRST).lower() + rng.choice(["_runs", ".rides", "_fit", "99"]),
        days=rng.randint(2, 30), days2=rng.choice([30, 75, 100]), day=rng.randint(1, 30), reps=rng.randint(2, 6),
        steps=f"{rng.randint(8, 40)},{rng.randint(0, 999):03d}", pace=f"{rng.randint(4, 7)}:{rng.randint(0, 59):02d}",
        weeks=rng.randint(2, 12), age=rng.randint(19, 78), age2=rng.randint(30, 60), job=rng.choice(JOBS),
        year=rng.randint(2008, 2024), year2=rng.randint(2015, 2024), he=he, his="his" if he == "he" else "her",
        time=rng.choice(["5.30 am", "6 am", "7:15"]), times=rng.randint(3, 6), crowd=rng.choice(["2,000", "15,000"]),
        month=rng.choice(MONTHS),
        date=rng.choice([f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", "Sunday", "next Saturday", "March 3"]),
        him="him" if he == "he" else "her",
    )
    f["caption"] = rng.choice(CAPTION[:6]).format(**f)
    return f


def _caption(rng: random.Random, target: int, dense: bool) -> str:
    parts: list[str] = []
    words = 0
    while words < target:
        r = rng.random() if parts else 0.0  # the first sentence is a claim with numbers
        if dense:
            pool = CAPTION if r < 0.6 else FILLER
        else:  # then chatter more often than claims
            pool = CAPTION if r < 0.25 else PLAIN if r < 0.6 else FILLER
        s = rng.choice(pool).format(**_fields(rng))
        parts.append(s)
        words += len(s.split())
    if rng.random() < 0.7:
        parts.append(" ".join(rng.sample(HASHTAGS, rng.randint(1, 6))))
    if rng.random() < 0.6:
        parts.append("".join(rng.sample(EMOJI, rng.randint(1, 3))))
    return " ".join(parts)


def _paragraph(rng: random.Random, target: int, dense: bool) -> str:
    f = _fields(rng)  # one person per paragraph
    keep = ("first", "full", "he", "his", "him", "place")
    if dense:
        order = rng.sample(ARTICLE, len(ARTICLE)) * 3
    else:  # each sentence at most once; about two thirds of them background
        facts, background = rng.sample(ARTICLE, len(ARTICLE)), rng.sample(BACKGROUND, len(BACKGROUND))
        order = []
        while facts or background:
            pool = background if background and (not facts or rng.random() < 0.7) else facts
            order.append(pool.pop())
    parts: list[str] = []
    words = 0
    for t in order:
        if words >= target:
            break
        s = t.format(**{**_fields(rng), **{k: f[k] for k in keep}})
        parts.append(s[:1].upper() + s[1:])
        words += len(s.split())
    return " ".join(parts)


def _clip(text: str, lo: int = 10, hi: int = 300) -> str:
    words = text.split(" ")
    return " ".join(words[:hi]) if len(words) > hi else text


STYLES = ("realistic", "dense")


def posts(n: int, seed: int = 7, style: str = "realistic") -> Iterator[dict[str, str]]:
    """``n`` posts as ``{"id", "text", "posted_at", "author"}``: 60 % captions, 40 % article paragraphs."""
    if style not in STYLES:
        raise ValueError(f"unknown corpus style {style!r}: one of {', '.join(STYLES)}")
    dense = style == "dense"
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    for i in range(n):
        if rng.random() < 0.6:
            text = _caption(rng, rng.randint(10, 70), dense)
        else:
            text = _paragraph(rng, rng.randint(50, 280), dense)
        yield {"id": f"b{i:07d}", "text": _clip(text),
               "posted_at": (start + dt.timedelta(days=rng.randint(0, 900))).isoformat(),
               "author": rng.choice(FIRST).lower()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of posts")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--style", choices=STYLES, default="realistic")
    args = ap.parse_args(argv)
    with open(args.output, "w", encoding="utf-8") as f:
        for rec in posts(args.n, args.seed, args.style):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
