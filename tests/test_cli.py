"""The command line, through click's CliRunner with real input."""
from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fitpost.cli import cli
from fitpost.engine import EXIT_CODES

README = Path(__file__).parents[1] / "README.md"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_every_command_has_help_with_an_example(runner):
    for name, cmd in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert cmd.help and "Example" in result.output, name
        for param in cmd.params:
            if isinstance(param, click.Option):
                assert param.help and len(param.help) > 10, (name, param.name)


def cli_options(cmd: click.Command) -> set[str]:
    return {o for p in cmd.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}


def readme_options() -> dict[str, set[str]]:
    """The options the README's *Commands* lists under each ``### `fitpost NAME ...``` heading: the
    ``-x``/``--xxx`` names before the colon of each list item."""
    section = README.read_text(encoding="utf-8").split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    commands = {}
    for block in section.split("\n### ")[1:]:
        heading, _, body = block.partition("\n")
        m = re.match(r"`fitpost (\w+)", heading)
        if m:
            heads = [item.split(": ", 1)[0] for item in re.split(r"\n- ", body)[1:]]
            commands[m.group(1)] = {o for h in heads for o in re.findall(r"`(--?[a-z][\w-]*)", h)}
    return commands


def test_the_readme_lists_every_command_and_option_the_cli_has():
    documented = readme_options()
    assert set(documented) == set(cli.commands)
    for name, cmd in cli.commands.items():
        assert documented[name] == cli_options(cmd), name
    assert documented["batch"] >= {"--output", "--max-seconds-per-post", "--no-progress"}  # the parse reads them


def test_the_readme_and_batch_help_give_every_exit_status(runner):
    text = README.read_text(encoding="utf-8")
    table = text.split("Its exit status:", 1)[1].split("\n\n", 2)[1]
    assert [int(c) for c in re.findall(r"^\| (\d+) \|", table, flags=re.M)] == list(EXIT_CODES)
    help_text = runner.invoke(cli, ["batch", "--help"], terminal_width=200).output
    assert all(f"{code} " in help_text for code in EXIT_CODES)


def test_extract_prints_one_json_object(runner):
    result = runner.invoke(cli, ["extract", "Swam 3 km in the sea", "--model", "blank", "--id", "x1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "x1"
    assert data["activities"][0]["activity"] == "swimming"


@pytest.mark.parametrize("obj, settled", [({"own_process": True}, True), (None, False)])
def test_extract_tunes_the_collector_only_in_a_process_of_its_own(runner, monkeypatch, obj, settled):
    """As the ``fitpost`` program (``main`` passes ``own_process``) extract settles the collector for the
    one post it reads; called inside another process (here, the test's) it leaves that process alone."""
    import fitpost.extractor
    calls = []
    monkeypatch.setattr(fitpost.extractor, "settle", lambda: calls.append(1))
    result = runner.invoke(cli, ["extract", "Rode 20 km", "--model", "blank"], obj=obj)
    assert result.exit_code == 0, result.output
    assert bool(calls) is settled


def test_extract_reads_stdin(runner):
    result = runner.invoke(cli, ["extract", "-", "--model", "blank", "--pretty"], input="Hiked 12 km\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["activities"][0]["activity"] == "hiking"


def test_bad_posted_at_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", "Ran", "--posted-at", "2025-02-30", "--model", "blank"])
    assert result.exit_code == 2
    assert "not a date" in result.output
    assert "Traceback" not in result.output


def test_unknown_model_is_an_error_not_a_traceback(runner):
    result = runner.invoke(cli, ["extract", "Ran", "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 2
    assert "no spaCy pipeline named" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_schema_is_json_schema_of_a_post(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Post"
    assert "activities" in schema["properties"]


def test_schema_validates_extract_output(runner):
    from fitpost.schema import Post
    out = runner.invoke(cli, ["extract", "Cycled 20 km and ran 5 km", "--model", "blank"]).output
    Post.model_validate_json(out)


@pytest.mark.parametrize("args, stdin, message", [
    (["Ran 5 km \udce9"], None, "TEXT holds bytes that are not UTF-8"),  # as Python decodes such an argument
    (["Ran 5 km", "--author", "\udcff"], None, "--author holds bytes that are not UTF-8"),
    (["-"], b"Ran 5 km \xe9 today\n", "stdin is not UTF-8 text (byte 0xe9 at offset 9)"),
])
def test_extract_refuses_text_that_is_not_utf8(runner, args, stdin, message):
    result = runner.invoke(cli, ["extract", *args, "--model", "blank"], input=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
