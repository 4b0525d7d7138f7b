"""No regular expression in the quantity parser backtracks without bound."""
from __future__ import annotations

import random
import time

import pytest

from fitpost.quantity_parser import parse_quantities

MB = 1_000_000


def _cpu_seconds(text: str) -> float:
    parse_quantities("warm up")  # compile the grammar outside the timing
    t = time.process_time()
    parse_quantities(text)
    return time.process_time() - t


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
def test_a_megabyte_of_digits_dots_and_spaces_parses_in_well_under_a_second(name, make):
    text = make()
    assert len(text) >= MB - 10
    assert _cpu_seconds(text) < 1.0, name
