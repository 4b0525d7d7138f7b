"""Batch extraction over dumps of posts: parallel, streaming, resumable, and nothing lost.

The moving parts:

* the readers (:func:`fitpost.io.read_posts`) yield every input post, or the
  reason it could not be read, in input order;
* the main process packs them into shards of plain dicts and hands them to
  worker processes, each of which loads the pipeline once (an initializer) and
  runs :func:`extract_shard` ("records in, records out") then renders the
  output text, so only strings travel back;
* the main process writes the shards' results in input order to
  ``OUTPUT.partial`` and ``ERRORS.partial``, and after each shard records in
  ``OUTPUT.resume.json`` how many input items are done and how many bytes of
  each file are a valid prefix.  A resume cuts both files back to those sizes
  and skips that many input items, so nothing is duplicated or skipped;
* on success both files are renamed to their final names.

Every input item yields exactly one output post or one error line.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from fitpost.errors import FitpostError
from fitpost.io.common import (PIPELINE_FAILED, STDIN, WORKER_DIED, ByteCounter, Fields, split_origin)
from fitpost.io.readers import check_inputs, input_size, read_posts
from fitpost.io.writers import (Rendered, Sink, join_rendered, output_format, renderer, require_pyarrow)
from fitpost.inputs import InputError, InputPost

STATE_VERSION = 1
EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class BatchUsageError(FitpostError):
    """The batch cannot start as asked (exit status 2)."""


@dataclass
class BatchConfig:
    """What ``fitpost batch`` was asked to do."""

    inputs: list[str]
    output: str
    output_format: str | None = None  # None: from the suffix of ``output``
    input_format: str = "auto"
    fields: Fields = field(default_factory=Fields)
    errors: str | None = None  # None: beside the output
    workers: int | None = None  # None or 0: one per core; 1: in this process
    chunk_size: int = 100
    model: str = "auto"
    resume: bool = False
    fail_fast: bool = False
    progress: bool | None = None  # None: when stderr is a terminal
    engine: str = "local"  # local: worker processes here; dask: a Dask cluster (fitpost.dask_engine)
    scheduler: str | None = None  # dask: the scheduler's address; None: a LocalCluster here
    block_size: int | None = None  # dask: bytes per block of a JSON Lines file; None: from the input size


ENGINES = ("local", "dask")


@dataclass
class BatchSummary:
    """How a batch ended; :attr:`exit_code` is the command's exit status."""

    output: str
    errors_path: str
    posts: int = 0  # input items handled: records + errors (resumed ones included)
    records: int = 0
    activities: int = 0
    errors: int = 0
    resumed: int = 0  # items that an earlier run had done
    seconds: float = 0.0
    status: str = "done"  # done | interrupted | stopped (--fail-fast) | failed (an exception)
    first_error: dict | None = None

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return EXIT_INTERRUPTED
        return EXIT_ERRORS if self.errors or self.status == "stopped" else EXIT_OK

    def line(self) -> str:
        """A one-line summary for stderr."""
        new = self.posts - self.resumed
        rate = f", {new / self.seconds:,.0f} posts/s" if self.seconds > 0 and new else ""
        resumed = f" ({self.resumed:,} of them by an earlier run)" if self.resumed else ""
        where = self.output if self.status == "done" else self.output + ".partial"
        text = (f"{self.posts:,} posts{resumed}: {self.records:,} records with {self.activities:,} activities "
                f"-> {where}; {self.errors:,} errors")
        if self.errors:
            text += f" -> {self.errors_path if self.status == 'done' else self.errors_path + '.partial'}"
        text += f"; {_clock(self.seconds)}{rate}"
        if self.status == "interrupted":
            text += "; interrupted: run again with --resume to go on"
        elif self.status == "stopped":
            text += "; stopped at the first error (--fail-fast)"
        return text


def _clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    h, m = divmod(int(m), 60)
    return f"{h}:{m:02d}:{s:04.1f}" if h else (f"{m}:{s:04.1f}" if m else f"{s:.1f} s")


