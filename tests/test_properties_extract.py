"""Properties of ``Extractor.extract`` that hold on any text (blank mode and the default model).

The posts mix real fitness phrases with arbitrary Unicode (see ``_strategies``).
For every post: extraction returns (within the profile's deadline), every record
validates against the schema ``fitpost schema`` prints, every span is the text
it claims, every number is finite and not negative, a range is ordered, and the
result depends neither on the post's place in a batch nor on how often it is run.

Example counts come from the Hypothesis profile (tests/conftest.py):
``HYPOTHESIS_PROFILE=long`` runs 20,000 examples a property.
"""
from __future__ import annotations

import json
import time

import pytest
from _strategies import check_post, posts
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fitpost.batch import extract_shard
from fitpost.inputs import InputPost
from fitpost.schema import Post


@pytest.fixture(scope="module", params=["blank_extractor", "sm_extractor"])
def extractor(request):
    """Both modes: the rules alone (blank) and the default (statistical) model."""
    return request.getfixturevalue(request.param)

MESSY = [
    "",
    " ",
    "\x00",
    "ran 10k\u200f",
    "\u202eran 5 km with @bob\u202c",
    "Ran 10k 🏃🏽‍♀️‍➡️ with @a_b, 3x20 pushups #fitness " + "#fitness " * 40,
    "cycled 42 km in 1:45:30. cycled 42 km in 1:45:30.",
    "आज मैंने 5 किमी दौड़ लगाई, corrí 10 km ١٢٣ km",
    "5-7 km, 7-5 km, 5--7 km, 1,234.5 km 1.234,5 km 1 234 km",
    "ran 99999999999999999999999999999999999999 km in 1e308 hours",
    "ran " + "9" * 400 + " km",
    "https://example.com/ran-10k?t=45:30 ¯\\_(ツ)_/¯",
]


@pytest.fixture(scope="module")
def schema_validator():
    """A validator for the JSON Schema that ``fitpost schema`` prints (None without jsonschema, in
    the test extra: the properties then check the records with pydantic alone)."""
    try:
        import jsonschema
    except ImportError:
        return None
    from fitpost.cli import cli
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_schema_validator_rejects_a_broken_record(schema_validator, blank_extractor):
    """The schema check can fail: a record with a negative offset or an unknown activity is refused."""
    if schema_validator is None:
        pytest.skip("jsonschema is not installed (pip install -e '.[test]')")
    data = blank_extractor.extract("Ran 5 km today").model_dump(mode="json")
    assert not list(schema_validator.iter_errors(data))
    bad = json.loads(json.dumps(data))
    bad["activities"][0]["evidence"]["start"] = -1
    assert list(schema_validator.iter_errors(bad))
    bad = json.loads(json.dumps(data))
    bad["activities"][0]["activity"] = "sleeping"
    assert list(schema_validator.iter_errors(bad))


@given(text=posts())
@example(text=MESSY[5]).via("a post full of hashtags")
@example(text=MESSY[6]).via("a post pasted twice")
def test_extract_keeps_the_contract(extractor, text, schema_validator):
    ex = extractor
    post = ex.extract(text)
    check_post(text, post, schema_validator)


@pytest.mark.parametrize("text", MESSY)
def test_messy_examples_keep_the_contract(extractor, text, schema_validator):
    ex = extractor
    check_post(text, ex.extract(text), schema_validator)


@given(text=posts(), posted_at=st.one_of(st.none(), st.dates()), author=st.one_of(st.none(), st.text(max_size=12)))
def test_extract_with_metadata_keeps_the_contract(extractor, text, posted_at, author):
    ex = extractor
    post = ex.extract(text, posted_at=posted_at, author=author, id="p1")
    check_post(text, post)
    assert (post.id, post.posted_at, post.author) == ("p1", posted_at, author)


@given(text=posts())
def test_extracting_twice_gives_the_same_record(extractor, text):
    ex = extractor
    assert ex.extract(text).model_dump() == ex.extract(text).model_dump()


# up to 6 posts an example, each extracted three ways: the long profile runs 4,000 examples here
@settings(max_examples=min(settings.default.max_examples, 4_000))
@given(texts=st.lists(posts(max_pieces=8), min_size=1, max_size=6), data=st.data())
def test_result_does_not_depend_on_the_place_in_a_batch(extractor, texts, data):
    """A post gives the same record alone, in a batch of any size (Extractor.pipe), or in a shard."""
    ex = extractor
    alone = [ex.extract(t).model_dump(mode="json") for t in texts]
    batch_size = data.draw(st.integers(min_value=1, max_value=8), label="batch_size")
    order = data.draw(st.permutations(range(len(texts))), label="order")
    piped = list(ex.pipe([InputPost(text=texts[i]) for i in order], batch_size=batch_size))
    assert len(piped) == len(texts)
    for k, i in enumerate(order):
        assert piped[k].model_dump(mode="json") == alone[i], f"post {i} at place {k} of the batch"
    shard = extract_shard(ex, [{"text": texts[i], "id": None, "posted_at": None} for i in order])
    for k, i in enumerate(order):
        assert shard[k] == alone[i], f"post {i} at place {k} of the shard"


