"""``kg validate`` at scale: only what changed, in bounded pieces, with progress.

Validating the whole store in one pySHACL run grows faster than the store (2.9 s on 11k
triples, more than 10 minutes on 455k). The store is instead cut into pieces that the
shapes see one at a time, each with the **context** every piece needs: the ontology graph
(its ``rdfs:subClassOf`` axioms drive ``sh:targetClass`` and ``sh:class``) and the reference
actors graph (``sh:class dkg:Actor``, ``dkg:speaksFor`` chains).

* The context alone is one piece (``reference``): the actor table rules, the ontology.
* A document graph is one piece; documents are validated together, a batch at a time, up
  to :data:`BATCH_TRIPLES` triples.
* A dataset graph (the default graph, or a ``graph/dataset/...`` graph) is cut into chunks
  of records. A record is a coded event with its reaction and attribution (the same key
  under ``id/coded/``, ``id/reaction/``, ``id/attribution/``) or one aggregate observation;
  records are independent, so a chunk is validated with the context and the *shared*
  triples its records point to (the dataset node, the actors' shortcut triples such as
  ``RUS dkg:condemns UKR``). The shared triples are also validated on their own.
* The shapes' SPARQL constraints (the actor table's, each document's, each dataset's) are
  taken out of what pySHACL runs and answered by the store itself, over all its graphs
  (:func:`kg.validate.sparql_violations`): they look across pieces (every shortcut triple
  backed by a reaction somewhere), and rdflib's SPARQL engine spent half of a validation
  in them. They are asked only about what changed (:class:`kg.validation.pieces.Changed`):
  the documents and datasets validated in this run, and the actor table's store-wide
  rules when anything was; when nothing changed they are not run at all.

A graph is skipped when it is unchanged since it last conformed under the same shapes,
ontology, actors and pySHACL: its **digest** (an order-independent hash of its triples) is
remembered, per store, in a small JSON file (:func:`cache_path`). A graph that does not
conform is never remembered, so its violations are reported on every run; ``everything``
(``kg validate --all``) ignores what was remembered. Chunks are written to a temporary
folder as N-Triples while the graph is read once, so memory stays bounded by a chunk.

The package: :mod:`~kg.validation.pieces` (the run's record, digests, the cache, pySHACL
with its context), :mod:`~kg.validation.run` (:func:`validate_store`: the context,
documents and the SPARQL constraints), :mod:`~kg.validation.datasets` (dataset graphs in
chunks of records, in worker processes with ``jobs``).
"""

from __future__ import annotations

from kg.validation.pieces import (
    BATCH_TRIPLES,
    CHUNK_RECORDS,
    ValidationRun,
    cache_path,
    graph_digest,
)
from kg.validation.run import validate_store

__all__ = [
    "BATCH_TRIPLES",
    "CHUNK_RECORDS",
    "ValidationRun",
    "cache_path",
    "graph_digest",
    "validate_store",
]
