"""The local engine: batch extraction on this machine's cores; streaming, resumable, and nothing lost.

The moving parts:

* the readers (:func:`fitpost.io.read_posts`) yield every input post, or the
  reason it could not be read, in input order;
* the main process packs them into shards of plain dicts and hands them to
  worker processes (:class:`_Pool`), one shard in flight each; a worker loads
  the pipeline once and runs :func:`~fitpost.engine.render_shard` ("records in,
  records out", then the output text), so only strings travel back;
* the main process writes the shards' results in input order to
  ``OUTPUT.partial`` and ``ERRORS.partial``, and after each shard records in
  ``OUTPUT.resume.json`` how many input items are done and how many bytes of
  each file are a valid prefix.  A resume cuts both files back to those sizes
  and skips that many input items, so nothing is duplicated or skipped;
* at the end the state is marked complete, the error file and then the output
  are renamed to their final names, and the state is removed: a run killed
  between two of these steps is finished by ``--resume``;
* an output of ``-`` (stdout), a pipe or a device is written through as it
  goes: no partial file, nothing to resume.

Every input item yields exactly one output post or one error line.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import os
import queue
import signal
import stat
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_ready
from typing import Any, BinaryIO, TextIO

from fitpost import engine
from fitpost.engine import (  # noqa: F401 - the records-in, records-out API
    PIPELINES,
    BatchConfig,
    BatchSummary,
    BatchUsageError,
    ItemResult,
    Progress,
    default_errors_path,
    default_workers,
    error_line,
    extract_shard,
    failure,
    inside,
    item_record,
    record_shards,
    resolve_model,
    work_shard,
)
from fitpost.errors import FitpostError
from fitpost.io.common import STDIN, WORKER_DIED, ByteCounter
from fitpost.io.readers import check_inputs, input_size, read_posts
from fitpost.io.writers import (
    FORMATS,
    PARTIAL,
    STATE,
    Rendered,
    Sink,
    finish_file,
    join_rendered,
    output_format,
    publish,
    renderer,
    reopen_file,
    replace_file,
    require_pyarrow,
    sync_folder,
    temp_file,
)

__all__ = ["BatchConfig", "BatchSummary", "BatchUsageError", "extract_shard", "item_record", "run", "run_batch"]

# the layout of the partial files a state describes: a state of another layout is not resumed, since its
# partial files hold other lines or columns than this version writes (a new field, a new column: a new number)
STATE_VERSION = 2


def run(cfg: BatchConfig, stderr: TextIO | None = None) -> BatchSummary:
    """Run a batch on the engine ``cfg.engine`` names (:func:`fitpost.engine.run`); this module is the local one."""
    return engine.run(cfg, stderr)


def run_batch(input_path: str | list[str], output_path: str, model: str = "auto", **options: Any) -> int:
    """Extract every post of ``input_path`` into ``output_path``; the exit status (0: all processed)."""
    inputs = [input_path] if isinstance(input_path, str) else list(input_path)
    summary = run(BatchConfig(inputs=inputs, output=output_path, model=model, **options))
    return summary.exit_code


def run_engine(cfg: BatchConfig, stderr: TextIO) -> BatchSummary:
    """The local engine: plan, open the outputs, extract, then finish the outputs or keep them partial."""
    t0 = time.monotonic()
    plan = _plan(cfg)
    summary = BatchSummary(output=plan.output.shown, errors_path=plan.errors.shown,
                           output_partial=plan.output.partial_shown, errors_partial=plan.errors.partial_shown)
    outputs = _Outputs(plan)
    outputs.open(cfg, stderr, summary)
    try:
        if not outputs.complete:
            _extract(plan, cfg, outputs, summary, stderr)
        if summary.status == "done":
            outputs.finish()
    except _WriteFailed as exc:
        summary.status, summary.failure = "write_failed", str(exc)
    except BaseException:
        summary.status = "failed"  # keep the partial files as they were at the last commit
        raise
    finally:
        if summary.status != "done":
            outputs.keep(summary)
    summary.seconds = time.monotonic() - t0
    return summary


# ---------------------------------------------------------------- what the run writes, and where

@dataclass
class _Target:
    """Where one of a run's two outputs goes: a file, written as PATH.partial and renamed into place
    when complete; or a stream (stdout, stderr, a pipe, a device), written through as it goes."""

    path: str
    stream: bool = False
    std: str | None = None  # "stdout" or "stderr": the stream is this process's own

    @property
    def partial(self) -> str:
        return self.path + PARTIAL

    @property
    def shown(self) -> str:
        return f"<{self.std}>" if self.std else self.path

    @property
    def partial_shown(self) -> str | None:
        return None if self.stream else self.partial

    def open_stream(self) -> BinaryIO:
        if self.std:
            return getattr(sys, self.std).buffer
        # a pipe or a device: opened as it is (never made, never cut); one that turned into a file is refused
        fd = os.open(self.path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(f"{self.path} became a file")
        return os.fdopen(fd, "wb")


def _target(path: str, option: str) -> _Target:
    """What ``path``, given as ``option``, is to write to; a usage error for what fitpost must not replace."""
    if path == STDIN:
        return _Target(path, stream=True, std="stdout")
    if not os.path.lexists(path):
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise BatchUsageError(f"no folder for {option} {path}: {folder} is not there")
        return _Target(path)
    link = os.path.islink(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        if not link:
            raise BatchUsageError(f"{option} {path} cannot be written: {exc.strerror}") from None
        st = None  # a link to nowhere
    for std, fd in (("stdout", 1), ("stderr", 2)):  # /dev/stdout, /proc/self/fd/2 ...
        try:
            if st and (link or not stat.S_ISREG(st.st_mode)) and os.path.samestat(st, os.fstat(fd)):
                return _Target(path, stream=True, std=std)
        except OSError:
            pass
    if st and stat.S_ISDIR(st.st_mode):
        raise BatchUsageError(f"{option} {path} is a folder; give a file (--engine dask writes a folder)")
    if st and not stat.S_ISREG(st.st_mode):
        return _Target(path, stream=True)  # a pipe or a device: written through
    if link:
        raise BatchUsageError(f"{option} {path} is a symbolic link (to {os.path.realpath(path)}): fitpost "
                              "writes a new file and renames it into place, which would replace the link; "
                              "give the file itself")
    return _Target(path)


@dataclass
class _Plan:
    """A run checked and named before anything is written."""

    inputs: list[str]
    fmt: str
    model: str
    workers: int
    output: _Target
    errors: _Target
    state: str | None  # OUTPUT.resume.json; None when an output is a stream (nothing to resume)


def _plan(cfg: BatchConfig) -> _Plan:
    if cfg.scheduler or cfg.block_size:
        raise BatchUsageError("--scheduler and --block-size go with --engine dask")
    if cfg.chunk_size < 1:
        raise BatchUsageError("--chunk-size must be at least 1")
    fmt = output_format(cfg.output, cfg.output_format)
    if fmt == "parquet":
        require_pyarrow()
    inputs = check_inputs(cfg.inputs)
    output = _target(cfg.output, "-o")
    if output.stream and not FORMATS[fmt].streams:
        raise BatchUsageError(f"{fmt} is written as a whole file, not as it goes: give -o a file name")
    if cfg.errors:
        errors = _target(cfg.errors, "--errors")
    elif output.stream:
        errors = _Target("<stderr>", stream=True, std="stderr")
    else:
        errors = _target(default_errors_path(cfg.output), "the error file")
    state = None if output.stream or errors.stream else cfg.output + STATE
    if cfg.resume and state is None:
        raise BatchUsageError("--resume goes on from partial files: the output and the error file must be files")
    _check_names(inputs, output, errors, state)
    return _Plan(inputs, fmt, resolve_model(cfg.model), cfg.workers or default_workers(), output, errors, state)


def _same(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_names(inputs: list[str], output: _Target, errors: _Target, state: str | None) -> None:
    """No two files the run writes are one, no input is one of them, and none lies in an input folder
    (a later run would read it as posts)."""
    written = [(what, path) for what, path, keep in (
        ("the output", output.path, not output.stream), ("the partial output", output.partial, not output.stream),
        ("the resume state", state, state is not None), ("the error file", errors.path, not errors.stream),
        ("the partial error file", errors.partial, not errors.stream)) if keep]
    for (a, path_a), (b, path_b) in itertools.combinations(written, 2):
        if _same(path_a, path_b):
            raise BatchUsageError(f"{a} and {b} would be the same file ({path_b}): give --errors another name")
    stdin = _stdin_stat() if STDIN in inputs else None
    for what, path in written:
        for given in inputs:
            if given == STDIN:
                if stdin is not None and os.path.exists(path) and os.path.samestat(stdin, os.stat(path)):
                    raise BatchUsageError(f"the input (stdin) is also {what} of this run ({path})")
            elif _same(given, path):
                raise BatchUsageError(f"the input {given} is also {what} of this run: give -o or --errors "
                                      "another name")
            elif os.path.isdir(given) and inside(path, given):
                raise BatchUsageError(f"{what} {path} would be inside the input folder {given}, and a later run "
                                      "would read it as posts: write it elsewhere")


def _stdin_stat() -> os.stat_result | None:
    try:
        st = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError):
        return None
    return st if stat.S_ISREG(st.st_mode) else None


# ---------------------------------------------------------------- the outputs and the resume state

class _WriteFailed(FitpostError):
    """An output could not be written part way through (exit status 3)."""


class _Outputs:
    """The output and the error file of a run, and the resume state that says how much of each is
    committed: what a resume goes on from."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.sink: Sink | None = None
        self.errf: BinaryIO | None = None
        self.state: dict[str, Any] = {}
        self.complete = False  # an earlier run did every post; only the renames are left
        self.created: list[str] = []  # the partial files this run made

    # -- opening

    def open(self, cfg: BatchConfig, stderr: TextIO, summary: BatchSummary) -> None:
        plan = self.plan
        key = _state_key(cfg, plan)
        state = _load_state(plan.state, key) if cfg.resume and plan.state else None
        if cfg.resume and state is None:
            print(f"fitpost: nothing to resume for {cfg.output}; starting from the beginning", file=stderr)
        elif not cfg.resume and plan.state and os.path.lexists(plan.state):
            print(f"fitpost: starting {cfg.output} over; the partial run there is dropped "
                  "(--resume would have gone on from it)", file=stderr)
        try:
            self._go_on(state) if state is not None else self._start(key)
        except OSError as exc:  # nothing is written: what was made is removed
            self._close()
            for path in self.created:
                os.unlink(path)
            raise BatchUsageError(f"cannot write {exc.filename or 'the output'}: {exc.strerror or exc}") from None
        summary.resumed = summary.posts = self.state["done"]
        summary.records, summary.activities = self.state["records"], self.state["activities"]
        summary.errors = self.state["errors"]
        summary.resumable = plan.state is not None

    def _start(self, key: dict[str, Any]) -> None:
        plan = self.plan
        self.state = {"version": STATE_VERSION, "key": key, "done": 0, "records": 0, "activities": 0, "errors": 0,
                      "out_offset": None, "out_items": 0, "err_offset": None, "last": None, "complete": False}
        self.sink = Sink(plan.fmt, self._open(plan.output))
        self.errf = self._open(plan.errors)
        self.state["out_offset"], self.state["err_offset"] = self.sink.commit(), _flushed(self.errf)
        if plan.state:
            _save_state(plan.state, self.state)

    def _open(self, target: _Target) -> BinaryIO:
        if target.stream:
            return target.open_stream()
        f = _named(replace_file, target.partial)
        self.created.append(target.partial)
        return f

    def _go_on(self, state: dict[str, Any]) -> None:
        plan = self.plan
        self.state = state
        for t in (plan.output, plan.errors):
            finished = state.get("complete") and (os.path.lexists(t.path) or (t is plan.errors and not state["errors"]))
            if not os.path.lexists(t.partial) and not finished:
                raise BatchUsageError(f"{plan.state} is there but not {t.partial}; run without --resume")
        if state.get("complete"):
            self.complete = True  # its files are opened by finish(), those not renamed yet
            return
        out = _named(reopen_file, plan.output.partial, state["out_offset"])
        self.sink = Sink(plan.fmt, out, items=state["out_items"], fresh=False)
        self.errf = _named(reopen_file, plan.errors.partial, state["err_offset"])

    # -- writing

    @contextmanager
    def _writing(self, target: _Target) -> Iterator[None]:
        """An OSError while writing ``target`` (a full disk, a closed pipe): :class:`_WriteFailed`."""
        try:
            yield
        except OSError as exc:
            if target.std == "stdout" and isinstance(exc, BrokenPipeError):
                _silence_stdout()
            where = target.shown if target.stream else target.partial
            hint = ("; what was committed is kept: run again with --resume once that is fixed"
                    if self.plan.state else "")
            raise _WriteFailed(f"cannot write {where}: {exc.strerror or exc}{hint}") from None

    def write(self, outs: list[Rendered], errs: list[str]) -> None:
        """A shard's rendered posts to the output, its error lines to the error file."""
        if outs:
            with self._writing(self.plan.output):
                self.sink.write(*join_rendered(self.plan.fmt, outs))
        if errs:
            with self._writing(self.plan.errors):
                self.errf.write("".join(errs).encode("utf-8", "backslashreplace"))
                self.errf.flush()

    def commit(self, n_items: int, last: dict | None, summary: BatchSummary) -> None:
        """Record that ``n_items`` more input items are written (the last of them ``last``)."""
        with self._writing(self.plan.output):
            out_offset = self.sink.commit()
        with self._writing(self.plan.errors):
            err_offset = _flushed(self.errf)
        new = dict(self.state, out_offset=out_offset, out_items=self.sink.items, err_offset=err_offset,
                   done=self.state["done"] + n_items, records=summary.records, activities=summary.activities,
                   errors=summary.errors)
        if last is not None:
            new["last"] = last
        self._save(new)

    def _save(self, state: dict[str, Any]) -> None:
        if self.plan.state:
            with self._writing(_Target(self.plan.state)):
                _save_state(self.plan.state, state)
        self.state = state

    # -- the end

    def finish(self) -> None:
        """Every post is written: mark the state complete, then rename the error file and the output
        into place, and remove the state (a resume after a kill at any step does the steps left)."""
        plan = self.plan
        if not self.complete:
            self._save(dict(self.state, complete=True))
        with self._writing(plan.errors):
            self._finish_errors()
        with self._writing(plan.output):
            self._finish_output()
        if plan.state:
            with self._writing(_Target(plan.state)):
                os.remove(plan.state)
                sync_folder(plan.state)

    def _finish_errors(self) -> None:
        """The error file into place; a run in which no post failed leaves none, and removes the one
        an earlier run of the same output left (as the error file of a run with errors replaces it)."""
        t = self.plan.errors
        if t.stream:
            self._close_stream(self.errf, t)
            return
        if self.errf is None:  # finishing an earlier run: its error file may be in place already
            if not os.path.lexists(t.partial):
                return
            self.errf = reopen_file(t.partial, self.state["err_offset"])
        if not self.state["errors"]:
            self.errf.close()
            for path in (t.path, t.partial):
                if os.path.lexists(path):
                    os.remove(path)
            sync_folder(t.path)
            return
        finish_file(self.errf)
        os.replace(t.partial, t.path)
        sync_folder(t.path)

    def _finish_output(self) -> None:
        t = self.plan.output
        if self.sink is None:  # finishing an earlier run: its output may be in place already
            if not os.path.lexists(t.partial):
                return
            out = reopen_file(t.partial, self.state["out_offset"])
            self.sink = Sink(self.plan.fmt, out, items=self.state["out_items"], fresh=False)
        self.sink.end()
        if t.stream:
            self._close_stream(self.sink.f, t)
            return
        finish_file(self.sink.f)
        publish(self.plan.fmt, t.partial, t.path)

    def keep(self, summary: BatchSummary) -> None:
        """Leave the partial files as of the last commit (a stop is at a commit already), each a valid
        file on its own (JSON-LD: the document closed); a resume cuts them back to the state on disk."""
        try:
            if summary.status != "stopped" and self.plan.state and self.sink and not self.state.get("complete"):
                with open(self.plan.state, encoding="utf-8") as f:
                    saved = json.load(f)  # what is on disk is what a resume will trust
                self.sink.f.truncate(saved["out_offset"])
                self.sink.f.seek(saved["out_offset"])
                self.errf.truncate(saved["err_offset"])
                summary.posts, summary.records = saved["done"], saved["records"]
                summary.activities, summary.errors = saved["activities"], saved["errors"]
            if self.sink and not self.sink.f.closed and not self.state.get("complete"):
                self.sink.end()
        except (OSError, ValueError):
            pass  # best effort: the state on disk says what a resume keeps
        finally:
            self._close()

    def _close(self) -> None:
        for f, t in ((self.sink.f if self.sink else None, self.plan.output), (self.errf, self.plan.errors)):
            if f is not None and not f.closed:
                try:
                    f.flush() if t.std else f.close()
                except OSError:
                    pass

    @staticmethod
    def _close_stream(f: BinaryIO, target: _Target) -> None:
        f.flush()
        if not target.std:
            f.close()