# ---------------------------------------------------------------- the work per post is bounded

LONG_UNITS = [
    "Ran 10k with @bob in 45:30. 3x20 pushups! ",  # many short sentences, an activity in each
    "ran 10k with @bob in 45:30, 3x20 pushups, 5-7 km #fitness 1,234.5 km ",  # one sentence, no end
    "Priya, Rahul and Meera ran and swam and cycled and ",
    "#fitness ",
    "1,2:3-4x5 ",
    "🏃🏽‍♀️\u200f",
]


def _long_text(unit_ids: list[int], size: int, noise: str) -> str:
    units = [LONG_UNITS[i] for i in unit_ids]
    out, n = [], 0
    while n < size:
        u = units[len(out) % len(units)]
        out.append(u)
        n += len(u)
        if len(out) % 50 == 0:
            out.append(noise)
            n += len(noise)
    return "".join(out)[:size]


# a generous bound on a slow, shared machine: before the work per post was bounded a 50 KB post
# of one long sentence took minutes; now it is a second or two per 10 KB
SECONDS_PER_10K = 8.0
LONG_RUN = settings.default.max_examples >= 1000  # the long profile: longer posts, more of them
SIZES = st.integers(min_value=50_000, max_value=200_000) if LONG_RUN else st.integers(20_000, 30_000)


@settings(max_examples=20 if LONG_RUN else 2, deadline=None)
@given(unit_ids=st.lists(st.integers(0, len(LONG_UNITS) - 1), min_size=1, max_size=3), size=SIZES,
       noise=posts(max_pieces=4))
@example(unit_ids=[1], size=30_000, noise="").via("one 30 KB sentence full of mentions and quantities")
def test_a_long_post_is_done_in_time_proportional_to_its_length(blank_extractor, unit_ids, size, noise):
    text = _long_text(unit_ids, size, noise)
    t0 = time.monotonic()
    post = blank_extractor.extract(text)
    seconds = time.monotonic() - t0
    assert seconds < SECONDS_PER_10K * len(text) / 10_000, f"{len(text)} characters took {seconds:.1f} s"
    check_post(text, post)
    assert any("pieces" in w for w in post.warnings)


@pytest.mark.model
def test_a_long_post_with_the_default_model(sm_extractor):
    text = _long_text([0, 1, 2], 25_000, "")
    t0 = time.monotonic()
    post = sm_extractor.extract(text)
    seconds = time.monotonic() - t0
    assert seconds < 2 * SECONDS_PER_10K * len(text) / 10_000, f"{len(text)} characters took {seconds:.1f} s"
    check_post(text, post)


# ---------------------------------------------------------------- the number of workers

def _batch_input(path) -> None:
    """A few dozen messy posts (and a few broken lines) as JSON Lines, made once from the strategy."""
    from hypothesis import find
    texts = []
    find(posts(), lambda t: texts.append(t) or len(texts) >= 36, settings=settings(database=None, derandomize=True,
                                                                                     max_examples=200))
    texts = texts[:36]
    lines = [json.dumps({"id": f"p{i}", "text": t, "posted_at": "2024-03-02"}) for i, t in enumerate(texts)]
    lines[7] = '{"id": "broken", "text": "ran 5k'  # cut short
    lines[20] = '{"id": "no-text", "caption": 5}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_result_does_not_depend_on_the_number_of_workers(tmp_path, blank_extractor):
    """One explicit example (it starts worker processes): 1 worker and 2 workers write the same
    files, and each line is what the post gives when extracted alone."""
    from fitpost.batch import item_record, run_batch
    from fitpost.engine import PIPELINES
    from fitpost.io.readers import read_posts

    PIPELINES.put("blank", blank_extractor)
    src = tmp_path / "posts.jsonl"
    _batch_input(src)
    outs = {}
    for workers in (1, 2):
        out = tmp_path / f"out{workers}.jsonl"
        code = run_batch(str(src), str(out), model="blank", workers=workers, chunk_size=5, progress=False)
        assert code == 1  # two posts went to the error file
        outs[workers] = (out.read_text(encoding="utf-8"), (tmp_path / f"out{workers}.errors.jsonl").read_text())
    assert outs[1] == outs[2]
    lines = [json.loads(line) for line in outs[1][0].splitlines()]
    items = [i for i in read_posts([str(src)]) if isinstance(i, InputPost)]
    assert len(lines) == len(items) == 34 and len(outs[1][1].splitlines()) == 2
    for line, item in zip(lines, items):
        alone = extract_shard(blank_extractor, [item_record(item)])[0]
        assert line == alone, item.id
        check_post(item.text, Post.model_validate(line))
