"""The record schema takes its activity types and statuses from the lexicons, and they agree."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from fitpost import resources, schema, statuses
from fitpost.cli import cli

# the canonical activity types of the record contract
CONTRACT_TYPES = ["running", "walking", "hiking", "cycling", "swimming", "rowing", "paddling", "skiing", "skating",
                  "climbing", "yoga", "pilates", "strength_training", "triathlon", "dancing", "workout", "other"]


def schema_enum(field: str) -> list[str]:
    """The values ``fitpost schema`` allows for an activity's ``field``."""
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["$defs"]["Activity"]["properties"][field]["enum"]


def record(**fields) -> schema.Activity:
    return schema.Activity.model_validate({"evidence": {"text": "Ran", "start": 0, "end": 3}, **fields})


def emitted_activities() -> set[str]:
    """Every activity the lexicons can give a mention: activities, exercises, event heads, and "running"
    for a bare race ("their 10k", "the Hilltop 10K")."""
    acts = resources.load_json("activities.json")
    heads = resources.load_json("events.json")["heads"]
    return {*acts["activities"], *(e["activity"] for e in acts["exercises"].values()),
            *(a for a in heads.values() if a), "running"}


def test_fitpost_schema_lists_the_activity_types_of_the_lexicon():
    assert schema_enum("activity") == resources.load_json("activities.json")["types"] == CONTRACT_TYPES


def test_fitpost_schema_lists_the_statuses_of_the_status_table():
    assert schema_enum("status") == list(statuses.names())
    assert "completed" in statuses.names()  # the default status of a record


def test_every_activity_the_lexicons_can_emit_is_valid_in_a_record():
    for activity in sorted(emitted_activities()):
        assert record(activity=activity).activity == activity


def test_every_status_of_the_table_is_valid_in_a_record():
    for status in statuses.names():
        assert record(activity="running", status=status).status == status


def test_a_type_or_status_outside_the_lexicons_is_refused():
    with pytest.raises(ValidationError):
        record(activity="fencing")
    with pytest.raises(ValidationError):
        record(activity="running", status="maybe")


def test_check_activity_types_names_the_unknown_ones():
    schema.check_activity_types(["running", "yoga"], "here")
    with pytest.raises(ValueError, match=r"here: 'fencing', 'jousting' not among"):
        schema.check_activity_types(["jousting", "running", "fencing"], "here")
