"""Datelines: "PARIS, June 13 (Wire) -" opens a wire story; the city is no speaker.

A dateline is the upper-case place (with an optional country or state), an optional date
and an optional agency in brackets, then a dash, at the start of a paragraph. The actors
and places named in it are where the story was filed, not who reacted or where an event
happened, so the analysis drops them (:func:`kg.extract.document.analyse`).

>>> text = "SEOUL, June 4 (Agency) - South Korea condemned the launch."
>>> [text[s:e] for s, e in dateline_spans(text, [0])]
['SEOUL, June 4 (Agency) - ']
>>> text = "DAMASCUS, 19 March (Agency) - The ministry condemned the raid."
>>> [text[s:e] for s, e in dateline_spans(text, [0])]
['DAMASCUS, 19 March (Agency) - ']
>>> dateline_spans("NATO condemned the launch.", [0])
[]
>>> dateline_spans("KYIV - Drones struck.", [0], is_place=lambda name: name == "KYIV")
[(0, 7)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["DATELINE", "dateline_spans"]

#: The upper-case place, optional ", Country", optional ", Mon 13" or ", 13 Mon", optional
#: "(Agency)", dash.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3})"
    r"(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})?"
    r"(?P<date>, (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.?))?"
    r"(?P<agency> \([^()\n]{1,40}\))?"
    r"\s*(?:-{1,2}|\u2014|\u2013)\s+"
)


def dateline_spans(
    text: str,
    paragraph_starts: Iterable[int],
    is_place: Callable[[str], bool] = lambda name: False,
) -> list[tuple[int, int]]:
    """The ``[start, end)`` of the dateline opening each paragraph that has one.

    "WASHINGTON -" with neither date nor agency is a dateline when ``is_place`` says its
    upper-case words name a place ("NATO -" is not).
    """
    spans: list[tuple[int, int]] = []
    for start in paragraph_starts:
        match = DATELINE.match(text, start)
        if match is None:
            continue
        dated = match.group("date") or match.group("agency")
        if not (dated or is_place(match.group("place"))):
            continue  # "NATO - the alliance...": a date, an agency or a place is needed
        if len(match.group("place")) < 3:
            continue
        spans.append((match.start(), match.end()))
    return spans
