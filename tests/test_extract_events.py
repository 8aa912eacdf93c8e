"""Events the extractor must tell without failing: invariants of the event model hold
whatever order the text tells an event's words in."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_document
from kg.model import EventKind


def test_an_explosion_told_again_as_shelling_keeps_no_means_of_a_strike() -> None:
    # the model allows a means only for strikes: the shelling joins the landmine blast
    # and must not give the explosion "artillery" (it used to stop the whole extraction)
    text = (
        "On 3 May three Indian soldiers were hurt by landmines while patrolling near Poonch. "
        "Pakistan dismissed India's account of the shelling as invented."
    )
    document = extract_document(text, doc_id="mines", date=dt.date(2021, 5, 6))
    assert [(e.kind, e.means) for e in document.events] == [(EventKind.EXPLOSION, None)]