def _named(opener: Any, path: str, *args: Any) -> BinaryIO:
    """``opener(path, ...)``, its OSError naming ``path``."""
    try:
        return opener(path, *args)
    except OSError as exc:
        if exc.filename is None:
            exc.filename = path
        raise


def _flushed(f: BinaryIO) -> int | None:
    f.flush()
    return f.tell() if f.seekable() else None


def _silence_stdout() -> None:
    """After a closed pipe on stdout: point it to the null device, so that exiting does not fail again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError):
        pass


def _state_key(cfg: BatchConfig, plan: _Plan) -> dict[str, Any]:
    """What must be the same for a run to resume another one."""
    return {"inputs": [p if p == STDIN else os.path.abspath(p) for p in cfg.inputs],
            "input_format": cfg.input_format, "fields": dataclasses.asdict(cfg.fields),
            "format": plan.fmt, "model": plan.model, "errors": os.path.abspath(plan.errors.path),
            "min_confidence": cfg.min_confidence, "pretty": cfg.pretty}


def _save_state(path: str, state: dict[str, Any]) -> None:
    """Write the state whole or not at all: a new temporary file (made exclusively), renamed over it."""
    f, tmp = temp_file(path)
    try:
        with f:
            f.write(json.dumps(state).encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def _load_state(path: str, key: dict[str, Any]) -> dict[str, Any] | None:
    if not os.path.lexists(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError) as exc:
        raise BatchUsageError(f"cannot read the resume state {path}: {exc}") from None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise BatchUsageError(f"{path} was written by another version of fitpost; run without --resume")
    different = [k for k in key if state.get("key", {}).get(k) != key[k]]
    if different:
        raise BatchUsageError(
            f"the partial output was made with other {', '.join(different)} than asked now; "
            "run with the same options, or without --resume to start over")
    return state


# ---------------------------------------------------------------- the extraction

def _extract(plan: _Plan, cfg: BatchConfig, outputs: _Outputs, summary: BatchSummary, stderr: TextIO) -> None:
    """Read, extract and write every input item not done yet, shard by shard, in input order."""
    counter = ByteCounter()
    counter.total = input_size(plan.inputs)
    items = read_posts(plan.inputs, cfg.input_format, cfg.fields, counter)
    progress = Progress(stderr, stderr.isatty() if cfg.progress is None else cfg.progress, counter.total)
    style = ("indented" if plan.output.stream else "spaced") if cfg.pretty else "compact"
    job = _Job(plan.model, plan.fmt, cfg.max_seconds_per_post or None, cfg.min_confidence, style)
    try:
        with _Stop() as stop, _workers(plan.workers, job) as pool:
            _skip(items, outputs.state["done"], outputs.state.get("last"))
            progress.begin(summary.posts, counter.done)
            shards = _noted(record_shards(items, cfg.chunk_size, first=1), summary.posts, counter, progress)
            for shard, results in pool.run(shards):
                if _write(shard, results, plan.fmt, outputs, summary, cfg.fail_fast):
                    summary.status = "stopped"
                    return
                progress.update(summary.posts)
                if stop.asked:
                    summary.status = "interrupted"
                    return
    except KeyboardInterrupt:
        summary.status = "interrupted"
    finally:
        progress.close()


def _noted(shards: Iterator[list[dict]], read: int, counter: ByteCounter,
           progress: Progress) -> Iterator[list[dict]]:
    """The shards, each noted in ``progress`` as read (with the bytes read so far), and the number
    of posts of the input once it is read to its end (``read``: those skipped before)."""
    for shard in shards:
        read += len(shard)
        progress.read(read, counter.done)
        yield shard
    progress.read_all(read)


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


def _write(shard: list[dict], results: list[ItemResult], fmt: str, outputs: _Outputs, summary: BatchSummary,
           fail_fast: bool) -> bool:
    """Write a shard's results in order and commit them; True when --fail-fast stops here."""
    outs: list[Rendered] = []
    errs: list[str] = []
    n = len(results)
    for i, (kind, text, items, acts) in enumerate(results):
        if kind != "ok" and fail_fast:
            n = i
            break
        if kind != "ok":
            errs.append(text)
            summary.errors += 1
        else:
            outs.append((text, items))
            summary.records += 1
            summary.activities += acts
    outputs.write(outs, errs)
    summary.posts += n
    outputs.commit(n, _last(shard[n - 1]) if n else None, summary)
    if n < len(results):  # --fail-fast: the error is shown, and written after the commit
        summary.errors += 1
        summary.first_error = json.loads(results[n][1])
        outputs.write([], [results[n][1]])
        return True
    return False


