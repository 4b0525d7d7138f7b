"""An atheris (libFuzzer) target over the readers, ``parse_quantities`` and ``Extractor.extract``.

Not part of the test suite (pytest does not collect it: no ``test_`` prefix).  Run it for a
bounded number of inputs::

    pip install -e ".[test,fuzz]"
    python tests/fuzz/fuzz_fitpost.py -atheris_runs=100000

With no corpus folder given it starts from a corpus made of the test dumps and a few posts
(written to a temporary folder); give folders (libFuzzer style) to keep a corpus between runs.
Any crash or broken invariant raises, and libFuzzer writes the input to ``crash-<sha1>``:
turn it into an example-based test in ``tests/test_robustness_regressions.py``.

An input is ``target byte, flags byte, payload``; the target byte picks what runs:

* 0: ``parse_quantities`` on the payload as text;
* 1: ``Extractor(model="blank").extract`` on the payload as text (run twice: same record);
* 2..8: ``read_posts`` on the payload as a file, in each ``--input-format`` (auto, jsonl, json,
  text, apify, twarc2, meta), maybe compressed, maybe with a BOM;
* 9: an instaloader folder: the payload split into a metadata file and a caption file.
"""
from __future__ import annotations

import bz2
import gzip
import lzma
import sys
import tempfile
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the tests folder: _strategies (the invariants)

with atheris.instrument_imports(include=["fitpost"]):
    from fitpost.extractor import Extractor
    from fitpost.io.readers import read_posts
    from fitpost.quantity_parser import parse_quantities

    EXTRACTOR = Extractor(model="blank")
    EXTRACTOR.extract("warm up: ran 5k with @a yesterday")  # imports the components (instrumented)

from _strategies import check_items, check_post, check_quantity  # noqa: E402

FORMATS = ("auto", "jsonl", "json", "text", "apify", "twarc2", "meta")
SUFFIXES = (".jsonl", ".json", ".txt", "", ".json.gz", ".dat", ".ndjson", ".jsonl.xz")
TARGETS = 10
WORK = Path(tempfile.mkdtemp(prefix="fitpost-fuzz-"))


def as_text(flags: int, payload: bytes) -> str:
    """The payload as text: UTF-8 (bad bytes replaced), or any Unicode through the data provider."""
    if flags & 1:
        return atheris.FuzzedDataProvider(payload).ConsumeUnicodeNoSurrogates(len(payload))
    return payload.decode("utf-8", "replace")


def as_file(flags: int, payload: bytes) -> bytes:
    if flags & 2:
        payload = b"\xef\xbb\xbf" + payload
    packing = (flags >> 2) & 3
    if packing == 1:
        payload = gzip.compress(payload)
    elif packing == 2:
        payload = lzma.compress(payload)
    elif packing == 3:
        payload = bz2.compress(payload)
    if flags & 16 and len(payload) > 2:  # a cut file (a download that stopped)
        payload = payload[: len(payload) * 2 // 3]
    return payload


def TestOneInput(data: bytes) -> None:
    if len(data) < 2:
        return
    target, flags, payload = data[0] % TARGETS, data[1], data[2:]
    if target == 0:
        text = as_text(flags, payload)
        quantities = parse_quantities(text)
        for q in quantities:
            check_quantity(text, q)
        assert [q.start for q in quantities] == sorted(q.start for q in quantities)
    elif target == 1:
        text = as_text(flags, payload)
        post = EXTRACTOR.extract(text)
        check_post(text, post)
        assert EXTRACTOR.extract(text) == post, "extracting the same post twice gave two records"
    elif target < 9:
        fmt = FORMATS[target - 2]
        path = WORK / f"posts{SUFFIXES[(flags >> 5) % len(SUFFIXES)]}"
        path.write_bytes(as_file(flags, payload))
        try:
            check_items(list(read_posts([str(path)], fmt)), str(path))
        finally:
            path.unlink()
    else:
        folder = WORK / "profile"
        folder.mkdir(exist_ok=True)
        meta, _, caption = payload.partition(b"\n--\n")
        stem = "2024-03-02_10-00-00_UTC"
        files = [folder / f"{stem}.json.xz" if flags & 4 else folder / f"{stem}.json"]
        files[0].write_bytes(lzma.compress(meta) if flags & 4 and not flags & 8 else meta)
        if flags & 2:
            files.append(folder / f"{stem}.txt")
            files[1].write_bytes(caption)
        try:
            items = check_items(list(read_posts([str(folder)])), str(folder))
            assert len(items) == 1, f"one post in the folder, {len(items)} items"
        finally:
            for f in files:
                f.unlink()


def seed_corpus() -> str:
    """A corpus folder: the test dumps for each reader target, posts for the text targets."""
    corpus = Path(tempfile.mkdtemp(prefix="fitpost-fuzz-corpus-"))
    dumps = HERE.parent / "fixtures" / "dumps"
    seeds: list[bytes] = []
    for path in sorted(dumps.rglob("*")):
        if not path.is_file() or path.stat().st_size > 20_000 or path.suffix in (".jpg", ".py", ".xz"):
            continue
        content = path.read_bytes()
        for target in range(2, 9):
            seeds.append(bytes([target, 0]) + content)
    posts = [
        "Ran 10k with @sam_runs in 45:30 🏃🏽‍♀️ #fitness", "cycled 42 km in 1:45:30, then 3x20 pushups",
        "half marathon next Sunday! 5-7 km easy runs twice a week", "1,234.5 km 1.234,5 km 1 234 km ١٢٣ km",
        "आज मैंने 5 किमी दौड़ लगाई \u200f corrí 10 km", "swam 2 km with my sister yesterday",
        "#fitness " * 40, "Hiked 12 miles (4,200m above sea level) in 6 hours",
    ]
    for text in posts:
        seeds.append(bytes([0, 0]) + text.encode("utf-8"))
        seeds.append(bytes([1, 0]) + text.encode("utf-8"))
    seeds.append(bytes([9, 6]) + b'{"node": {"shortcode": "x", "taken_at_timestamp": 1700000000}}\n--\nRan 5k')
    for i, seed in enumerate(seeds):
        (corpus / f"seed-{i:04d}").write_bytes(seed)
    return str(corpus)


def main() -> None:
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(seed_corpus())
    if not any(a.startswith("-max_len=") for a in argv):
        argv.append("-max_len=16384")
    if not any(a.startswith("-timeout=") for a in argv):
        argv.append("-timeout=60")  # seconds for one input: more is a hang
    atheris.Setup(argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
