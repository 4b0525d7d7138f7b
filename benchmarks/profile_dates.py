"""How much of the extraction time dateparser takes (issue: under 5 %).

    .venv/bin/python benchmarks/profile_dates.py [DEV.jsonl] [--model NAME] [--runs 3]

Builds the Extractor once (outside the measurement), then runs cProfile over
extracting every text of the dev set ``--runs`` times in one process (a fresh
process each time the script runs, so the first run pays the lazy import of
dateparser and the loading of its English data).  Reports:

* total: the profiled extraction time;
* dateparser: the cumulative time of ``fitpost.components.dates._dateparser``
  (the only place dateparser is called, import and parser construction
  included), and its share of the total;
* per run, so the first (cold) run and the warm ones can be told apart,
  and the fitpost_dates component as a whole;
* ``--warm`` imports dateparser and builds its regexes before measuring, as
  a long-running process or a batch worker would at start-up;
* ``--no-cache`` clears the result cache before every run: real posts have
  other post dates, so the cache rarely helps across posts.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from fitpost import Extractor
from fitpost.components import dates

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


def cumtime(stats: pstats.Stats, module_end: str, name: str) -> tuple[float, int]:
    for (file, _, func), (cc, nc, tt, ct, _) in stats.stats.items():
        if file.endswith(module_end) and func == name:
            return ct, nc
    return 0.0, 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev", nargs="?", default=str(DEV))
    ap.add_argument("--model", default="auto")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warm", action="store_true",
                    help="call fitpost.components.dates.warm() before measuring (start-up cost moved out)")
    ap.add_argument("--no-cache", action="store_true",
                    help="clear the result cache before each run (posts of other dates never hit it)")
    a = ap.parse_args()
    posts = [json.loads(l) for l in open(a.dev, encoding="utf-8") if l.strip()]
    posts = [{k: p.get(k) for k in ("id", "text", "posted_at")} for p in posts]
    ex = Extractor(model=a.model)
    if a.warm:
        dates.warm()
    print(f"model: {a.model}; {len(posts)} posts, {sum(len(p['text']) for p in posts)} characters; "
          f"{a.runs} runs")
    rows = []
    combined = None
    for run in range(a.runs):
        if a.no_cache:
            dates._dateparser.cache_clear()
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        n = sum(len(p.activities) for p in ex.pipe(posts))
        prof.disable()
        wall = time.perf_counter() - t0
        st = pstats.Stats(prof)
        combined = st if combined is None else combined.add(prof)
        dp, calls = cumtime(st, "fitpost/components/dates.py", "_dateparser")
        comp, _ = cumtime(st, "fitpost/components/dates.py", "__call__")
        rows.append((run + 1, wall, st.total_tt, dp, calls, comp, n))
    print(f"{'run':>3} {'wall s':>7} {'profiled s':>10} {'dateparser s':>12} {'share':>7} "
          f"{'calls':>5} {'dates component s':>17} {'share':>7}")
    for run, wall, total, dp, calls, comp, n in rows:
        print(f"{run:>3} {wall:7.3f} {total:10.3f} {dp:12.4f} {dp / total:7.2%} {calls:5d} "
              f"{comp:17.4f} {comp / total:7.2%}")
    total = combined.total_tt
    dp, calls = cumtime(combined, "fitpost/components/dates.py", "_dateparser")
    comp, _ = cumtime(combined, "fitpost/components/dates.py", "__call__")
    warm = sum(r[2] for r in rows[1:]), sum(r[3] for r in rows[1:])
    print(f"all {a.runs} runs: profiled {total:.3f} s, dateparser {dp:.4f} s = {dp / total:.2%}; "
          f"fitpost_dates component {comp:.4f} s = {comp / total:.2%}")
    if len(rows) > 1:
        print(f"runs 2-{a.runs} (warm): dateparser {warm[1]:.4f} s of {warm[0]:.3f} s = {warm[1] / warm[0]:.2%}")
    info = dates._dateparser.cache_info()
    print(f"dateparser result cache: {info.hits} hits, {info.misses} misses")

if __name__ == "__main__":
    main()
