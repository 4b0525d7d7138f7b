"""No regular expression in the quantity parser backtracks without bound: on a megabyte of digits, dots
and spaces, the time to parse grows in step with the text (a ratio of CPU times at a quarter and at the
whole megabyte, never a bound on the clock)."""
from __future__ import annotations

import random

import pytest
from conftest import least_cpu

from fitpost.quantity_parser import parse_quantities

MB = 1_000_000


RATIO = 8  # linear work takes about 4 times as long on 4 times the text, quadratic about 16


FLOOR = 0.01  # CPU seconds: a quicker quarter is timed as this, so the clock's grain cannot make the ratio


def _cpu_seconds(text: str) -> float:
    """The least CPU time of three parses of ``text``."""
    parse_quantities("warm up")  # compile the grammar outside the timing
    return least_cpu(lambda: parse_quantities(text))


def _random(alphabet: str, seed: int = 7) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(alphabet) for _ in range(MB))


@pytest.mark.parametrize("name, make", [
    ("random digits, dots and spaces", lambda: _random("0123456789. ")),
    ("one long number", lambda: "7" * MB),
    ("digits and single spaces", lambda: "1 " * (MB // 2)),
    ("dots and spaces", lambda: ". " * (MB // 2)),
    ("a number then a megabyte of spaces", lambda: "12" + " " * (MB - 2)),
    ("dotted number runs", lambda: "1.2.3. " * (MB // 7)),
])
def test_a_megabyte_of_digits_dots_and_spaces_parses_in_time_linear_in_its_length(name, make):
    text = make()
    assert len(text) >= MB - 10
    quarter = text[:len(text) // 4]
    assert _cpu_seconds(text) / max(_cpu_seconds(quarter), FLOOR) < RATIO, name
