"""Writing: the people of a Doc as spans of ``doc.spans["fp_people"]`` and as ``doc._.fp_roster``."""
from __future__ import annotations

from spacy.tokens import Doc

from fitpost import ext
from fitpost.components.people.passage import Passage, PersonRef


def write(doc: Doc, p: Passage, mentions: list[PersonRef]) -> None:
    """Add one span per mention (``mentions``: in text order) and set the roster."""
    handle_of = first_handles(p)
    ext.add(doc, ext.PEOPLE, "fp_person", spans(p, mentions, handle_of))
    ext.set_doc_value(doc, "fp_roster", roster(p, handle_of))


def first_handles(p: Passage) -> dict[str, str]:
    """Each person's handle: the first one in the text that names them."""
    handle_of: dict[str, str] = {}
    for handle, person in p.handles.items():
        if person:
            handle_of.setdefault(person, handle)
    return handle_of


def spans(p: Passage, mentions: list[PersonRef],
          handle_of: dict[str, str]) -> list[tuple[int, int, str, ext.PersonInfo]]:
    """Each mention as ``(start, end, "PERSON", info)`` over the tokens it touches.  Its info says
    whether it is in a quote, and a named one gets the person's handle and relation where it
    carries none of its own."""
    found = []
    tab, quotes, length = p.tab, p.quotes, len(p.text)
    known = handle_of or p.relation_of  # whether any person has a handle or a relation to give
    for s, e, info in mentions:
        bounds = tab.expand(s, e, length)
        if bounds is None:
            continue
        if quotes:  # else none is in a quote, as a PersonInfo has it
            info.in_quote = ext.range_at(quotes, s) is not None
        if info.name and known:
            info.handle = info.handle or handle_of.get(info.name)
            info.relation = info.relation or p.relation_of.get(info.name)
        found.append((*bounds, "PERSON", info))
    return found


def roster(p: Passage, handle_of: dict[str, str]) -> ext.Roster:
    """What the Doc says of its people, for the components after this one."""
    return ext.Roster(
        main=p.main,
        persons={n: ext.RosterPerson(gender=p.gender.get(n), handle=handle_of.get(n), relation=p.relation_of.get(n))
                 for n in p.full},
        spouse=p.spouse,
        quotes=[ext.Quote(qs, qe, p.speakers.get((qs, qe))) for qs, qe in p.quotes])
