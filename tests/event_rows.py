"""What the extraction tests compare events by: (kind, country, alleged perpetrator) of
each event the extractor reads in a text dated :data:`DAY`."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_document

DAY = dt.date(2024, 4, 2)

Row = tuple[str, str | None, str | None]


def events(text: str) -> list[Row]:
    """The events of ``text`` as rows, in the extractor's order."""
    doc = extract_document(text, doc_id="t", date=DAY)
    return [
        (
            e.kind.value,
            e.country,
            e.alleged_perpetrator.perpetrator if e.alleged_perpetrator else None,
        )
        for e in doc.events
    ]