def _last(rec: dict) -> dict:
    body = rec.get("error", rec)
    return {"origin": body.get("origin"), "id": body.get("id")}


class _Stop:
    """SIGINT/SIGTERM: the first asks to stop after the shard in hand, a second stops at once.
    A signal this process was started ignoring (a background job's SIGINT) stays ignored."""

    def __init__(self) -> None:
        self.asked = False
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(sig) is not signal.SIG_IGN:
                    self.saved[sig] = signal.signal(sig, self.handle)
        return self

    def handle(self, signum: int, frame: Any) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True

    def __exit__(self, *exc: Any) -> None:
        for sig, old in self.saved.items():
            signal.signal(sig, old)


# ---------------------------------------------------------------- the workers

@dataclass(frozen=True)
class _Job:
    """What a worker needs: the model, the output format, the time limit of a post, the least
    confidence of a record written, the JSON style of a JSON Lines record."""

    model: str
    fmt: str
    limit: float | None
    least: float = 0.0
    json_style: str = "compact"


@contextmanager
def _workers(n: int, job: _Job) -> Iterator[_Pool | _InProcess]:
    """``n`` worker processes, or this process for ``n == 1``; stopped on the way out, whatever happens."""
    pool = _InProcess(job) if n == 1 else _Pool(n, job)
    try:
        yield pool
    finally:
        pool.close()


