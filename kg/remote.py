"""The SPARQL 1.1 store under its first name: see :mod:`kg.stores.sparql`.

>>> from kg.stores.sparql import RemoteStore as Same
>>> RemoteStore is Same
True
"""

from kg.stores.sparql.binding import bind_parameters
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
    "bind_parameters",
    "term_from_json",
]