def default_errors_path(output: str) -> str:
    """``records.jsonl`` -> ``records.errors.jsonl``."""
    p = Path(output)
    stem = p.name[: -len(p.suffix)] if p.suffix and p.suffix != p.name else p.name
    return str(p.with_name(stem + ".errors.jsonl"))


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# ---------------------------------------------------------------- records in -> records out

def item_record(item: InputPost | InputError) -> dict[str, Any]:
    """An input item as a plain dict (what travels to a worker)."""
    if isinstance(item, InputError):
        return {"error": {"id": item.id, "origin": item.origin, "reason": item.reason,
                          "detail": getattr(item, "detail", "")}}
    return {"text": item.text, "id": item.id,
            "posted_at": item.posted_at.isoformat() if item.posted_at else None,
            "author": item.author, "tagged": list(item.tagged), "location": item.location,
            "source": item.source, "origin": item.origin, "warnings": list(getattr(item, "warnings", []))}


def _input_post(rec: dict[str, Any]) -> InputPost:
    from fitpost.extractor import parse_date
    return InputPost(text=rec["text"], id=rec.get("id"), posted_at=parse_date(rec.get("posted_at")),
                     author=rec.get("author"), tagged=list(rec.get("tagged") or []), location=rec.get("location"),
                     source=rec.get("source"), origin=rec.get("origin"))


def _failure(rec: dict[str, Any], reason: str, exc: BaseException | str) -> dict[str, Any]:
    detail = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return {"error": {"id": rec.get("id"), "origin": rec.get("origin"), "reason": reason, "detail": detail[:500]}}


