"""The ``fitpost`` command line: thin click commands over the Python API.

The choices an option offers come from their registries (output formats:
:data:`fitpost.io.writers.FORMATS`; input formats:
:data:`fitpost.io.readers.INPUT_FORMATS`; engines: :data:`fitpost.engine.ENGINES`;
named models: :data:`fitpost.engine.MODELS`; exit statuses:
:data:`fitpost.engine.EXIT_CODES`), and the options that go together are one
decorator each (:func:`model_option`, :func:`input_options`, ...).
"""
from __future__ import annotations

import inspect
import json
import re
import sys
import textwrap

import click

from fitpost.engine import ENGINES, EXIT_CODES, EXIT_INTERRUPTED, EXIT_USAGE, MODELS
from fitpost.errors import FitpostError
from fitpost.io.writers import FORMATS

EXAMPLE_EXTRACT = """\b
Example:
  fitpost extract "Ran a 21k from Pune to Lonavla with @a_friend yesterday" --posted-at 2025-03-02 --pretty
  echo "Swam 2 km this morning" | fitpost extract -
"""


class Usage(click.UsageError):
    """A usage error: the command cannot do what it was asked (exit status 2)."""

    exit_code = EXIT_USAGE


def options(*decorators):
    """Several click options as one decorator, in the order given (the order of --help)."""
    def apply(f):
        for option in reversed(decorators):
            f = option(f)
        return f
    return apply


model_option = click.option(
    "--model", default="auto", show_default=True,
    help="Base spaCy pipeline: " + "; ".join(f"{name}: {what}" for name, what in MODELS.items())
         + "; or an installed pipeline's name or path.")

confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
    help="Leave out records less sure than this (a record's confidence grows with the evidence the "
         "text gives: an amount, a date or an event, a verb of doing it, more mentions).")


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


def _utf8_text(what: str, value: str | None) -> None:
    from fitpost.io.common import has_bad_bytes
    if value and has_bad_bytes(value):
        raise Usage(f"{what} holds bytes that are not UTF-8 text")


def _stdin_text() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Usage(f"stdin is not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start})") from None


@cli.command()
@click.argument("text")
@click.option("--posted-at", callback=lambda c, p, v: posted_at_type(v),
              help="The post's date (YYYY-MM-DD): the base of relative dates like 'yesterday'.")
@click.option("--author", help="Who 'I' and 'we' are in a first-person post.")
@click.option("--id", "post_id", help="An id to copy to the output.")
@model_option
@confidence_option
@click.option("--pretty", is_flag=True, help="Indent the JSON, for people (default: one compact line, as "
              "batch writes a record).")
def extract(text: str, posted_at, author: str | None, post_id: str | None, model: str, min_confidence: float,
            pretty: bool) -> None:
    """Extract the activities of one post (TEXT, or - to read stdin) as one JSON object.

    Exit status: 0, or 2 when it cannot be done as asked (a date that is not
    one, text that is not UTF-8, a model that is not installed).
    """
    from fitpost.engine import load_extractor, resolve_model
    if text == "-":
        text = _stdin_text()
    for what, value in (("TEXT", text), ("--author", author), ("--id", post_id)):
        _utf8_text(what, value)
    try:
        extractor = load_extractor(resolve_model(model), min_confidence)
        if _own_process():
            from fitpost.extractor import settle
            settle()  # the process ends with this post: what is loaded never becomes garbage
        post = extractor.extract(text, posted_at=posted_at, author=author, id=post_id)
    except FitpostError as exc:
        raise Usage(str(exc)) from None
    click.echo(post.model_dump_json(indent=2 if pretty else None, exclude_none=False))


extract.help = inspect.cleandoc(extract.help or "") + "\n\n" + EXAMPLE_EXTRACT


@cli.command()
def schema() -> None:
    """Print the JSON Schema of one output line.

    \b
    Example:
      fitpost schema > post.schema.json
    """
    from fitpost.schema import Post
    click.echo(json.dumps(Post.model_json_schema(), indent=2))


_SIZE = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
         "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}


def parse_size(value: str | None) -> int | None:
    """``"64MB"`` -> 67108864 (K, M, G are powers of 1024)."""
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
    if not m or m.group(2).upper() not in _SIZE or float(m.group(1)) * _SIZE[m.group(2).upper()] < 1:
        raise click.BadParameter(f"not a size: {value!r} (like 512KB or 64MB)")
    return int(float(m.group(1)) * _SIZE[m.group(2).upper()])


