"""Generate a JSON Lines dump of invented fitness posts, with a share of broken lines, for `fitpost batch`.

    python benchmarks/gen_batch_corpus.py 100000 -o bench-out/posts-100k.jsonl --broken 0.03

Every line is one input post: a good post, or a broken one (malformed JSON, no
text field, bytes that are not UTF-8) in the proportion ``--broken``.  The
counts go to stderr, so a run can be checked: input lines = output lines +
error lines.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys

NAMES = ["Maren Solvik", "Tobias Lindqvist", "Ines Carvalho", "Ravi Menon", "Yuki Tanabe", "Oskar Brandt",
         "Leila Haddad", "Amara Okafor", "Jonas Weber", "Sofia Marchetti"]
PLACES = ["Glenmoor", "Ashby Ridge", "Lake Venholt", "Port Calder", "Brightwater", "Kestrel Bay", "Mirefield",
          "Oakhollow", "Stonecross", "Larkspur Hill"]
EVENTS = ["Glenmoor Harbour 10K", "Ashby Ridge Trail Ultra", "Venholt Lake Swim", "Calder Coast Century Ride",
          "Kestrel Bay Night Run"]
TEMPLATES = [
    "Ran {km} km along the {place} river path this morning with @{handle}. Legs are toast!",
    "Easy {km}k recovery jog around {place} before work #running #consistency",
    "Finished the {event} in {h}:{m:02d}:{s:02d}! So proud of this one.",
    "Cycled {km2} km from {place} to {place2} today, headwind all the way back.",
    "Swam {m1} m in the {place} lido. Cold but worth it.",
    "{n} push-ups and {n2} squats before breakfast, every day this month.",
    "Planning to hike up {place} with {name} next weekend, weather permitting.",
    "Didn't run today, my knee needs a rest. Back on the trails soon.",
    "Yoga flow for {mins} minutes at sunrise in {place}. Feeling calm.",
    "Rowed {km} km on the erg, new personal best! #rowing #gym",
    "Signed up for the {event}! Training starts Monday.",
    "Sunday long run: {km2} km through {place} and {place2}, {h}h{m:02d} moving time.",
]


def caption(rng: random.Random) -> str:
    t = rng.choice(TEMPLATES)
    return t.format(km=rng.randint(3, 25), km2=rng.randint(20, 160), place=rng.choice(PLACES),
                    place2=rng.choice(PLACES), event=rng.choice(EVENTS), h=rng.randint(0, 4),
                    m=rng.randint(0, 59), s=rng.randint(0, 59), m1=rng.choice([500, 1000, 1500, 2000, 3000]),
                    n=rng.randint(10, 100), n2=rng.randint(10, 100), mins=rng.choice([20, 30, 45, 60]),
                    name=rng.choice(NAMES), handle=rng.choice(NAMES).split()[0].lower() + "_runs")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of posts (lines)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--broken", type=float, default=0.03, help="share of broken lines (default 0.03)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    start = dt.date(2023, 1, 1)
    kinds = {"good": 0, "malformed_json": 0, "missing_text": 0, "not_utf8": 0}
    with open(args.output, "wb") as f:
        for i in range(args.n):
            rec = {"id": f"p{i:07d}", "text": caption(rng),
                   "posted_at": (start + dt.timedelta(days=rng.randint(0, 700))).isoformat(),
                   "author": rng.choice(NAMES).split()[0].lower(), "likes": rng.randint(0, 900)}
            if rng.random() < args.broken:
                kind = rng.choice(["malformed_json", "missing_text", "not_utf8"])
                if kind == "malformed_json":
                    line = json.dumps(rec)[:-12].encode()  # cut short
                elif kind == "missing_text":
                    del rec["text"]
                    line = json.dumps(rec).encode()
                else:
                    line = json.dumps(rec, ensure_ascii=False).encode().replace(b"km", b"k\xe9m", 1)
                    if b"\xe9" not in line:
                        line = line.replace(b'"text": "', b'"text": "\xff', 1)
            else:
                kind = "good"
                line = json.dumps(rec, ensure_ascii=False).encode()
            kinds[kind] += 1
            f.write(line + b"\n")
    print(json.dumps({"posts": args.n, **kinds}), file=sys.stderr)


if __name__ == "__main__":
    main()