def extract_shard(extractor: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records in, records out: a shard of input records to one output record each, in order.

    An input record is ``{"text", "id", "posted_at", "author", "tagged",
    "location", "source", "origin", "warnings"}`` or an input error
    ``{"error": {...}}``; an output record is a :class:`~fitpost.schema.Post` as
    a JSON-ready dict, or ``{"error": {"id", "origin", "reason", "detail"}}``.
    A post that makes the pipeline fail becomes an error record; the others in
    the shard are extracted all the same.
    """
    out: list[dict[str, Any] | None] = [rec if "error" in rec else None for rec in records]
    todo: list[tuple[int, InputPost]] = []
    for i, rec in enumerate(records):
        if "error" not in rec:
            try:
                todo.append((i, _input_post(rec)))
            except Exception as exc:  # noqa: BLE001 - a bad record, not a bad batch
                out[i] = _failure(rec, PIPELINE_FAILED, exc)
    try:
        posts = list(extractor.pipe([p for _, p in todo], batch_size=max(len(todo), 1)))
        if len(posts) != len(todo):
            raise RuntimeError(f"the pipeline returned {len(posts)} posts for {len(todo)}")
        done = list(zip(todo, posts))
    except Exception:  # noqa: BLE001 - find the post that failed: one by one
        done = []
        for i, p in todo:
            try:
                done.append(((i, p), next(iter(extractor.pipe([p], batch_size=1)))))
            except Exception as exc:  # noqa: BLE001
                out[i] = _failure(records[i], PIPELINE_FAILED, exc)
    for (i, _), post in done:
        rec = post.model_dump(mode="json")
        warnings = records[i].get("warnings")
        if warnings:
            rec["warnings"] = list(warnings) + rec["warnings"]
        out[i] = rec
    return out  # type: ignore[return-value]


def error_line(err: dict[str, Any]) -> str:
    """A line of the error file: id, file, line, reason, detail."""
    file, line = split_origin(err.get("origin"))
    return json.dumps({"id": err.get("id"), "file": file, "line": line, "reason": err.get("reason"),
                       "detail": err.get("detail") or ""}, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- the workers

# one result per input item: ("ok", rendered text, items written, activities) or ("err", error line, 0, 0)
ItemResult = tuple[str, str, int, int]

_worker: dict[str, Any] = {}
_pipelines: dict[str, Any] = {}  # in-process runs keep their pipeline for the next run


def _init_worker(model: str, fmt: str, in_process: bool = False) -> None:
    """Load the pipeline once per worker process."""
    if not in_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        parent = os.getppid()

        def watch() -> None:  # never outlive a main process that was killed
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()
    _worker.clear()
    _worker["render"] = renderer(fmt)
    try:
        from fitpost.extractor import Extractor
        if not in_process:
            _worker["extractor"] = Extractor(model=model)
        else:
            if model not in _pipelines:
                _pipelines[model] = Extractor(model=model)
            _worker["extractor"] = _pipelines[model]
    except FitpostError as exc:
        _worker["failed"] = str(exc)
        return
    from fitpost.components.dates import warm
    from fitpost.extractor import settle
    warm()  # a worker lives for many posts: load dateparser now, not on the first date
    settle()


def _work(records: list[dict[str, Any]]) -> list[ItemResult]:
    """A shard through the pipeline, rendered for the output (runs in a worker)."""
    if "failed" in _worker:
        raise BatchUsageError(_worker["failed"])
    return render_shard(_worker["extractor"], _worker["render"], records)


def render_shard(extractor: Any, render: Callable[[dict], Rendered],
                 records: list[dict[str, Any]]) -> list[ItemResult]:
    """:func:`extract_shard`, each output record rendered for the output or as a line of the error file."""
    results: list[ItemResult] = []
    for rec in extract_shard(extractor, records):
        if "error" in rec:
            results.append(("err", error_line(rec["error"]), 0, 0))
        else:
            text, n = render(rec)
            results.append(("ok", text, n, len(rec["activities"])))
    return results


def _in_process(shards: Iterable[list[dict]], model: str, fmt: str) -> Iterator[tuple[list[dict], list[ItemResult]]]:
    _init_worker(model, fmt, in_process=True)
    for shard in shards:
        yield shard, _work(shard)


class _Pool:
    """Worker processes fed shards, results taken back in input order, a bounded number in flight."""

    def __init__(self, workers: int, model: str, fmt: str) -> None:
        self.workers, self.model, self.fmt = workers, model, fmt
        self.ex: cf.ProcessPoolExecutor | None = None
        self.start()

    def start(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.ex = cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                         initargs=(self.model, self.fmt))

    def stop(self, wait: bool = False) -> None:
        if self.ex is None:
            return
        if wait:  # every shard is done: let the workers exit on their own
            self.ex.shutdown(wait=True)
            self.ex = None
            return
        procs = list((getattr(self.ex, "_processes", None) or {}).values())
        self.ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # a shard still running is not waited for
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(5)
        self.ex = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def run(self, shards: Iterable[list[dict]]) -> Iterator[tuple[list[dict], list[ItemResult]]]:
        window = self.workers * 3
        pending: deque[tuple[list[dict], cf.Future]] = deque()
        finished = False
        try:
            for shard in shards:
                pending.append((shard, self._submit(shard)))
                while len(pending) >= window:
                    yield from self._take(pending)
            while pending:
                yield from self._take(pending)
            finished = True
        finally:
            self.stop(wait=finished)

    def _submit(self, shard: list[dict]) -> cf.Future:
        """Send a shard to the workers; a pool a worker has broken gives a failed future, which
        :meth:`_take` recovers like any other (the pool may break before every shard is sent)."""
        try:
            return self.ex.submit(_work, shard)
        except BrokenProcessPool as exc:
            failed: cf.Future = cf.Future()
            failed.set_exception(exc)
            return failed

    def _take(self, pending: deque) -> Iterator[tuple[list[dict], list[ItemResult]]]:
        shard, fut = pending.popleft()
        try:
            yield shard, fut.result()
            return
        except BrokenProcessPool:
            pass
        # a worker died (killed, out of memory, a crash in native code): run the shards in flight again
        # one at a time, and the posts of a shard that kills a worker again one by one
        suspects = [shard] + [s for s, _ in pending]
        pending.clear()
        self.restart()
        for s in suspects:
            try:
                yield s, self.ex.submit(_work, s).result()
            except BrokenProcessPool:
                self.restart()
                yield s, self._one_by_one(s)

    def _one_by_one(self, shard: list[dict]) -> list[ItemResult]:
        results: list[ItemResult] = []
        for rec in shard:
            try:
                results.extend(self.ex.submit(_work, [rec]).result())
            except BrokenProcessPool:
                self.restart()
                err = _failure(rec, WORKER_DIED, "the worker process died while extracting this post")
                results.append(("err", error_line(err["error"]), 0, 0))
        return results


# ---------------------------------------------------------------- progress

class _Progress:
    """Posts done, posts/s and time left on stderr, when it is a terminal."""

    def __init__(self, out: TextIO, enabled: bool, counter: ByteCounter) -> None:
        self.out, self.enabled, self.counter = out, enabled, counter
        self.start = time.monotonic()
        self.last = 0.0
        self.bytes0 = 0

    def mark(self) -> None:
        """Start the clock here (after skipping what an earlier run did)."""
        self.start, self.bytes0 = time.monotonic(), self.counter.done

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.5:
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        text = f"\r{done:,} posts  {rate:,.0f} posts/s"
        total = self.counter.total
        if total:
            frac = min(self.counter.done / total, 1.0)
            part = (self.counter.done - self.bytes0) / max(total - self.bytes0, 1)
            left = elapsed * (1 - part) / part if part > 0.001 else None
            text += f"  {frac:4.0%}" + (f"  {_clock(left)} left" if left is not None else "")
        self.out.write(text + "   ")
        self.out.flush()

    def close(self) -> None:
        if self.enabled:
            self.out.write("\r\033[K")
            self.out.flush()


# ---------------------------------------------------------------- state for --resume

def _state_key(cfg: BatchConfig, fmt: str, model: str, errors_path: str) -> dict[str, Any]:
    """What must be the same for a run to resume another one."""
    return {"inputs": [p if p == STDIN else os.path.abspath(p) for p in cfg.inputs],
            "input_format": cfg.input_format, "fields": dataclasses.asdict(cfg.fields),
            "format": fmt, "model": model, "errors": os.path.abspath(errors_path)}


def _save_state(path: str, state: dict[str, Any]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f)
    os.replace(tmp, path)


def _load_state(path: str, key: dict[str, Any]) -> dict[str, Any] | None:
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, json.JSONDecodeError) as exc:
        raise BatchUsageError(f"cannot read the resume state {path}: {exc}") from None
    if state.get("version") != STATE_VERSION:
        raise BatchUsageError(f"{path} was written by another version of fitpost; run without --resume")
    different = [k for k in key if state.get("key", {}).get(k) != key[k]]
    if different:
        raise BatchUsageError(
            f"the partial output was made with other {', '.join(different)} than asked now; "
            "run with the same options, or without --resume to start over")
    return state


# ---------------------------------------------------------------- the batch

def record_shards(items: Iterable[InputPost | InputError], size: int) -> Iterator[list[dict[str, Any]]]:
    """Input items as shards of ``size`` input records (:func:`item_record`)."""
    shard: list[dict[str, Any]] = []
    for item in items:
        shard.append(item_record(item))
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


def _resolve_model(model: str) -> str:
    import importlib.util
    from fitpost import pipeline
    from fitpost.errors import ModelNotFound

    name = pipeline.resolve_auto() if model == "auto" else model
    if name != "blank" and not Path(name).exists() and importlib.util.find_spec(name.replace("-", "_")) is None:
        raise ModelNotFound(f"no spaCy pipeline named {name!r} is installed "
                            "(use --model auto, --model blank, or an installed pipeline's name or path)")
    return name


class _Stop:
    """SIGINT/SIGTERM: the first asks to stop after the shard in hand, a second stops at once."""

    def __init__(self) -> None:
        self.asked = False
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self.handle)
        return self

    def handle(self, signum: int, frame: Any) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True

    def __exit__(self, *exc: Any) -> None:
        for sig, old in self.saved.items():
            signal.signal(sig, old)


def run(cfg: BatchConfig, stderr: TextIO | None = None) -> BatchSummary:
    """Run a batch; raises :class:`FitpostError` subclasses for usage errors."""
    stderr = stderr or sys.stderr
    if cfg.engine not in ENGINES:
        raise BatchUsageError(f"unknown engine {cfg.engine!r} (one of {', '.join(ENGINES)})")
    if cfg.engine == "dask":
        from fitpost import dask_engine
        return dask_engine.run(cfg, stderr)
    if cfg.scheduler or cfg.block_size:
        raise BatchUsageError("--scheduler and --block-size go with --engine dask")
    t0 = time.monotonic()
    fmt = output_format(cfg.output, cfg.output_format)
    if fmt == "parquet":
        require_pyarrow()
    inputs = check_inputs(cfg.inputs)
    out_path = cfg.output
    if out_path == STDIN:
        raise BatchUsageError("the output must be a file (it is written whole, then renamed)")
    if Path(out_path).is_dir():
        raise BatchUsageError(f"the output {out_path} is a folder; give a file (--engine dask writes a folder)")
    if not Path(out_path).resolve().parent.is_dir():
        raise BatchUsageError(f"no folder for the output: {Path(out_path).parent}")
    errors_path = cfg.errors or default_errors_path(out_path)
    for p in inputs:
        if p != STDIN and os.path.abspath(p) in (os.path.abspath(out_path), os.path.abspath(errors_path)):
            raise BatchUsageError(f"the input {p} is also an output")
    if cfg.chunk_size < 1:
        raise BatchUsageError("--chunk-size must be at least 1")
    model = _resolve_model(cfg.model)
    workers = cfg.workers or default_workers()

    partial, err_partial, state_path = out_path + ".partial", errors_path + ".partial", out_path + ".resume.json"
    key = _state_key(cfg, fmt, model, errors_path)
    state = _load_state(state_path, key) if cfg.resume else None
    if cfg.resume and state is None:
        print(f"fitpost: nothing to resume for {out_path}; starting from the beginning", file=stderr)
    elif not cfg.resume and os.path.exists(state_path):
        print(f"fitpost: starting {out_path} over; the partial run there is dropped "
              "(--resume would have gone on from it)", file=stderr)
    if state is not None and not (os.path.exists(partial) and os.path.exists(err_partial)):
        raise BatchUsageError(f"{state_path} is there but not the partial files; run without --resume")

    summary = BatchSummary(output=out_path, errors_path=errors_path)
    if state is None:
        state = {"version": STATE_VERSION, "key": key, "done": 0, "records": 0, "activities": 0, "errors": 0,
                 "out_offset": None, "out_items": 0, "err_offset": None, "last": None}
        sink = Sink(fmt, partial)
        errf = open(err_partial, "wb")
    else:
        sink = Sink(fmt, partial, offset=state["out_offset"], items=state["out_items"])
        errf = open(err_partial, "r+b")
        errf.truncate(state["err_offset"])
        errf.seek(state["err_offset"])
    state["out_offset"] = sink.commit()
    state["err_offset"] = errf.tell()
    summary.resumed = summary.posts = state["done"]
    summary.records, summary.activities, summary.errors = state["records"], state["activities"], state["errors"]
    _save_state(state_path, state)

    counter = ByteCounter()
    counter.total = input_size(inputs)
    items = read_posts(inputs, cfg.input_format, cfg.fields, counter)
    progress = _Progress(stderr, stderr.isatty() if cfg.progress is None else cfg.progress, counter)

    def commit(n_items: int, last: dict | None) -> None:
        new = dict(state, out_offset=sink.commit(), out_items=sink.items, done=state["done"] + n_items,
                   records=summary.records, activities=summary.activities, errors=summary.errors)
        errf.flush()
        new["err_offset"] = errf.tell()
        if last is not None:
            new["last"] = last
        _save_state(state_path, new)
        state.update(new)

    engine = None
    try:
        with _Stop() as stop:
            try:
                _skip(items, state["done"], state.get("last"))
                progress.mark()
                shards = record_shards(items, cfg.chunk_size)
                engine = (_in_process(shards, model, fmt) if workers == 1
                          else _Pool(workers, model, fmt).run(shards))
                for shard, results in engine:
                    stopped = _write(shard, results, fmt, sink, errf, summary, cfg.fail_fast, commit)
                    progress.update(summary.posts - summary.resumed)
                    if stopped:
                        summary.status = "stopped"
                        break
                    if stop.asked:
                        summary.status = "interrupted"
                        break
            except KeyboardInterrupt:
                summary.status = "interrupted"
            except BaseException:
                summary.status = "failed"  # keep the partial files as they were at the last commit
                raise
            finally:
                if engine is not None:
                    engine.close()
    finally:
        progress.close()
        if summary.status == "done":
            errf.flush()
            os.fsync(errf.fileno())
            errf.close()
            sink.finish(out_path)
            os.replace(err_partial, errors_path)
            os.remove(state_path)
        else:
            # leave the partial files valid: cut back to the last commit (a stop is at a commit already)
            if summary.status in ("interrupted", "failed"):
                with open(state_path, encoding="utf-8") as f:
                    saved = json.load(f)  # what is on disk is what a resume will trust
                sink.f.truncate(saved["out_offset"])
                sink.f.seek(saved["out_offset"])
                errf.truncate(saved["err_offset"])
                summary.posts, summary.records = saved["done"], saved["records"]
                summary.activities, summary.errors = saved["activities"], saved["errors"]
            sink.close_partial()
            errf.close()
    summary.seconds = time.monotonic() - t0
    return summary


def _skip(items: Iterator, n: int, last: dict | None) -> None:
    """Skip the ``n`` input items an earlier run has done, checking the input is the same."""
    item = None
    for i in range(n):
        item = next(items, None)
        if item is None:
            raise BatchUsageError(f"the input has fewer posts ({i}) than the partial run had done ({n}); "
                                  "it changed: run without --resume")
    if n and last is not None and item is not None:
        if (item.origin, item.id) != (last.get("origin"), last.get("id")):
            raise BatchUsageError(f"the input changed since the partial run (post {n} was {last.get('id')!r} "
                                  f"at {last.get('origin')}, now {item.id!r} at {item.origin}); "
                                  "run without --resume")


def _write(shard: list[dict], results: list[ItemResult], fmt: str, sink: Sink, errf: Any,
           summary: BatchSummary, fail_fast: bool, commit: Callable[[int, dict | None], None]) -> bool:
    """Write a shard's results in order and commit them; True when --fail-fast stops here."""
    outs: list[Rendered] = []
    errs: list[str] = []
    n = len(results)
    for i, (kind, text, items, acts) in enumerate(results):
        if kind == "err" and fail_fast:
            n = i
            break
        if kind == "err":
            errs.append(text)
            summary.errors += 1
        else:
            outs.append((text, items))
            summary.records += 1
            summary.activities += acts
    if outs:
        sink.write(*join_rendered(fmt, outs))
    if errs:
        errf.write("".join(errs).encode("utf-8", "backslashreplace"))
    summary.posts += n
    last = _last(shard[n - 1]) if n else None
    commit(n, last)
    if n < len(results):  # --fail-fast: the error is shown, and written after the commit
        err = json.loads(results[n][1])
        summary.errors += 1
        summary.first_error = err
        errf.write(results[n][1].encode("utf-8", "backslashreplace"))
        errf.flush()
        return True
    return False


def _last(rec: dict) -> dict:
    body = rec.get("error", rec)
    return {"origin": body.get("origin"), "id": body.get("id")}


def run_batch(input_path: str | list[str], output_path: str, model: str = "auto", **options: Any) -> int:
    """Extract every post of ``input_path`` into ``output_path``; the exit status (0: all processed)."""
    inputs = [input_path] if isinstance(input_path, str) else list(input_path)
    summary = run(BatchConfig(inputs=inputs, output=output_path, model=model, **options))
    return summary.exit_code
