"""The command line, through click's CliRunner with real input."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from fitpost.cli import cli


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_every_command_has_help_with_an_example(runner):
    for name, cmd in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert cmd.help and "Example" in result.output, name


def test_extract_prints_one_json_object(runner):
    result = runner.invoke(cli, ["extract", "Swam 3 km in the sea", "--model", "blank", "--id", "x1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "x1"
    assert data["activities"][0]["activity"] == "swimming"


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