def input_options(f):
    """--input-format and the field paths of JSON inputs, shared by the commands that read dumps."""
    from fitpost.io.readers import INPUT_FORMATS
    options = [
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                     help="Format of the inputs: auto (detected per file and folder), jsonl or json "
                          "(objects with a text field), text (one post per file), csv or tsv (a table with a "
                          "header row, one post per row), instaloader (a folder), "
                          "apify (Instagram scraper dataset), twarc2 (X/Twitter API v2 pages or flattened), "
                          "meta (Instagram/Facebook 'Download your information' export)."),
        click.option("--text-field", metavar="PATH", help="Dotted path of the post text in JSON inputs, or its "
                     "column in CSV/TSV (default: text, caption, full_text, body, content or message)."),
        click.option("--id-field", metavar="PATH", help="Dotted path (CSV/TSV: column) of the post id "
                     "(default: id, id_str, ...)."),
        click.option("--date-field", metavar="PATH", help="Dotted path of the post date: ISO date or time, "
                     "or Unix time (default: posted_at, date, created_at, timestamp, ...)."),
        click.option("--author-field", metavar="PATH", help="Dotted path of the author (default: author, "
                     "username, user, owner; a user object gives its username)."),
        click.option("--glob", "globs", metavar="PATTERN", multiple=True,
                     help="Read only the files of input folders whose path inside the folder matches PATTERN "
                          "('*.jsonl', '2024-*/*.json'; * also matches /); repeatable.  Without it: .json, "
                          ".jsonl, .ndjson, .txt, .md, .csv, .tsv (maybe .gz/.xz/.bz2); pictures and videos are "
                          "not posts, other files are error lines."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


output_options = options(
    click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
                 help="Output file, written as OUTPUT.partial and renamed when complete; - for stdout, "
                      "and a pipe or a device are written as it goes.  With --engine dask a folder of "
                      "part-NNNNN files, errors-NNNNN.jsonl and _SUCCESS."),
    click.option("--format", "output_format", type=click.Choice(list(FORMATS)),
                 help="Output format (default: from the suffix of -o, else jsonl): "
                      + "; ".join(f"{f.name} ({', '.join(f.suffixes)}): {f.help}" for f in FORMATS.values())
                      + "."),
    click.option("--errors", type=click.Path(dir_okay=False),
                 help="Where posts that could not be processed go, one JSON line each with id, file, line, "
                      "reason and detail (default: beside the output, OUTPUT-without-suffix.errors.jsonl; "
                      "stderr when the output is stdout)."),
)

run_options = options(
    click.option("--workers", type=click.IntRange(min=0),
                 help="Worker processes, each loading the pipeline once (default: one per core; "
                      "1: extract in this process; with --engine dask: the LocalCluster's processes)."),
    click.option("--chunk-size", type=click.IntRange(min=1), default=100, show_default=True,
                 help="Posts per shard sent to a worker (with --engine dask: per pipeline batch in a partition)."),
    click.option("--max-seconds-per-post", type=click.FloatRange(min=0), default=60, show_default=True,
                 help="A post that takes longer goes to the error file (reason timed_out) and the batch "
                      "goes on; 0: no limit.  A shard that takes longer in all is done again a post at a time."),
    model_option,
    confidence_option,
    click.option("--resume", is_flag=True, help="Go on from the partial output of an interrupted run "
                 "(same inputs and options), without doing a post twice or skipping one."),
    click.option("--fail-fast", is_flag=True, help="Stop at the first post that cannot be processed."),
)

engine_options = options(
    click.option("--engine", type=click.Choice(list(ENGINES)), default="local", show_default=True,
                 help="; ".join(f"{e.name}: {e.help}" for e in ENGINES.values()) + ".  With dask, uncompressed "
                      "JSON Lines files are split into byte blocks on line boundaries, other files and "
                      "instaloader folders are read whole (small files packed together); not with stdin, "
                      "--resume, --fail-fast or --errors."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="With --engine dask: the scheduler (tls://HOST:8786) whose workers do the work; they need "
                      "fitpost and the model installed and the inputs and output at the same paths (a shared "
                      "file system).  Default: a LocalCluster of --workers processes on this machine."),
    click.option("--block-size", metavar="SIZE", callback=lambda c, p, v: parse_size(v),
                 help="With --engine dask: bytes per block of a JSON Lines file and per partition "
                      "(e.g. 32MB; default: about four partitions per worker, 256KB to 64MB)."),
)

report_options = options(
    click.option("--progress/--no-progress", default=None,
                 help="Show a progress bar on stderr (default: when stderr is a terminal)."),
    click.option("-q", "--quiet", is_flag=True, help="No summary line at the end."),
)

EXAMPLE_BATCH = """\b
Examples:
  fitpost batch posts.jsonl -o records.jsonl
  fitpost batch dump.json.gz --text-field caption.text --id-field pk -o records.csv
  fitpost batch instaloader_folder/ -o records.parquet --workers 4
  cat tweets.jsonl | fitpost batch - --input-format twarc2 -o - | jq .activities
  fitpost batch big.jsonl.xz -o records.jsonl --resume     # go on after Ctrl-C
  fitpost batch dump.jsonl -o out/ --engine dask --scheduler tls://10.0.0.5:8786
"""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@output_options
@click.option("--pretty", is_flag=True,
              help="JSON Lines for people: with -o - (or a pipe) each record indented over several lines, "
                   "as extract --pretty prints it (no longer JSON Lines); in a file still one record a line, "
                   "with a space after , and :.  Default: compact lines, as extract prints.  Other formats "
                   "are unchanged.")
