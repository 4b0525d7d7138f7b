"""Batch extraction on a Dask cluster: ``fitpost batch ... --engine dask [--scheduler tcp://HOST:PORT]``.

An adapter around the records-in, records-out function the engines share
(:func:`fitpost.engine.render_shard` over :func:`fitpost.engine.extract_shard`):

* the client plans the work as *pieces*: an uncompressed JSON Lines file larger
  than the block size is cut into byte blocks (a block holds the lines that
  start in it, so every line is in exactly one block; the line numbers before
  each block are counted on the workers first); any other file (compressed, a
  JSON array, a text file ...) is read whole, and an instaloader folder too;
* the pieces become the elements of a :mod:`dask.bag`, one partition each
  (small whole files packed together up to the block size), and
  :meth:`~dask.bag.Bag.map_partitions` runs :func:`run_partition` on the
  workers: the pieces are read with the local engine's readers, extracted with
  the pipeline of that worker process (:data:`fitpost.engine.PIPELINES`: loaded
  on first use, never sent from the client), each post within
  ``--max-seconds-per-post``, and written by the worker to ``OUT/part-NNNNN.<format>``, and the
  posts that could not be processed to ``OUT/errors-NNNNN.jsonl`` (only for a
  partition that has some), each written as ``.partial`` and then renamed;
* the client adds up the counts and writes ``OUT/_SUCCESS`` (the summary as
  JSON) when every partition is done.

A LocalCluster started here (no ``--scheduler``) listens on loopback and speaks
TLS with a certificate made for the run, which only this user's processes hold:
no one else on the machine can connect to it and run code in its workers.

The part files in name order hold the posts in input order, and give the same
records as the local engine; the workers must see the input paths (and write
to ``OUT``) at the same absolute paths as the client: a shared file system.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from fitpost.engine import (
    BatchConfig,
    BatchSummary,
    BatchUsageError,
    Progress,
    clock,
    default_workers,
    inside,
    record_shards,
    resolve_model,
    work_shard,
)
from fitpost.io.common import STDIN, UNREADABLE, Fields, Item, error
from fitpost.io.jsonio import HEAD_SIZE, json_layout
from fitpost.io.readers import LINE_MAPPERS, check_inputs, detect, folder_files, read_file, read_lines, sniff
from fitpost.io.writers import (
    FORMATS,
    PARTIAL,
    SUCCESS,
    Sink,
    create_file,
    errors_part_name,
    finish_file,
    is_part_file,
    join_rendered,
    output_format,
    part_name,
    publish,
    renderer,
    require_pyarrow,
    temp_file,
)

INSTALL_HINT = "--engine dask needs the dask extra: pip install 'fitpost[dask]'"
MIN_BLOCK, MAX_BLOCK = 256 << 10, 64 << 20  # bounds of the automatic block size
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"\xfd7zXZ\x00", b"BZh")
INSTALOADER_FOLDER = "instaloader-folder"


def import_dask() -> tuple[Any, Any]:
    """``(dask.bag, distributed)``, or a usage error that says how to install them."""
    try:
        import dask.bag as db
        import distributed
    except ImportError:
        raise BatchUsageError(INSTALL_HINT) from None
    return db, distributed


# ---------------------------------------------------------------- the plan (client)

@dataclass(frozen=True)
class Piece:
    """A part of the input read by one worker: a whole file or folder, or a block of a JSON Lines file.

    ``path`` is opened (absolute), ``name`` is what the origins call it (as the
    local engine would).  A block holds the lines that *start* in bytes
    ``[start, end)``; ``newlines`` is the number of line ends before ``start``.
    """

    path: str
    name: str
    kind: str  # a format for read_file (auto too), a key of LINE_MAPPERS for a block, or INSTALOADER_FOLDER
    size: int
    block: bool = False
    start: int = 0
    end: int = 0
    newlines: int = 0


def count_newlines(path: str, start: int, end: int) -> int:
    """The number of ``\\n`` in bytes ``[start, end)`` of ``path``."""
    n = 0
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            data = f.read(min(left, 1 << 20))
            if not data:
                break
            n += data.count(b"\n")
            left -= len(data)
    return n


def _count(spec: tuple[str, int, int]) -> int:
    return count_newlines(*spec)


def _file_pieces(path: str, name: str, kind: str, block_size: int) -> list[Piece]:
    """A file as one whole piece, or as blocks when it is uncompressed JSON Lines larger than a block."""
    size = os.path.getsize(path)
    whole = [Piece(path, name, kind, size)]
    if size <= block_size or kind not in ("auto", *LINE_MAPPERS):
        return whole
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    if head.startswith(_COMPRESSED_MAGIC):
        return whole
    lines_kind = sniff(head) if kind == "auto" else kind
    if lines_kind not in LINE_MAPPERS or json_layout(head[:HEAD_SIZE]) != "lines":
        return whole
    return [Piece(path, name, lines_kind, size, block=True, start=o, end=min(o + block_size, size))
            for o in range(0, size, block_size)]


def plan_pieces(inputs: list[str], input_format: str, block_size: int,
                count: Callable[[list[tuple[str, int, int]]], list[int]], glob: list[str] | None = None) -> list[Piece]:
    """The pieces of the inputs in reading order; ``count`` maps ``(path, start, end)`` to newline counts;
    ``glob``: the files of folders to read (``--glob``)."""
    pieces: list[Piece] = []
    for given in inputs:
        if given == STDIN:
            raise BatchUsageError("--engine dask reads files the workers can open, not stdin ('-'): "
                                  "save the input to a file first")
        kind = detect(given, input_format, glob or ())
        if Path(given).is_dir():
            if kind == "instaloader":
                size = sum(p.stat().st_size for p in Path(given).rglob("*") if p.is_file())
                pieces.append(Piece(os.path.abspath(given), str(Path(given)), INSTALOADER_FOLDER, size))
                continue
            for p, file_kind in folder_files(Path(given), kind, glob or ()):
                pieces.extend(_file_pieces(os.path.abspath(p), str(p), file_kind, block_size))
        else:
            pieces.extend(_file_pieces(os.path.abspath(given), given, kind, block_size))
    # the line ends before each block: counted per block (in parallel), then summed per file
    specs = [(p.path, p.start, p.end) for p in pieces if p.block and p.end < p.size]
    counts = dict(zip(specs, count(specs))) if specs else {}
    out, before = [], 0
    for p in pieces:
        if p.block:
            if p.start == 0:  # the first block of a file (given once or more)
                before = 0
            out.append(Piece(p.path, p.name, p.kind, p.size, True, p.start, p.end, before))
            if p.end < p.size:
                before += counts[(p.path, p.start, p.end)]
        else:
            out.append(p)
    return out


def partitions(pieces: list[Piece], block_size: int) -> list[list[Piece]]:
    """Pieces grouped into partitions: a block or a large piece alone, small whole files packed in order."""
    parts: list[list[Piece]] = []
    pack: list[Piece] = []
    size = 0
    for p in pieces:
        if p.block or p.size >= block_size:
            if pack:
                parts.append(pack)
                pack, size = [], 0
            parts.append([p])
            continue
        pack.append(p)
        size += p.size
        if size >= block_size:
            parts.append(pack)
            pack, size = [], 0
    if pack:
        parts.append(pack)
    return parts


def auto_block_size(pieces_bytes: int, threads: int) -> int:
    """About four partitions per worker thread, within :data:`MIN_BLOCK` .. :data:`MAX_BLOCK`."""
    return max(MIN_BLOCK, min(MAX_BLOCK, -(-pieces_bytes // max(4 * threads, 1))))


def input_bytes(inputs: list[str]) -> int:
    """The size of the inputs in bytes (files, and the files under folders)."""
    total = 0
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            total += p.stat().st_size
    return total


# ---------------------------------------------------------------- reading a piece (worker)

def block_lines(piece: Piece) -> tuple[int, Iterator[bytes]]:
    """The line number of the first line of a block, and the lines that start in it."""
    f = open(piece.path, "rb")
    pos, first = piece.start, piece.newlines + 1
    if pos > 0:
        f.seek(pos - 1)
        if f.read(1) != b"\n":  # the block starts inside a line: that line is the previous block's
            pos += len(f.readline())
            first += 1

    def lines() -> Iterator[bytes]:
        nonlocal pos
        try:
            while pos < piece.end:
                line = f.readline()
                if not line:
                    return
                pos += len(line)
                yield line
        finally:
            f.close()
    return first, lines()


def read_piece(piece: Piece, fields: Fields) -> Iterator[Item]:
    """Every post of a piece, with the origins the local engine gives them."""
    if piece.kind == INSTALOADER_FOLDER:
        from fitpost.io.instagram import read_instaloader
        prefix, name = str(Path(piece.path)), str(Path(piece.name))
        for item in read_instaloader(Path(piece.path), fields):
            if item.origin and item.origin.startswith(prefix) and prefix != name:
                item.origin = name + item.origin[len(prefix):]
            yield item
    elif piece.block:
        try:
            first, lines = block_lines(piece)
            yield from read_lines(lines, piece.name, piece.kind, fields, first)
        except OSError as exc:
            yield error(UNREADABLE, f"the file cannot be read on: {type(exc).__name__}: {exc}", f"{piece.name}:0")
    else:
        yield from read_file(piece.path, piece.kind, fields, name=piece.name)


# ---------------------------------------------------------------- a partition (worker)

def run_partition(elements: list[tuple[int, list[Piece]]], job: dict[str, Any]) -> list[dict[str, Any]]:
    """Read, extract and write one partition (runs on a worker); its counts, for the client to add up."""
    out = []
    for index, pieces in elements:
        out.append(_write_partition(index, pieces, job))
    return out


def _write_partition(index: int, pieces: list[Piece], job: dict[str, Any]) -> dict[str, Any]:
    fmt, folder, token = job["format"], Path(job["output"]), job["token"]
    fields = Fields(**job["fields"])
    final, err_final = folder / part_name(index, fmt), folder / errors_part_name(index)
    partial, err_partial = f"{final}.{token}{PARTIAL}", f"{err_final}.{token}{PARTIAL}"
    counts = {"index": index, "posts": 0, "records": 0, "activities": 0, "errors": 0}
    render = renderer(fmt, job["json_style"])
    sink = Sink(fmt, create_file(partial))
    errf = None
    try:
        items = (item for piece in pieces for item in read_piece(piece, fields))
        for shard in record_shards(items, job["chunk_size"]):
            results = work_shard(job["model"], render, shard, job["limit"], job["least"])
            outs, errs = [], []
            for kind, text, n, acts in results:
                if kind != "ok":
                    errs.append(text)
                else:
                    outs.append((text, n))
                    counts["activities"] += acts
            if outs:
                sink.write(*join_rendered(fmt, outs))
            if errs:
                if errf is None:
                    errf = create_file(err_partial)
                errf.write("".join(errs).encode("utf-8", "backslashreplace"))
            counts["posts"] += len(results)
            counts["records"] += len(outs)
            counts["errors"] += len(errs)
        sink.end()
        finish_file(sink.f)
        publish(fmt, partial, str(final))
        if errf is not None:
            finish_file(errf)
            publish("jsonl", err_partial, str(err_final))
    except BaseException:
        for f in (sink.f, errf):
            if f is not None:
                with contextlib.suppress(OSError):
                    f.close()
        for p in (partial, err_partial):
            if os.path.lexists(p):
                os.remove(p)
        raise
    return counts


# ---------------------------------------------------------------- the run (client)

@dataclass
class DaskSummary(BatchSummary):
    """A :class:`BatchSummary` of a Dask run: ``output`` is a folder of part files."""

    partitions: int = 0
    fmt: str = "jsonl"

    def line(self) -> str:
        rate = f", {self.posts / self.seconds:,.0f} posts/s" if self.seconds > 0 and self.posts else ""
        parts = os.path.join(self.output, "part-*" + FORMATS[self.fmt].suffixes[0])
        text = (f"{self.posts:,} posts in {self.partitions:,} partitions: {self.records:,} records with "
                f"{self.activities:,} activities -> {parts}; {self.errors:,} errors")
        if self.errors:
            text += f" -> {self.errors_path}"
        text += f"; {clock(self.seconds)}{rate}"
        if self.status == "interrupted":
            text += "; interrupted: the output folder is incomplete (no _SUCCESS), run again to do it all"
        elif self.status == "write_failed":
            text += "; stopped: an output could not be written (no _SUCCESS), run again to do it all"
        return text


def run_engine(cfg: BatchConfig, stderr: TextIO) -> BatchSummary:
    """Run a batch on a Dask cluster; raises :class:`FitpostError` subclasses for usage errors."""
    db, distributed = import_dask()
    t0 = time.monotonic()
    fmt, folder, inputs = _check(cfg)
    model = resolve_model(cfg.model)
    summary = DaskSummary(output=str(folder), errors_path=os.path.join(str(folder), "errors-*.jsonl"), fmt=fmt)
    with _client(cfg, distributed) as client:
        threads = sum(client.nthreads().values()) or 1
        block_size = cfg.block_size or auto_block_size(input_bytes(inputs), threads)

        def count(specs: list[tuple[str, int, int]]) -> list[int]:
            return db.from_sequence(specs, partition_size=1).map(_count).compute()

        pieces = plan_pieces(inputs, cfg.input_format, block_size, count, cfg.fields.glob)
        parts = partitions(pieces, block_size)
        summary.partitions = len(parts)
        _prepare(folder, stderr)
        job = {"model": model, "format": fmt, "fields": dataclasses.asdict(cfg.fields),
               "output": os.path.abspath(folder), "chunk_size": cfg.chunk_size, "token": uuid.uuid4().hex[:12],
               "limit": cfg.max_seconds_per_post or None, "least": cfg.min_confidence,
               "json_style": "spaced" if cfg.pretty else "compact"}  # the parts are files: one record a line
        progress = Progress(stderr, stderr.isatty() if cfg.progress is None else cfg.progress,
                            sum(p.size for p in pieces) or None)
        progress.begin()
        if parts:
            _compute(client, db, distributed, parts, job, summary, progress)
        if summary.status == "done":
            summary.seconds = time.monotonic() - t0
            _write_success(folder, summary, model)
    summary.seconds = time.monotonic() - t0
    return summary


def _check(cfg: BatchConfig) -> tuple[str, Path, list[str]]:
    if cfg.resume:
        raise BatchUsageError("--resume does not go with --engine dask (a rerun does every partition again)")
    if cfg.fail_fast:
        raise BatchUsageError("--fail-fast does not go with --engine dask")
    if cfg.errors:
        raise BatchUsageError("--errors does not go with --engine dask: the posts that cannot be processed "
                              "go to OUTPUT/errors-NNNNN.jsonl")
    if cfg.scheduler and cfg.workers:
        raise BatchUsageError("--workers sets the size of a LocalCluster; with --scheduler the cluster's "
                              "workers are used")
    if STDIN in cfg.inputs:
        raise BatchUsageError("--engine dask reads files the workers can open, not stdin ('-'): "
                              "save the input to a file first")
    if cfg.chunk_size < 1:
        raise BatchUsageError("--chunk-size must be at least 1")
    if cfg.block_size is not None and cfg.block_size < 1:
        raise BatchUsageError("--block-size must be at least 1 byte")
    fmt = output_format(cfg.output, cfg.output_format)
    if fmt == "parquet":
        require_pyarrow()
    if cfg.output == STDIN:
        raise BatchUsageError("the output of --engine dask is a folder, not stdout")
    folder = Path(cfg.output)
    if folder.exists() and not folder.is_dir():
        raise BatchUsageError(f"the output of --engine dask is a folder, and {folder} is a file")
    if not folder.resolve().parent.is_dir():
        raise BatchUsageError(f"no folder for the output: {folder.parent}")
    inputs = check_inputs(cfg.inputs)
    for p in inputs:
        if inside(p, str(folder)):
            raise BatchUsageError(f"the input {p} is in the output folder")
        if os.path.isdir(p) and inside(str(folder), p):
            raise BatchUsageError(f"the output folder {folder} would be inside the input folder {p}, and a "
                                  "later run would read it as posts: write it elsewhere")
    return fmt, folder, inputs


def _prepare(folder: Path, stderr: TextIO) -> None:
    """Make the output folder, and remove the part and error files of an earlier run there (only those)."""
    try:
        folder.mkdir(exist_ok=True)
        old = [p for p in folder.iterdir() if is_part_file(p.name)]
        if old:
            print(f"fitpost: replacing the output of an earlier run in {folder} ({len(old)} files)", file=stderr)
        for p in old:
            p.unlink()
    except OSError as exc:
        raise BatchUsageError(f"cannot write the output folder {folder}: {exc.strerror or exc}") from None


def _compute(client: Any, db: Any, distributed: Any, parts: list[list[Piece]], job: dict[str, Any],
             summary: DaskSummary, progress: Progress) -> None:
    """Every partition on the cluster; the counts added up as they come."""
    bag = db.from_sequence(list(enumerate(parts)), partition_size=1)
    futures = client.compute(bag.map_partitions(run_partition, job).to_delayed())
    sizes = {f.key: sum(p.size for p in part) for f, part in zip(futures, parts)}
    bytes_done = 0
    try:
        for fut in distributed.as_completed(futures):
            for c in fut.result():
                summary.posts += c["posts"]
                summary.records += c["records"]
                summary.activities += c["activities"]
                summary.errors += c["errors"]
            bytes_done += sizes[fut.key]  # the share done: the bytes of the partitions done
            progress.update(summary.posts, bytes_done)
    except KeyboardInterrupt:
        summary.status = "interrupted"
    except OSError as exc:  # a worker could not write its part (a full disk ...)
        summary.status = "write_failed"
        summary.failure = f"cannot write in {job['output']}: {exc.strerror or exc}"
    except BaseException:
        summary.status = "failed"
        raise
    finally:
        progress.close()
        client.cancel(futures)


def _write_success(folder: Path, summary: DaskSummary, model: str) -> None:
    done = {k: getattr(summary, k) for k in ("posts", "records", "activities", "errors", "partitions")}
    f, tmp = temp_file(str(folder / SUCCESS))
    with f:
        f.write((json.dumps({**done, "format": summary.fmt, "model": model}) + "\n").encode("utf-8"))
    os.replace(tmp, folder / SUCCESS)


# ---------------------------------------------------------------- the cluster (client)

@contextmanager
def _client(cfg: BatchConfig, distributed: Any) -> Iterator[Any]:
    """A client of the scheduler asked for, or of a new LocalCluster here; both closed on the way out."""
    if cfg.scheduler:
        client = _connect(cfg.scheduler, distributed)
        try:
            yield client
        finally:
            client.close()
        return
    with _local_cluster(cfg.workers or default_workers(), distributed) as (cluster, security):
        client = distributed.Client(cluster, security=security)
        try:
            yield client
        finally:
            client.close()


def _connect(address: str, distributed: Any) -> Any:
    """A client of the scheduler at ``address``, with the TLS settings of the Dask configuration."""
    try:
        client = distributed.Client(address, timeout="30s")
    except (OSError, TimeoutError, TypeError, ValueError) as exc:
        raise BatchUsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        client.close()
        raise BatchUsageError(f"the Dask scheduler at {address} has no workers "
                              "(start some: dask worker ADDRESS)") from None
    return client


@contextmanager
def _local_cluster(workers: int, distributed: Any) -> Iterator[tuple[Any, Any]]:
    """A LocalCluster of ``workers`` processes on loopback that only this user can join: TLS both
    ways with a certificate made for this run; no dashboard, and no HTTP routes on the small
    servers the scheduler and the workers start."""
    import dask

    keys = tempfile.mkdtemp(prefix="fitpost-tls-")  # mode 0700: this user's
    try:
        security = _security(keys)
        quiet = {"distributed.scheduler.http.routes": [], "distributed.worker.http.routes": []}
        with dask.config.set(quiet):
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tls://",
                security=security, dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        try:
            yield cluster, security
        finally:
            cluster.close()
    finally:
        shutil.rmtree(keys, ignore_errors=True)


def _security(keys: str) -> Any:
    """The TLS settings of a LocalCluster: a temporary certificate, from the cryptography package
    (held in memory), else from the openssl command (in ``keys``, a folder only this user reads)."""
    from distributed.security import Security
    try:
        return Security.temporary()  # encryption required, a certificate made for this run
    except ImportError:
        pass
    key, cert = os.path.join(keys, "key.pem"), os.path.join(keys, "cert.pem")
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", "/CN=fitpost-local-cluster", "-keyout", key, "-out", cert],
                       check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        raise BatchUsageError("the local Dask cluster speaks TLS, and making its certificate needs the "
                              "cryptography package (pip install 'fitpost[dask]') or the openssl command") from None
    return Security(tls_ca_file=cert, tls_client_cert=cert, tls_client_key=key, tls_scheduler_cert=cert,
                    tls_scheduler_key=key, tls_worker_cert=cert, tls_worker_key=key, require_encryption=True)
