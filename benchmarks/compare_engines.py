"""Posts/s of ``fitpost batch`` with the local engine and the Dask engine on the same input.

    python benchmarks/gen_batch_corpus.py 20000 -o /tmp/posts20k.jsonl
    python benchmarks/compare_engines.py /tmp/posts20k.jsonl --workers 2 --models auto blank --repeat 2

Each run is the whole command in a subprocess (start-up, pipeline loading in
each worker, a LocalCluster's start and stop included), timed with
``time.perf_counter``; posts/s is the number of input posts over that wall
time.  The best of ``--repeat`` runs is reported (other work on the machine
only slows a run down).  The records of the two engines are compared too.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    lines = proc.stderr.strip().splitlines()
    print("   ", lines[-1] if lines else "", f"(wall {wall:.1f} s)", file=sys.stderr)
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--models", nargs="+", default=["auto", "blank"])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    posts = sum(1 for line in open(args.input, "rb") if line.strip())
    fitpost = [sys.executable, "-m", "fitpost", "batch", args.input, "--workers", str(args.workers)]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models:
            local_out, dask_out = Path(tmp, f"{model}.jsonl"), Path(tmp, f"{model}-dask")
            engines = {"local": fitpost + ["-o", str(local_out), "--model", model],
                       "dask": fitpost + ["-o", str(dask_out), "--model", model, "--engine", "dask"]}
            for engine, cmd in engines.items():
                walls = []
                for i in range(args.repeat):
                    print(f"{engine} engine, model {model}, run {i + 1}:", file=sys.stderr)
                    walls.append(run(cmd + ["--no-progress"]))
                best = min(walls)
                results.append({"engine": engine, "model": model, "posts": posts, "workers": args.workers,
                                "wall_s": [round(w, 2) for w in walls], "best_posts_per_s": round(posts / best)})
            parts = b"".join(p.read_bytes() for p in sorted(dask_out.glob("part-*.jsonl")))
            same = parts == local_out.read_bytes()
            results[-1]["same_records_as_local"] = same
            shutil.rmtree(dask_out)
    for r in results:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
