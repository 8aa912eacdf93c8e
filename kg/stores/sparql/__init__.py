"""A quad store behind a SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, an Oxigraph
server), in four parts, as rdflib separates ``SPARQLConnector`` from ``SPARQLStore``:

* :mod:`~kg.stores.sparql.binding`: bound parameters written into the query text;
* :mod:`~kg.stores.sparql.terms`: terms read back in the forms Oxigraph gives;
* :mod:`~kg.stores.sparql.http`: ``SPARQLConnector``, the protocol over HTTP (auth, retries);
* :mod:`~kg.stores.sparql.store`: ``RemoteStore``, the store (batches, staging graphs,
  the Graph Store Protocol, the default graph).
"""

from kg.stores.sparql.binding import bind_parameters
from kg.stores.sparql.http import SPARQLConnector
from kg.stores.sparql.store import (
    DEFAULT_GRAPH,
    STAGING_PREFIX,
    VIRTUOSO_SYSTEM_GRAPHS,
    RemoteStore,
    RemoteStoreError,
)
from kg.stores.sparql.terms import term_from_json

__all__ = [
    "DEFAULT_GRAPH",
    "STAGING_PREFIX",
    "VIRTUOSO_SYSTEM_GRAPHS",
    "RemoteStore",
    "RemoteStoreError",
    "SPARQLConnector",
    "bind_parameters",
    "term_from_json",
]
