"""Canonical events: cross-document coreference of the events documents report.

Each document's event stays as an account; fusion groups the accounts of one event into
a ``dkg:CanonicalEvent`` (see ``kg.fusion.build``), by blocking and pairwise scoring
(``kg.fusion.scoring``) and deterministic, incremental clustering (``kg.fusion.cluster``),
with hand decisions replayed on every build (``kg.fusion.decisions``).
"""

from kg.fusion.accounts import Account, load_accounts
from kg.fusion.build import CANONICAL_GRAPH, FuseResult, fuse
from kg.fusion.cluster import Fusion, canonical_iri
from kg.fusion.evaluate import Scores, evaluate, load_gold

__all__ = [
    "CANONICAL_GRAPH",
    "Account",
    "FuseResult",
    "Fusion",
    "Scores",
    "canonical_iri",
    "evaluate",
    "fuse",
    "load_accounts",
    "load_gold",
]
