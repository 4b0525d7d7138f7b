"""Properties of ``parse_quantities`` that hold on any text.

It returns a list (never raises); every quantity's span is the text it claims; its
numbers are finite and not negative; a range has min <= value <= max; the list
is in text order; the same text gives the same list; and the work grows in step
with the length of the text.
"""
from __future__ import annotations

import time

from _strategies import NUMBERS, PHRASES, RANDOM_TEXT, UNITS, check_quantity, posts
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fitpost import parse_quantities
from fitpost.schema import Quantity


def check_all(text: str) -> list[Quantity]:
    qs = parse_quantities(text)
    assert isinstance(qs, list)
    for q in qs:
        assert isinstance(q, Quantity)
        check_quantity(text, q)
        assert Quantity.model_validate(q.model_dump()) == q
    starts = [q.start for q in qs]
    assert starts == sorted(starts), "not in text order"
    return qs


@given(text=posts())
@example(text="5-7 km, 7-5 km, 5--7 km, 20 – 40km, 2-3 hours, 2-3 times a week")
@example(text="ran " + "9" * 400 + " km in 1e308 hours")
@example(text="1,234.5 km 1.234,5 km 1 234 km ١٢٣ km १२३ km １２ km")
def test_quantities_keep_the_contract(text):
    check_all(text)


@given(number=NUMBERS, unit=UNITS, before=st.sampled_from(["", "ran ", "about ", "~", "-", "from "]),
       after=st.sampled_from(["", " or so", "-ish", "+", " a day", " twice"]))
def test_a_number_with_a_unit_keeps_the_contract(number, unit, before, after):
    check_all(before + number + unit + after)


@given(a=NUMBERS, b=NUMBERS, unit=UNITS, dash=st.sampled_from(["-", "–", "—", " to ", " - ", "--", " or "]))
def test_ranges_are_ordered(a, b, unit, dash):
    check_all(f"{a}{dash}{b}{unit}")


@given(text=st.text(max_size=200))
def test_any_unicode_text(text):
    check_all(text)


@given(text=posts())
def test_the_same_text_gives_the_same_quantities(text):
    assert parse_quantities(text) == parse_quantities(text)


# a generous bound (a slow, shared machine); the parser does 10 KB in a few milliseconds
SECONDS_PER_100K = 5.0


@settings(max_examples=max(3, settings.default.max_examples // 1000), deadline=None)
@given(pieces=st.lists(st.one_of(PHRASES, NUMBERS, RANDOM_TEXT), min_size=1, max_size=8),
       size=st.integers(min_value=50_000, max_value=150_000), sep=st.sampled_from([" ", "", "-", ", ", "\n"]))
def test_a_long_text_is_parsed_in_time_proportional_to_its_length(pieces, size, sep):
    unit = sep.join(pieces) + sep
    text = (unit * (size // max(len(unit), 1) + 1))[:size]
    t0 = time.monotonic()
    check_all(text)
    seconds = time.monotonic() - t0
    assert seconds < SECONDS_PER_100K * len(text) / 100_000, f"{len(text)} characters took {seconds:.1f} s"
