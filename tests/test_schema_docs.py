"""The record describes itself: every field of `fitpost schema` has a description, and the README's
"Output" section explains every field."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from fitpost.cli import cli

README = Path(__file__).parents[1] / "README.md"


def fitpost_schema() -> dict:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def properties(node, where: str = "Post"):
    """Every (path, property schema) of the objects in a JSON schema, however deep."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            if key == "$defs":
                for name, model in value.items():
                    yield from properties(model, name)
            elif key != "properties":
                yield from properties(value, where)
        for name, prop in (node.get("properties") or {}).items():
            yield from properties(prop, f"{where}.{name}")
    elif isinstance(node, list):
        for value in node:
            yield from properties(value, where)


def field_names(schema: dict) -> set[str]:
    return {path.rsplit(".", 1)[1] for path, _ in properties(schema)}


def output_section() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^## Output\n(.*?)(?=^## )", text, re.S | re.M)
    assert m, 'README.md has no "## Output" section'
    return m.group(1)


def test_every_field_of_the_schema_has_a_description():
    schema = fitpost_schema()
    found = list(properties(schema))
    assert len(found) > 50  # Post, Activity, Quantity, Evidence, Participant, Place, Event, DateRef
    missing = [path for path, prop in found if not str(prop.get("description", "")).strip()]
    assert missing == [], f"fields without a description: {missing}"


def test_the_walk_finds_a_field_without_a_description():
    schema = {"properties": {"a": {"description": "x"}},
              "$defs": {"M": {"properties": {"b": {"type": "string"}}}}}
    assert [p for p, prop in properties(schema) if "description" not in prop] == ["M.b"]


def test_the_readme_output_section_names_every_field():
    section = output_section()
    missing = sorted(name for name in field_names(fitpost_schema()) if f"`{name}`" not in section)
    assert missing == [], f"fields the README's Output section does not explain: {missing}"


def test_the_readme_explains_the_fields_new_users_ask_about():
    section = output_section()
    for name in ("repetition", "mentions", "attributes", "part", "source"):
        row = next((line for line in section.splitlines() if line.startswith(f"| `{name}`")), None)
        assert row is not None and row.count("|") >= 4, name
