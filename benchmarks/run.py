"""fitpost's benchmark suite: one command, one table, every ratio measured in the same run.

    python benchmarks/run.py            # the full suite (about 15 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes, a smoke run (about 2 minutes)

On a corpus of invented posts (``benchmarks/corpus.py``: captions and article
paragraphs of 10-300 words, its realistic style; figure 2 is also given on its
dense style, a stress test) it measures:

1. extraction overhead: posts/s of ``Extractor.pipe`` over posts/s of the bare
   base pipeline (``nlp.pipe`` of the same spaCy model), on the same posts
   (the median ratio of 100-post chunks run in pairs, and the ratio of totals);
2. fast mode: words/s of ``Extractor(model="blank")`` on one core, and that as
   a fraction of bare ``spacy.blank("en")`` tokenization of the same text;
3. scaling: ``fitpost batch --workers 2`` over ``--workers 1`` (wall time, best of 3 alternating runs);
4. cold start: wall time of ``fitpost extract "Ran 5k today"`` over
   ``python -c "import spacy; spacy.load(M)"`` for the same model M;
5. memory: peak RSS (all processes of the run) of a large batch over a small one;
6. where time goes: each component's share of the default pipeline's time,
   and dateparser's share of extraction;
7. bounded time per post: the CPU of a 1 MB post of each kind that once grew
   faster than its length (blank mode), and the wall time of a 2 MB ordinary post.

Timings 1, 2 and 6 run in this process on one core (1: paired chunks, 3 rounds; 2: the best of 5 whole runs, as timeit);
3, 4, 5 and 7 run ``fitpost`` as subprocesses.  Nothing here is a test: CI does
not run it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/ is not a package)
from measure_batch import measure  # noqa: E402

FITPOST = [sys.executable, "-m", "fitpost"]


def best(fn: Callable[[], object], repeat: int) -> float:
    """The shortest wall time of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for rec in corpus.posts(n, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------ the figures

def overhead(model: str, n: int, repeat: int, chunk: int = 100) -> dict:
    """1. Extractor.pipe over the bare base pipeline's nlp.pipe, same model, same posts.

    The posts go through in chunks of ``chunk``, each chunk through the base
    pipeline and then through the Extractor, ``repeat`` rounds.  The ratio is
    the median of the per-chunk ratios: each pair runs seconds apart, so the
    machine's speed, which drifts by tens of percent on a shared VM, cancels
    out.  The ratio of the total times is reported beside it.
    """
    from fitpost import Extractor, pipeline
    from fitpost.components import dates

    posts = list(corpus.posts(n, seed=11))
    texts = [p["text"] for p in posts]
    base = pipeline.load_base(model)
    ex = Extractor(model=model)
    dates.warm()
    list(base.pipe(texts[:50]))
    list(ex.pipe(posts[:50]))
    pairs: list[float] = []
    t_base = t_ex = 0.0
    for _ in range(repeat):
        for i in range(0, n, chunk):
            tb = best(lambda: list(base.pipe(texts[i:i + chunk], batch_size=128)), 1)
            te = best(lambda: list(ex.pipe(posts[i:i + chunk], batch_size=128)), 1)
            pairs.append(tb / te)
            t_base, t_ex = t_base + tb, t_ex + te
    base_ps, ex_ps = n * repeat / t_base, n * repeat / t_ex
    return {"model": pipeline.resolve_auto() if model == "auto" else model, "posts": n, "words": words(texts),
            "base_posts_s": base_ps, "extractor_posts_s": ex_ps, "ratio": statistics.median(pairs),
            "ratio_of_totals": ex_ps / base_ps, "pairs": len(pairs)}


def fast_mode(n: int, repeat: int, style: str = "realistic", chunk: int = 100) -> dict:
    """2. words/s of the blank-mode Extractor, and of bare spacy.blank("en") tokenization.

    The Extractor is set up as a ``fitpost batch`` worker sets it up (dateparser
    loaded, what was loaded frozen out of the garbage collector's sweeps).
    Also counts the records per 1,000 words the Extractor found: how dense in
    fitness claims the corpus is, which is what the speed depends on.
    """
    import spacy

    from fitpost import Extractor
    from fitpost.components import dates
    from fitpost.extractor import settle

    posts = list(corpus.posts(n, seed=12, style=style))
    texts = [p["text"] for p in posts]
    n_words = words(texts)
    ex = Extractor(model="blank")
    bare = spacy.blank("en")
    dates.warm()
    settle()  # set up as a batch worker is
    list(ex.pipe(posts[:50]))
    list(bare.pipe(texts[:50]))
    t_ex = best(lambda: list(ex.pipe(posts, batch_size=128)), repeat)
    t_bare = best(lambda: list(bare.pipe(texts, batch_size=128)), repeat)
    # the fraction from paired chunks, as figure 1: the machine's speed drifts between the runs above
    pairs = []
    for i in range(0, n, chunk):
        tb = best(lambda: list(bare.pipe(texts[i:i + chunk], batch_size=128)), 1)
        te = best(lambda: list(ex.pipe(posts[i:i + chunk], batch_size=128)), 1)
        pairs.append(tb / te)
    records = sum(len(p.activities) for p in ex.pipe(posts))
    return {"style": style, "posts": n, "words": n_words, "words_s": n_words / t_ex, "bare_words_s": n_words / t_bare,
            "fraction": statistics.median(pairs), "fraction_of_best_runs": t_bare / t_ex, "pairs": len(pairs),
            "records_per_1000_words": 1000 * records / n_words}


def scaling(model: str, n: int, work: Path, repeat: int) -> dict:
    """3. fitpost batch --workers 2 over --workers 1, wall time, same input, best of ``repeat``.

    The runs alternate (1, 2, 1, 2 ...), so a busy moment on the machine hurts both alike,
    and each side's shortest wall time is kept.
    """
    src = work / f"scale-{n}.jsonl"
    write_corpus(src, n, seed=13)
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for w in (1, 2):
            out = work / f"scale-out-w{w}.jsonl"
            r = measure([*FITPOST, "batch", str(src), "-o", str(out), "--model", model, "--workers", str(w),
                         "--no-progress", "-q"])
            if r["exit"] not in (0, 1):
                raise SystemExit(f"fitpost batch --workers {w} failed: exit {r['exit']}")
            walls[w].append(r["wall_s"])
    w1, w2 = min(walls[1]), min(walls[2])
    return {"model": model, "posts": n, "w1_s": w1, "w2_s": w2, "runs": walls,
            "w1_posts_s": n / w1, "w2_posts_s": n / w2, "ratio": w1 / w2}


def cold_start(model: str, repeat: int) -> dict:
    """4. fitpost extract "Ran 5k today" over python -c "import spacy; spacy.load(M)"."""
    from fitpost import pipeline

    name = pipeline.resolve_auto() if model == "auto" else model
    load = [sys.executable, "-c", f"import spacy; spacy.load({name!r})"]
    fitpost = [*FITPOST, "extract", "Ran 5k today", "--model", model]
    t_load, t_fp = [], []
    for _ in range(repeat):  # interleaved; the OS page cache is warm for both after the first round
        for cmd, acc in ((load, t_load), (fitpost, t_fp)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            acc.append(time.perf_counter() - t0)
    return {"model": name, "spacy_load_s": min(t_load), "extract_s": min(t_fp), "ratio": min(t_fp) / min(t_load)}


def memory(model: str, small: int, large: int, work: Path) -> dict:
    """5. peak RSS of a large batch over a small one (the sum over all processes of the run)."""
    peaks = {}
    for n in (small, large):
        src = work / f"mem-{n}.jsonl"
        write_corpus(src, n, seed=14)
        out = work / f"mem-out-{n}.jsonl"
        r = measure([*FITPOST, "batch", str(src), "-o", str(out), "--model", model, "--workers", "2",
                     "--no-progress", "-q"], interval=0.05)
        if r["exit"] not in (0, 1):
            raise SystemExit(f"fitpost batch ({n} posts) failed: exit {r['exit']}")
        peaks[n] = r
        src.unlink()
    s, b = peaks[small], peaks[large]
    return {"model": model, "small": small, "large": large, "small_mb": s["tree_peak_rss_mb"],
            "large_mb": b["tree_peak_rss_mb"], "ratio": b["tree_peak_rss_mb"] / s["tree_peak_rss_mb"],
            "small_detail": s, "large_detail": b}


# 7. the inputs that once made a post's time grow faster than its length (issue 18), one unit each,
# repeated to the size asked for
HOSTILE = {
    "a run of '('": "(",
    "a run of emoji": "\U0001F525",
    "inch marks": '5" ',
    "minutes and a trailing number": "5 min 30, ",
    "an activity, a distance, 'and'": "ran 5 km and ",
    "an activity, a day, 'and'": "ran yesterday and ",
    "smileys": ":):)",
    "quotes and 'I'": 'I said "go" ',
}


def _children_cpu() -> float:
    """CPU seconds (user and system) of this process's finished children so far."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _one_post_batch(model: str, text: str, work: Path) -> tuple[float, float]:
    """CPU and wall seconds of a whole ``fitpost batch`` process on a file holding ``text`` as one post,
    with no bound on a post's time (the time is what is measured)."""
    src = work / "one-post.jsonl"
    src.write_text(json.dumps({"id": "p", "text": text}) + "\n", encoding="utf-8")
    cpu, t0 = _children_cpu(), time.perf_counter()
    subprocess.run([*FITPOST, "batch", str(src), "-o", "-", "--model", model, "--workers", "1", "--no-progress",
                    "-q", "--max-seconds-per-post", "0"], check=True, stdout=subprocess.DEVNULL)
    return _children_cpu() - cpu, time.perf_counter() - t0


def bounded_posts(size: int, long_size: int, model: str, work: Path, repeat: int) -> dict:
    """7. each hostile post of ``size`` characters, blank mode: the CPU of a whole ``fitpost batch`` process
    on it less that of one on "Ran 5k today" (start-up), the least of ``repeat`` runs; and the wall
    time of one ordinary post of ``long_size`` characters (realistic corpus posts joined) with ``model``."""
    start_up = min(_one_post_batch("blank", "Ran 5k today", work)[0] for _ in range(repeat))
    kinds = {}
    for label, unit in HOSTILE.items():
        text = (unit * (size // len(unit) + 1))[:size]
        whole = min(_one_post_batch("blank", text, work)[0] for _ in range(repeat))
        kinds[label] = {"whole_cpu_s": whole, "post_cpu_s": whole - start_up}
    texts, total = [], 0
    for post in corpus.posts(long_size // 200 + 100, seed=5):
        texts.append(post["text"])
        total += len(post["text"]) + 2
        if total > long_size:
            break
    long_text = "\n\n".join(texts)[:long_size]
    _, long_wall = _one_post_batch(model, long_text, work)
    return {"size": size, "start_up_cpu_s": start_up, "kinds": kinds, "long_size": long_size, "model": model,
            "long_wall_s": long_wall}


def profile(model: str, n: int) -> dict:
    """6. each component's share of the pipeline's time, and dateparser's share of extraction."""
    from fitpost import Extractor
    from fitpost.components import dates

    posts = list(corpus.posts(n, seed=15))
    ex = Extractor(model=model)
    dates.warm()
    nlp = ex.nlp
    texts = [p["text"] for p in posts]
    list(ex.pipe(posts[:50]))
    spent: dict[str, float] = {"tokenizer": 0.0}
    for name in nlp.pipe_names:
        spent[name] = 0.0
    in_dateparser = [0.0]
    real = dates._dateparser

    def timed(*args: object) -> object:
        t0 = time.perf_counter()
        try:
            return real(*args)
        finally:
            in_dateparser[0] += time.perf_counter() - t0

    dates._dateparser = timed  # resolve() looks the name up on the module at each call
    try:
        t_all = time.perf_counter()
        for i in range(0, len(posts), 128):
            t0 = time.perf_counter()
            batch = [ex._doc(ex._input(p), p["text"]) for p in posts[i:i + 128]]
            spent["tokenizer"] += time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                batch = list(proc.pipe(batch)) if hasattr(proc, "pipe") else [proc(d) for d in batch]
                spent[name] += time.perf_counter() - t0
        total = time.perf_counter() - t_all
    finally:
        dates._dateparser = real
    return {"model": ex.model, "posts": n, "words": words(texts), "total_s": total,
            "shares": {k: v / total for k, v in spent.items()}, "dateparser_share": in_dateparser[0] / total}


# ------------------------------------------------------------------ the table

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run, not the figures")
    ap.add_argument("--model", default="auto", help="the model of figures 1, 4 and 6 (default: auto)")
    ap.add_argument("--batch-model", default="blank",
                    help="the model of the batch runs, figures 3 and 5 (default: blank)")
    ap.add_argument("--only", help="comma-separated figure numbers to run (default: all)")
    ap.add_argument("--json", metavar="FILE", help="also write every measurement to FILE")
    a = ap.parse_args(argv)
    q = a.quick
    sizes = dict(overhead=200 if q else 1000, fast=500 if q else 3000, scale=1000 if q else 20000,
                 mem_small=200 if q else 2000, mem_large=2000 if q else 200000, profile=100 if q else 500,
                 repeat=2 if q else 3, fast_repeat=2 if q else 5)
    only = {int(x) for x in a.only.split(",")} if a.only else {1, 2, 3, 4, 5, 6, 7}
    work = Path(tempfile.mkdtemp(prefix="fitpost-bench-"))
    results: dict[str, dict] = {}
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, value: str, target: str, ok: bool | None) -> None:
        rows.append((label, value, target, "" if ok is None else ("yes" if ok else "NO")))
        print(f"  {label}: {value}", file=sys.stderr)

    print(f"fitpost benchmarks; python {sys.version.split()[0]}, {os.cpu_count()} cores; work dir {work}",
          file=sys.stderr)
    try:
        if 1 in only:
            r = results["overhead"] = overhead(a.model, sizes["overhead"], sizes["repeat"])
            row(f"1 extraction overhead ({r['model']}, {r['posts']} posts, {r['words']} words)",
                f"{r['extractor_posts_s']:.1f} / {r['base_posts_s']:.1f} posts/s; median of {r['pairs']} "
                f"paired chunks {r['ratio']:.3f} (totals {r['ratio_of_totals']:.3f})",
                ">= 0.85", r["ratio"] >= 0.85)
        if 2 in only:
            r = results["fast"] = fast_mode(sizes["fast"], sizes["fast_repeat"])
            row(f"2 fast mode words/s (blank, one core, {r['words']} words, "
                f"{r['records_per_1000_words']:.0f} records per 1,000 words)", f"{r['words_s']:,.0f}",
                ">= 100,000", r["words_s"] >= 100_000)
            row("2 ... as a fraction of bare spacy.blank('en') tokenization",
                f"{r['fraction']:.3f} (median of {r['pairs']} paired chunks; best runs: "
                f"{r['fraction_of_best_runs']:.3f} of {r['bare_words_s']:,.0f} words/s)", "report", None)
            r = results["fast_dense"] = fast_mode(sizes["fast"], sizes["fast_repeat"], style="dense")
            row(f"2 ... on the dense corpus (nearly every sentence a claim, "
                f"{r['records_per_1000_words']:.0f} records per 1,000 words)", f"{r['words_s']:,.0f}",
                "report", None)
        if 3 in only:
            r = results["scaling"] = scaling(a.batch_model, sizes["scale"], work, 1 if q else 3)
            row(f"3 scaling, batch --workers 2 / --workers 1 ({r['model']}, {r['posts']} posts)",
                f"{r['w1_s']:.1f} s / {r['w2_s']:.1f} s = {r['ratio']:.2f}", ">= 1.7", r["ratio"] >= 1.7)
        if 4 in only:
            r = results["cold"] = cold_start(a.model, 3 if q else 5)
            row(f"4 cold start, fitpost extract / spacy.load({r['model']})",
                f"{r['extract_s']:.2f} s / {r['spacy_load_s']:.2f} s = {r['ratio']:.2f}", "<= 1.3",
                r["ratio"] <= 1.3)
        if 5 in only:
            r = results["memory"] = memory(a.batch_model, sizes["mem_small"], sizes["mem_large"], work)
            row(f"5 memory, peak RSS {r['large']:,} / {r['small']:,} posts ({r['model']}, --workers 2)",
                f"{r['large_mb']:.0f} MB / {r['small_mb']:.0f} MB = {r['ratio']:.3f}", "<= 1.2", r["ratio"] <= 1.2)
        if 6 in only:
            r = results["profile"] = profile(a.model, sizes["profile"])
            shares = ", ".join(f"{k} {v:.1%}" for k, v in sorted(r["shares"].items(), key=lambda kv: -kv[1]))
            row(f"6 time per component ({r['model']}, {r['posts']} posts)", shares, "report", None)
            row("6 dateparser's share of extraction", f"{r['dateparser_share']:.2%}", "< 5 %",
                r["dateparser_share"] < 0.05)
        if 7 in only:
            r = results["bounded"] = bounded_posts(100_000 if q else 1_000_000, 200_000 if q else 2_000_000,
                                                   a.model, work, 1 if q else 2)
            for label, k in r["kinds"].items():
                row(f"7 a {r['size']:,}-character post of {label} (blank; CPU, start-up "
                    f"{r['start_up_cpu_s']:.2f} s left out)", f"{k['post_cpu_s']:.2f} s (whole process "
                    f"{k['whole_cpu_s']:.2f} s)", "<= 5 s", k["post_cpu_s"] <= 5.0)
            row(f"7 an ordinary post of {r['long_size']:,} characters ({r['model']}, whole process, wall)",
                f"{r['long_wall_s']:.1f} s", "< 60 s", r["long_wall_s"] < 60.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    width = max(len(r[0]) for r in rows) if rows else 10
    print(f"\n| {'figure':<{width}} | measured | target | met |")
    print(f"|{'-' * (width + 2)}|---|---|---|")
    for label, value, target, ok in rows:
        print(f"| {label:<{width}} | {value} | {target} | {ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
