"""`fitpost batch --engine dask`: the same records as the local engine, post by post, errors included.

The block reader is checked on its own (no Dask needed): every line of a JSON
Lines file is read exactly once, with its line number, whatever the block size.
The engine runs on a LocalCluster of two worker processes on loopback.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import fitpost.io.common
from fitpost import dask_engine, engine
from fitpost.cli import cli
from fitpost.engine import PIPELINES
from fitpost.io.readers import read_posts

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(blank_extractor):
    """The local engine's in-process runs (--workers 1) use the session's blank pipeline."""
    PIPELINES.put("blank", blank_extractor)
    yield


def batch(*args):
    return CliRunner().invoke(cli, ["batch", *map(str, args), "--model", "blank"], catch_exceptions=False)


def read_jsonl(paths) -> list[dict]:
    return [json.loads(line) for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- a dump of invented posts

NAMES = ["Tove Lindqvist", "Emeka Obi", "Rosa Quintero", "Hal Pemberton", "Ines Varga", "Kwame Asante"]
PLACES = ["Kestrel Bay", "Marlow Fell", "Brindle Lake", "Hollin Ridge", "Sorrel Park"]
TEMPLATES = [
    "Ran {km} km along {place} this morning with {name}.",
    "Cycled {km2} km to {place} and back, legs are done!",
    "Swam {m} m in {place} before work.",
    "Hiked up {place} with {name} yesterday, {h} hours of climbing.",
    "Rowed {km} km on {place} today. Blisters everywhere.",
    "{n} push-ups and {n2} squats before breakfast.",
    "Signing up for a {km} km trail race at {place} next month.",
    "Didn't run today, my knee needs a rest.",
    "Walked {km} km around {place} with the dog, no rush at all.",
    "Morning yoga for {mins} minutes, then a {km} km jog with {name}.",
]


def invented_posts(n: int, seed: int = 8) -> list[dict]:
    rnd = random.Random(seed)
    posts = []
    for i in range(n):
        text = rnd.choice(TEMPLATES).format(
            km=rnd.randint(3, 42), km2=rnd.randint(20, 160), m=rnd.choice([800, 1500, 2000]),
            h=rnd.randint(2, 9), n=rnd.randint(10, 100), n2=rnd.randint(10, 80), mins=rnd.randint(10, 60),
            place=rnd.choice(PLACES), name=rnd.choice(NAMES))
        post = {"id": f"t{i:04d}", "text": text, "posted_at": f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "author": rnd.choice(["wren", "otto", "lumi"])}
        if i % 17 == 0:
            post["text"] += " 🏃‍♀️ " + "Long notes about the route. " * rnd.randint(5, 40)
        posts.append(post)
    return posts


def write_dump(path: Path, n: int = 400) -> Path:
    """``n`` posts as JSON Lines with a BOM, CRLF lines, blank lines and broken lines among them."""
    rnd = random.Random(1)
    out = [b"\xef\xbb\xbf"]
    for i, post in enumerate(invented_posts(n)):
        line = json.dumps(post, ensure_ascii=i % 2 == 0).encode("utf-8")
        r = rnd.random()
        if r < 0.03:
            line = line[: len(line) // 2]  # cut: malformed JSON
        elif r < 0.05:
            line = json.dumps({"id": post["id"], "caption_missing": True}).encode()  # no text
        elif r < 0.07:
            line = line.replace(b"km", b"k\xffm", 1)  # not UTF-8
        elif r < 0.08:
            line = b"[1, 2, 3]"  # not an object
        out.append(line + (b"\r\n" if i % 5 == 0 else b"\n"))
        if i % 23 == 0:
            out.append(b"\n  \n")
    out.append(b'{"id": "last", "text": "Swam 1 km, no newline after me."}')
    path.write_bytes(b"".join(out))
    return path


def local_count(specs):
    return [dask_engine.count_newlines(*s) for s in specs]


def key(item) -> tuple:
    if hasattr(item, "reason"):
        return (item.origin, item.id, item.reason, getattr(item, "detail", ""))
    return (item.origin, item.id, item.text, item.posted_at, item.author, tuple(getattr(item, "warnings", [])))


# ---------------------------------------------------------------- the blocks (no Dask needed)

@pytest.mark.parametrize("block_size", [1, 2, 3, 7, 64, 500, 4096, 10 ** 9])
def test_blocks_read_every_line_once_with_its_line_number(tmp_path, block_size):
    dump = write_dump(tmp_path / "dump.jsonl", n=120)
    expected = [key(i) for i in read_posts([str(dump)])]
    pieces = dask_engine.plan_pieces([str(dump)], "auto", block_size, local_count)
    if block_size < dump.stat().st_size:
        assert all(p.block for p in pieces) and len(pieces) > 1
    got = [key(i) for p in pieces for i in dask_engine.read_piece(p, fitpost.io.common.Fields())]
    assert got == expected


def test_a_file_given_twice_is_read_twice(tmp_path):
    dump = write_dump(tmp_path / "dump.jsonl", n=40)
    expected = [key(i) for i in read_posts([str(dump), str(dump)])]
    pieces = dask_engine.plan_pieces([str(dump), str(dump)], "auto", 256, local_count)
    assert [key(i) for p in pieces for i in dask_engine.read_piece(p, fitpost.io.common.Fields())] == expected


def test_what_is_not_split(tmp_path):
    (tmp_path / "array.json").write_text(json.dumps(invented_posts(50)))
    import gzip
    (tmp_path / "lines.jsonl.gz").write_bytes(gzip.compress(write_dump(tmp_path / "x.jsonl").read_bytes()))
    (tmp_path / "x.jsonl").unlink()
    for name in ("array.json", "lines.jsonl.gz"):
        pieces = dask_engine.plan_pieces([str(tmp_path / name)], "auto", 64, local_count)
        assert len(pieces) == 1 and not pieces[0].block


def test_small_files_are_packed_in_order(tmp_path):
    for i in range(10):
        (tmp_path / f"note-{i}.txt").write_text(f"Ran {i + 3} km today." + " x" * 50)
    pieces = dask_engine.plan_pieces([str(tmp_path)], "auto", 300, local_count)
    parts = dask_engine.partitions(pieces, 300)
    assert 1 < len(parts) < 10
    assert [p.name for part in parts for p in part] == [str(tmp_path / f"note-{i}.txt") for i in range(10)]


def test_without_dask_the_engine_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = batch(DUMPS / "generic" / "posts.jsonl", "-o", tmp_path / "out", "--engine", "dask")
    assert result.exit_code == 2
    assert "pip install 'fitpost[dask]'" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["--resume"], "--resume"), (["--fail-fast"], "--fail-fast"), (["--errors", "e.jsonl"], "--errors"),
    (["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], "--workers"),
])
def test_options_that_do_not_go_with_dask(tmp_path, args, message):
    pytest.importorskip("distributed")
    result = batch(DUMPS / "generic" / "posts.jsonl", "-o", tmp_path / "out", "--engine", "dask", *args)
    assert result.exit_code == 2 and message in result.output


def test_the_output_folder_cannot_be_inside_an_input_folder(tmp_path):
    pytest.importorskip("distributed")
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "a", "text": "Ran 5 km"}\n')
    result = batch(folder, "-o", folder / "out", "--engine", "dask")
    assert result.exit_code == 2 and "inside the input folder" in result.output
    assert [p.name for p in folder.iterdir()] == ["a.jsonl"]


def test_dask_options_need_the_dask_engine(tmp_path):
    result = batch(DUMPS / "generic" / "posts.jsonl", "-o", tmp_path / "o.jsonl", "--scheduler", "tcp://x:1")
    assert result.exit_code == 2 and "--engine dask" in result.output
    (tmp_path / "folder").mkdir()
    result = batch(DUMPS / "generic" / "posts.jsonl", "-o", tmp_path / "folder", "--workers", 1)
    assert result.exit_code == 2 and "is a folder" in result.output


# ---------------------------------------------------------------- on a cluster

@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes on loopback, no dashboard."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as c:
        yield c


def run_both(tmp_path: Path, inputs: list, *dask_args) -> tuple:
    """Both engines on ``inputs``: (local result, records, errors), (dask result, records, errors)."""
    local = batch(*inputs, "-o", tmp_path / "local.jsonl", "--workers", 1)
    out = tmp_path / "dask"
    result = batch(*inputs, "-o", out, "--engine", "dask", *dask_args)
    return ((local, read_jsonl([tmp_path / "local.jsonl"]), read_jsonl([tmp_path / "local.errors.jsonl"])),
            (result, read_jsonl(sorted(out.glob("part-*.jsonl"))), read_jsonl(sorted(out.glob("errors-*.jsonl")))))


def test_dask_gives_the_local_records_post_by_post(tmp_path, cluster):
    dump = write_dump(tmp_path / "dump.jsonl", n=400)
    loads_here = dict(PIPELINES.loads)
    (local, l_recs, l_errs), (result, d_recs, d_errs) = run_both(
        tmp_path, [dump], "--scheduler", cluster.scheduler_address, "--block-size", "8KB", "--chunk-size", 16)
    assert result.exit_code == local.exit_code == 1, result.output
    assert len(l_recs) > 300 and len(l_errs) > 15
    local_by_id, dask_by_id = {r["id"]: r for r in l_recs}, {r["id"]: r for r in d_recs}
    assert len(dask_by_id) == len(d_recs) == len(l_recs)
    for post_id, want in local_by_id.items():  # post by post
        assert dask_by_id[post_id] == want
    assert [r["id"] for r in d_recs] == [r["id"] for r in l_recs]  # and in input order
    def errors(errs):
        return {(e["file"], e["line"]): e for e in errs}
    assert errors(d_errs) == errors(l_errs) and len(errors(d_errs)) == len(d_errs)
    assert d_errs == l_errs and {e["reason"] for e in d_errs} == {"malformed_json", "missing_text", "not_utf8"}
    assert any(e["line"] > 200 for e in d_errs)  # line numbers from a later block
    done = json.loads((tmp_path / "dask" / "_SUCCESS").read_text())
    assert done["posts"] == len(l_recs) + len(l_errs) and done["partitions"] > 4
    assert f"{done['partitions']} partitions" in result.output
    assert not list((tmp_path / "dask").glob("*.partial"))
    # the pipeline was loaded in the worker processes, once each, and never in this one
    from distributed import Client
    with Client(cluster) as client:
        loads = client.run(lambda: dict(engine.PIPELINES.loads))  # the module travels by name
    assert len(loads) == 2 and all(n == {"blank": 1} for n in loads.values()), loads
    assert loads_here == dict(PIPELINES.loads)


def test_every_input_format_as_the_local_engine(tmp_path, cluster):
    inputs = [DUMPS / p for p in ("generic/posts.jsonl", "text", "instaloader",
                                  "apify/dataset_instagram-scraper_2024-03-12.json", "twarc2", "meta_instagram",
                                  "meta_facebook")]
    (local, l_recs, l_errs), (result, d_recs, d_errs) = run_both(
        tmp_path, inputs, "--scheduler", cluster.scheduler_address, "--block-size", "1KB")
    assert result.exit_code == local.exit_code, result.output
    assert d_recs == l_recs and d_errs == l_errs and len(l_recs) > 15


def test_a_rerun_replaces_the_earlier_parts(tmp_path, cluster):
    dump = write_dump(tmp_path / "dump.jsonl", n=150)
    out = tmp_path / "out"
    assert batch(dump, "-o", out, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                 "--block-size", "2KB", "--format", "csv").exit_code == 1
    many = len(list(out.glob("part-*.csv")))
    (out / "notes.md").write_text("mine")
    result = batch(dump, "-o", out, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                   "--block-size", "1MB")
    assert result.exit_code == 1 and "replacing the output of an earlier run" in result.output
    assert many > 3 and [p.name for p in sorted(out.iterdir())] == [
        "_SUCCESS", "errors-00000.jsonl", "notes.md", "part-00000.jsonl"]


def test_the_engine_starts_its_own_local_cluster(tmp_path):
    pytest.importorskip("distributed")
    dump = write_dump(tmp_path / "dump.jsonl", n=200)
    (local, l_recs, l_errs), (result, d_recs, d_errs) = run_both(
        tmp_path, [dump], "--workers", 2, "--block-size", "16KB")
    assert result.exit_code == local.exit_code == 1, result.output
    assert d_recs == l_recs and d_errs == l_errs


def test_the_local_cluster_lets_in_only_its_own_clients(tmp_path):
    """The engine's LocalCluster speaks TLS with a certificate made for the run: a client without it,
    with another certificate (another user's run), or in plain TCP cannot connect."""
    distributed = pytest.importorskip("distributed")
    with dask_engine._local_cluster(1, distributed) as (cluster, security):
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        with distributed.Client(cluster, security=security) as client:
            assert client.submit(lambda x: x + 1, 1).result() == 2
        other = dask_engine._security(str(tmp_path))
        strangers = [(address, None), (address, other), (address.replace("tls://", "tcp://"), None)]
        for where, sec in strangers:
            with pytest.raises((OSError, TimeoutError, TypeError)):
                distributed.Client(where, security=sec, timeout="3s")


def test_the_certificate_comes_from_cryptography_or_else_openssl(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import shutil

    from distributed.security import Security

    from fitpost.engine import BatchUsageError

    def no_cryptography(cls, **kwargs):
        raise ImportError("no cryptography")

    monkeypatch.setattr(Security, "temporary", classmethod(no_cryptography))
    if shutil.which("openssl"):
        security = dask_engine._security(str(tmp_path))
        assert security.require_encryption and security.tls_client_cert == str(tmp_path / "cert.pem")
        assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0  # the key is this user's alone
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(BatchUsageError, match="cryptography"):
        dask_engine._security(str(tmp_path))