@input_options
@run_options
@engine_options
@report_options
def batch(inputs: tuple[str, ...], text_field: str | None, id_field: str | None, date_field: str | None,
          author_field: str | None, globs: tuple[str, ...], quiet: bool, **options) -> None:
    """Extract every post of the INPUTs (files, folders, - for stdin; .gz/.xz/.bz2 read as is).

    Every input post gives one output line (JSON Lines) or one line in the
    error file.
    """
    from fitpost.engine import BatchConfig, run
    from fitpost.io.common import Fields
    fields = Fields(text=text_field, id=id_field, date=date_field, author=author_field, glob=list(globs))
    try:
        summary = run(BatchConfig(inputs=list(inputs), fields=fields, **options))
    except FitpostError as exc:
        raise Usage(str(exc)) from None
    except KeyboardInterrupt:  # before the batch could stop in order (while it loaded, say)
        click.echo("fitpost batch: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if summary.first_error:
        e = summary.first_error
        click.echo(f"fitpost: {e['file']}:{e['line']}: {e['reason']}: {e['detail']} (id {e['id']})", err=True)
    if summary.failure:
        click.echo(f"fitpost: {summary.failure}", err=True)
    if not quiet:
        click.echo("fitpost batch: " + summary.line(), err=True)
    sys.exit(summary.exit_code)


EXIT_STATUS = "\b\nExit status:\n" + "\n".join(
    textwrap.fill(what, 78, initial_indent=f"  {code:<5}", subsequent_indent=" " * 7)
    for code, what in EXIT_CODES.items())
batch.help = inspect.cleandoc(batch.help or "") + "\n\n" + EXIT_STATUS + "\n\n" + EXAMPLE_BATCH


errors_file_option = click.option(
    "--errors", type=click.Path(dir_okay=False),
    help="The error file of the batch (default: OUTPUT-without-suffix.errors.jsonl beside the output, "
         "or a Dask output folder's errors-NNNNN.jsonl, when there).")


@cli.command()
@click.argument("output", metavar="OUTPUT")
@errors_file_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the most frequent participants, places and events to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object (for programs).")
def summary(output: str, errors: str | None, top: int, as_json: bool) -> None:
    """Sum up a batch OUTPUT (JSON Lines; - for stdin; a Dask output folder).

    Posts, records and errors; records by activity and status; distance and
    time done per activity (completed and ongoing records); the participants,
    places and events named in the most posts.  Exit status 0, or 2 when the
    output cannot be read (a missing file, a line that is not fitpost's).

    \b
    Example:
      fitpost batch posts.jsonl -o records.jsonl && fitpost summary records.jsonl
      fitpost summary records.jsonl --json | jq .records_by_activity
    """
    from fitpost.summary import format_text, summarise
    try:
        figures = summarise(output, errors)
    except FitpostError as exc:
        raise Usage(str(exc)) from None
    if as_json:
        click.echo(json.dumps(figures.to_json(top), ensure_ascii=False))
    else:
        click.echo(format_text(figures, top), nl=False)


@cli.command()
@click.argument("batch_output", metavar="OUTPUT")
@click.option("-o", "--output", "html_path", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write: one self-contained page (no network needed to view it).")
@click.option("--input", "inputs", metavar="INPUT", multiple=True,
              help="The batch's input (files or folders, as given to fitpost batch; repeatable): the posts' "
                   "text, which the output lines do not hold.  Without it the page shows the records' "
                   "evidence and amounts alone.")
@input_options
@errors_file_option
@click.option("--max-posts", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Show at most this many posts (the first ones); the summary at the top counts them all.")
def review(batch_output: str, html_path: str, inputs: tuple[str, ...], input_format: str, text_field: str | None,
           id_field: str | None, date_field: str | None, author_field: str | None, globs: tuple[str, ...],
           errors: str | None, max_posts: int) -> None:
    """Write a review page of a batch OUTPUT (JSON Lines; a Dask output folder).

    One HTML file: a summary with charts, then each post's text with the
    evidence and amounts of every record highlighted, its records in a table
    beside it, and filters by activity, status and confidence (also set from
    the page's address: review.html#activity=running&status=completed&min=0.7).
    Exit status 0, or 2 when the output or an input cannot be read or the page
    cannot be written.

    \b
    Example:
      fitpost batch posts.jsonl -o records.jsonl
      fitpost review records.jsonl --input posts.jsonl -o review.html
    """
    from fitpost.io.common import Fields
    from fitpost.review import write_review
    fields = Fields(text=text_field, id=id_field, date=date_field, author=author_field, glob=list(globs))
    try:
        report = write_review(batch_output, html_path, inputs=list(inputs), input_format=input_format, fields=fields,
                              errors=errors, max_posts=max_posts)
    except FitpostError as exc:
        raise Usage(str(exc)) from None
    for warning in report.warnings:
        click.echo(f"fitpost review: {warning}", err=True)
    click.echo(f"fitpost review: {report.line()} -> {html_path}", err=True)


def _own_process() -> bool:
    """Whether fitpost runs as its own program (:func:`main`), whose process it may tune, rather than
    inside a caller's process (a host that calls the click group, a test's ``CliRunner``)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return isinstance(obj, dict) and bool(obj.get("own_process"))


def main() -> None:
    cli(prog_name="fitpost", obj={"own_process": True})
