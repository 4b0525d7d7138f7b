"""Run a command and report its wall time and peak memory, per process of its tree (Linux /proc).

    python benchmarks/measure_batch.py -- fitpost batch in.jsonl -o out.jsonl --workers 2

Peak RSS per process is its VmHWM, sampled every 0.1 s; "tree peak" is the largest
sum of the RSS of all processes at one sample.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def _status(pid: int) -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                out[k] = int(v.split()[0])
    except (OSError, ValueError):
        pass
    return out


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(k) for k in kids]
    for k in list(out):
        out.extend(_children(k))
    return out


def measure(cmd: list[str], interval: float = 0.1, **popen: object) -> dict:
    """Run ``cmd``; its exit code, wall time and peak RSS (MB): main process, each worker, whole tree."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, **popen)
    hwm: dict[int, int] = {}
    tree_peak = 0
    while proc.poll() is None:
        pids = [proc.pid] + _children(proc.pid)
        total = 0
        for pid in pids:
            st = _status(pid)
            if st:
                hwm[pid] = max(hwm.get(pid, 0), st.get("VmHWM", 0))
                total += st.get("VmRSS", 0)
        tree_peak = max(tree_peak, total)
        time.sleep(interval)
    wall = time.monotonic() - t0
    main_pid = proc.pid
    return {"exit": proc.returncode, "wall_s": round(wall, 2),
            "main_peak_rss_mb": round(hwm.get(main_pid, 0) / 1024, 1),
            "worker_peak_rss_mb": sorted(round(v / 1024, 1) for p, v in hwm.items() if p != main_pid),
            "tree_peak_rss_mb": round(tree_peak / 1024, 1)}


def main() -> None:
    cmd = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else sys.argv[1:]
    report = measure(cmd)
    print(json.dumps(report), file=sys.stderr)
    sys.exit(report["exit"])


if __name__ == "__main__":
    main()
