"""Read quantities the way runners, cyclists and swimmers write them.

:func:`parse_quantities` returns one :class:`fitpost.schema.Quantity` per
quantity in the text, in text order, with character offsets into the text:

``distance``
    ``value`` in the written unit, ``unit`` canonical (km, m, mi, yd, ft, in,
    cm, mm, dm, nmi), ``meters``.  Race names of fixed length are distances:
    "half marathon" is 21.0975 km (21097.5 m), "marathon" 42.195 km, "Ironman"
    226 km, "70.3" 113 km, "a 100-miler" 100 mi, "5k" 5 km, a bare "21.1" or
    "26.2" a half or a full marathon.  Races of no fixed length (an ultra,
    Comrades) and figurative ones ("a Netflix marathon") are not read.
``duration``
    ``seconds``; ``value``/``unit`` in the largest written unit (s, min, h,
    day, night, week, weekend, fortnight, month, quarter, year, decade;
    a month is 30 days, a year 365).  Clocks: "45:12", "2:03:17", with dots
    after a word of timing ("in 1.57.06", "Time: 1.57.06"; "on 1.05.12" is a
    date), a watch's "0hh:44mm:51ss".
``count``
    ``value`` and the canonical exercise noun as ``unit`` ("push_up",
    "sun_salutation", "step", "lap", "round", "rep" ... from
    ``models/quantities/counts.json``); "3x10 squats" and "4 sets of 12" also
    give ``sets`` and ``reps`` (``value`` is their product).  A number before
    any other noun ("3 kids") is not a count.  Intervals of a distance or a
    time ("8 x 400m", "5x3 min") are that distance or duration in total, with
    ``times`` the number of repeats.
``repetition``
    ``times`` sessions and their ``unit`` (day, week, month, year, time):
    "for 3 consecutive days", "5 days in a row", "a 30-day streak", "twice".
``frequency``
    ``frequency`` (daily, weekly, fortnightly, monthly, yearly,
    every_other_day, every_3_days ...) and, where written, ``times`` ("twice
    a week", "2-3 times a week" with ``min`` 2 and ``max`` 3, "3 days a
    week").  A period right after a quantity is its own frequency: "20 km a
    day" is a distance and a daily frequency ("a day").
``pace``
    ``seconds`` per ``per`` (km, mi, 500m): "5:15/km", "9:30 per mile",
    "a 7-minute mile"; a speed ("28 km/h", "12 mph") is read as the pace it
    means.
``elevation``
    ``meters``: "4,200m above sea level", "the 12000ft pass", "1,200 m of
    climbing", "elevation gain of 800m", any height of 1,000 ft or more,
    2,000 m or more after "to", "at", "reached" or in brackets ("(6,190 m)"),
    and a length in metres or feet after the distance on a session's stats line
    ("32.4 km  1:12:05  410 m").

Conventions:

* Ranges ("12-15 km", "20 – 40km", "a 4- or 5-mile loop", "anywhere from 8
  to 14 miles", "2-3 hours") keep both ends normalised in ``min`` and ``max``
  (metres, seconds, or times); ``value``/``meters``/``seconds`` hold the upper
  end, the number written next to the unit, and ``approximate`` is true.
* Compounds of one dimension ("21 km and 97 metres", "3 hours, 12 minutes, 40
  seconds", "6 days, 4 hours and 10 minutes") are one quantity; each term is
  also returned, right after its whole, with ``part`` true.  A reader that
  wants whole quantities alone asks ``parse_quantities(text, parts=False)``
  (the records are made of the wholes).
* "for 8 days" (days, nights, weeks or weekends; "for 10 years" is only a
  duration) is both a repetition (8 sessions a day apart) and a duration (8
  days of elapsed time); both are returned, on the same span, unless the
  sentence says which: a cue of repetition ("consecutive", "in a row",
  "straight", "a 30-day streak") or a daily routine in the same sentence
  ("20 km daily for 8 days") gives the repetition alone; elapsed time ("in 8
  days", "took 8 days", "over 8 days", plain "8 days") gives the duration
  alone.
* Never a distance or a duration: times of day ("5 am", "5:45 a.m.", "at
  6:30", "6:30-8:00"), ages ("56-year-old"), dates ("2 days ago"), speeds,
  social numbers ("5K followers", "100k subscribers"), prices, numbers inside
  hashtags, handles and identifiers ("#75hard", "@run4fun", "scp-173m"), a
  number with no unit ("Mile 18", "in 2019"; but a number right after a verb
  of doing takes the unit of the distance before it: "8 miles on Tuesday ...
  did 6 today", :mod:`fitpost.quantity_parser.elliptic`), vague distances ("the last few
  miles"), areas and volumes ("660 square meters", "24703m2"), points of the
  course ("the 30 km mark", "the 50 minute mark"), countdowns ("26 days away").
* ``approximate`` is also true after "about", "around", "nearly", "~" ... and
  before "or so", "-ish", "+"; a lower bound ("3+ km", "over 30 miles") has
  the bound as its value.
* Which of them is a session's own amount (not a goal time, a split, shoe
  mileage ...) is the record linker's question:
  :func:`fitpost.quantity_parser.context.aside` reads the words around a
  quantity for it.
"""
from __future__ import annotations

from fitpost.quantity_parser.elliptic import elliptic_distances, set_totals
from fitpost.quantity_parser.normalise import add_inches, join_compounds, join_ranges, join_trailing, to_quantity
from fitpost.quantity_parser.scanner import lower, scan
from fitpost.quantity_parser.stats_lines import stats_line_heights
from fitpost.schema import Quantity

__all__ = ["parse_quantities"]


def parse_quantities(text: str, parts: bool = True) -> list[Quantity]:
    """The quantities in ``text``, in text order (see the module docstring); ``parts=False``: the
    whole quantities alone, without the terms of a compound (``part`` true) after it.

    >>> [(q.text, q.seconds, q.part) for q in parse_quantities("3 hours, 12 minutes and 40 seconds", parts=False)]
    [('3 hours, 12 minutes and 40 seconds', 11560.0, False)]
    >>> [q.seconds for q in parse_quantities("3 hours, 12 minutes and 40 seconds")]
    [11560.0, 10800.0, 720.0, 40.0]
    """
    if not text:
        return []
    low = lower(text)
    items = scan(text, low)
    if not items:
        return []
    if len(items) > 1:
        items = join_ranges(low, items)
    items = add_inches(low, items)
    if len(items) > 1:
        items = join_compounds(low, items)
    items = join_trailing(low, items)
    items = stats_line_heights(low, items)
    items += elliptic_distances(low, items) + set_totals(low, items)
    items.sort(key=lambda it: (it.start, -it.end, it.part))
    return [to_quantity(text, it) for it in items if parts or not it.part]
