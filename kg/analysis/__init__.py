"""Network analysis of the json view with networkx.

The input is the ``json`` view documented in :mod:`kg.export`; nothing here reads the
store. The pipeline is::

    view ──to_networkx──▶ MultiDiGraph ──signed_graph──▶ Graph (sign ±1) ──balance──▶ census
                              └──────────────analyze──────────────▶ JSON-ready report

Actors are nodes keyed by their code (``RUS``, ``UNSC``); a reaction with a target is an
edge agent → target, one per reaction type (the edge key), counted in ``weight``. The
modules: ``network`` (view → MultiDiGraph), ``balance`` (signed graph, triad census),
``report`` (``analyze``, ``report_text``), ``graphml``.

>>> view = {"format": "diplomatic-kg/json@1", "events": [],
...         "actors": [{"code": "A", "label": "A", "wikidata": None, "class": "State",
...                     "speaks_for": None},
...                    {"code": "B", "label": "B", "wikidata": None, "class": "State",
...                     "speaks_for": None}],
...         "reactions": [{"id": "r1", "type": "condemns", "agent": {"code": "A"},
...                        "speaker": None, "target": {"code": "B"}, "about_event": None,
...                        "hedged": False, "according_to": None, "document": "d",
...                        "evidence": []}]}
>>> G = to_networkx(view)
>>> G["A"]["B"]["condemns"]["weight"]
1
>>> analyze(G)["most"]["condemned"]
{'actors': ['B'], 'count': 1}
"""

from kg.analysis.balance import balance, signed_graph
from kg.analysis.graphml import write_graphml
from kg.analysis.network import (
    NEGATIVE_TYPES,
    POSITIVE_TYPES,
    REACTION_TYPES,
    SEED,
    TRIAD_TYPES,
    actor_nodes,
    to_networkx,
)
from kg.analysis.report import analyze, collapse, report_text

__all__ = [
    "NEGATIVE_TYPES",
    "POSITIVE_TYPES",
    "REACTION_TYPES",
    "SEED",
    "TRIAD_TYPES",
    "actor_nodes",
    "analyze",
    "balance",
    "collapse",
    "report_text",
    "signed_graph",
    "to_networkx",
    "write_graphml",
]