class _InProcess:
    """``--workers 1``: the shards extracted in this process, one after the other."""

    def __init__(self, job: _Job) -> None:
        self.job, self.render = job, renderer(job.fmt, job.json_style)
        PIPELINES.get(job.model)

    def run(self, shards: Iterable[list[dict]]) -> Iterator[tuple[list[dict], list[ItemResult]]]:
        for shard in shards:
            yield shard, work_shard(self.job.model, self.render, shard, self.job.limit, self.job.least)

    def close(self) -> None:
        pass


def _serve(conn: Any, job: _Job) -> None:
    """A worker process: shards in, rendered results out, in order, until told to stop.

    A thread takes the shards off the pipe as they come, so the main process never waits to send
    one while this process sends its results.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()

    def watch() -> None:  # never outlive a main process that was killed
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:
        shard = True
        while shard is not None:
            try:
                shard = conn.recv()
            except (EOFError, OSError):
                shard = None
            inbox.put(shard)

    for target in (watch, receive):
        threading.Thread(target=target, daemon=True).start()
    render = renderer(job.fmt, job.json_style)
    while (shard := inbox.get()) is not None:
        try:
            answer: tuple[str, Any] = ("ok", work_shard(job.model, render, shard, job.limit, job.least))
        except FitpostError as exc:  # the pipeline cannot be loaded here
            answer = ("failed", str(exc))
        except Exception:  # noqa: BLE001 - a bug: the main process raises it
            answer = ("crashed", traceback.format_exc())
        try:
            conn.send(answer)
        except OSError:
            return


class _Worker:
    """A worker process, the pipe to it, and the shards it has in hand, oldest first (it does them
    in that order)."""

    def __init__(self, ctx: Any, job: _Job) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, job), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[tuple[int, list[dict]]] = deque()  # (index, shard)

    def send(self, index: int, shard: list[dict]) -> None:
        """Hand the worker a shard.  A worker that has died cannot take it (a broken pipe): the shard
        stays in hand all the same, and the pool, finding the worker dead when it takes its results,
        does it again elsewhere."""
        self.tasks.append((index, shard))
        try:
            self.conn.send(shard)
        except OSError:
            pass

    def receive(self) -> list[ItemResult]:
        """The results of the oldest shard in hand; EOFError or OSError when the worker died on it."""
        kind, payload = self.conn.recv()
        self.tasks.popleft()
        if kind == "failed":
            raise BatchUsageError(payload)
        if kind == "crashed":
            raise RuntimeError(f"a worker process failed:\n{payload}")
        return payload

    def ask_to_stop(self) -> None:
        """No more shards: the worker ends on its own."""
        try:
            self.conn.send(None)
        except OSError:
            pass

    def stop(self, gently: bool) -> None:
        """Gently: wait a little for a worker asked to stop to end; else (or if it does not) end it."""
        if gently:
            self.proc.join(5)
        for end in (self.proc.terminate, self.proc.kill):
            if self.proc.is_alive():
                end()
                self.proc.join(5)
        self.conn.close()


class _Pool:
    """Worker processes fed shards, results taken back in input order, a bounded number ahead.

    Each worker has up to :attr:`DEPTH` shards in hand, so that it starts the next one while the
    main process takes the results of the last.  A worker that dies (killed, out of memory, a crash
    in native code) is replaced: the shard it was on is done again a post at a time, each on a
    fresh worker (the post that kills one again goes to the error file), and the shards it had not
    started go to the new worker.  Nothing here waits on a thread, so stopping never hangs.
    """

    DEPTH = 2

    def __init__(self, workers: int, job: _Job) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.job = job
        self.window = workers * 3
        self.finished = False
        self.workers: list[_Worker] = []
        try:
            for _ in range(workers):
                self.workers.append(_Worker(self.ctx, job))
        except BaseException:
            self.close()
            raise

    def run(self, shards: Iterable[list[dict]]) -> Iterator[tuple[list[dict], list[ItemResult]]]:
        source = enumerate(shards)
        done: dict[int, tuple[list[dict], list[ItemResult]]] = {}
        sent = handed = 0
        more = True
        while True:
            while handed in done:
                yield done.pop(handed)
                handed += 1
            for w in sorted(self.workers, key=lambda w: len(w.tasks)):  # the idlest first
                while more and len(w.tasks) < self.DEPTH and sent - handed < self.window:
                    nxt = next(source, None)
                    more = nxt is not None
                    if more:
                        w.send(*nxt)
                        sent += 1
            busy = [w for w in self.workers if w.tasks]
            if not busy:  # nothing in hand, nothing to send: every shard is handed back
                self.finished = True
                return
            ready = set(wait_ready([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
            for w in busy:
                if w.conn in ready or w.proc.sentinel in ready:
                    for index, shard, results in self._collect(w):
                        done[index] = (shard, results)

    def _collect(self, w: _Worker) -> list[tuple[int, list[dict], list[ItemResult]]]:
        index, shard = w.tasks[0]
        try:
            return [(index, shard, w.receive())]
        except (EOFError, OSError):  # the worker died on this shard
            w.stop(gently=False)
            fresh = _Worker(self.ctx, self.job)
            self.workers[self.workers.index(w)] = fresh
            for later in list(w.tasks)[1:]:
                fresh.send(*later)
            return [(index, shard, self._one_by_one(shard))]

    def _one_by_one(self, shard: list[dict]) -> list[ItemResult]:
        results: list[ItemResult] = []
        w = _Worker(self.ctx, self.job)
        try:
            for rec in shard:
                w.send(-1, [rec])
                try:
                    results.extend(w.receive())
                except (EOFError, OSError):
                    w.stop(gently=False)
                    w = _Worker(self.ctx, self.job)
                    err = failure(rec, WORKER_DIED, "the worker process died while extracting this post")
                    results.append(("err", error_line(err["error"]), 0, 0))
        finally:
            w.ask_to_stop()
            w.stop(gently=True)
        return results

    def close(self) -> None:
        if self.finished:
            for w in self.workers:
                w.ask_to_stop()
        for w in self.workers:
            w.stop(gently=self.finished)
