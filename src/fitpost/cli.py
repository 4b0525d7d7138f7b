"""The ``fitpost`` command line: thin click commands over the Python API."""
from __future__ import annotations

import json
import sys

import click

from fitpost.errors import FitpostError

EXAMPLE_EXTRACT = """\b
Example:
  fitpost extract "Ran a 21k from Pune to Lonavla with @a_friend yesterday" --posted-at 2025-03-02 --pretty
  echo "Swam 2 km this morning" | fitpost extract -
"""


def model_option(f):
    """--model, shared by every command that runs the pipeline."""
    return click.option(
        "--model", default="auto", show_default=True,
        help="Base spaCy pipeline: auto (en_core_web_sm if installed, else blank), "
             "blank (rules alone, fastest), or an installed pipeline's name or path.")(f)


def posted_at_type(value: str | None):
    from fitpost.extractor import parse_date
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fitpost")
def cli() -> None:
    """Turn fitness posts into structured activity records (JSON).

    \b
    Example:
      fitpost extract "Cycled 90 km and ran 20 km today" --pretty
      fitpost batch posts.jsonl -o records.jsonl
    """


@cli.command()
@click.argument("text")
@click.option("--posted-at", callback=lambda c, p, v: posted_at_type(v),
              help="The post's date (YYYY-MM-DD): the base of relative dates like 'yesterday'.")
@click.option("--author", help="Who 'I' and 'we' are in a first-person post.")
@click.option("--id", "post_id", help="An id to copy to the output.")
@model_option
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
def extract(text: str, posted_at, author: str | None, post_id: str | None, model: str, pretty: bool) -> None:
    """Extract the activities of one post (TEXT, or - to read stdin) as one JSON object."""
    if text == "-":
        text = sys.stdin.read()
    from fitpost.extractor import Extractor
    try:
        post = Extractor(model=model).extract(text, posted_at=posted_at, author=author, id=post_id)
    except FitpostError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(post.model_dump_json(indent=2 if pretty else None, exclude_none=False))


extract.help = (extract.help or "") + "\n\n" + EXAMPLE_EXTRACT


@cli.command()
def schema() -> None:
    """Print the JSON Schema of one output line.

    \b
    Example:
      fitpost schema > post.schema.json
    """
    from fitpost.schema import Post
    click.echo(json.dumps(Post.model_json_schema(), indent=2))


@cli.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", required=True, help="Output file (JSON Lines).")
@model_option
def batch(input_path: str, output: str, model: str) -> None:
    """Extract every post of INPUT (JSON Lines of {"id", "text", "posted_at"}).

    \b
    Example:
      fitpost batch posts.jsonl -o records.jsonl
    """
    from fitpost.batch import run_batch
    try:
        code = run_batch(input_path, output, model=model)
    except FitpostError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


def main() -> None:
    cli(prog_name="fitpost")
