"""Store kinds by location: a folder, an ``http(s)://`` SPARQL endpoint, or a kind of one's own.

Every store implements :class:`kg.store.KGStore`; :func:`open_store` picks the kind by the
location's scheme. Adding a kind is one module with a ``KGStore`` subclass and one line::

    register("toy", ToyStore.opener)   # "toy:anything" now opens a ToyStore

>>> sorted(STORE_KINDS)
['', 'http', 'https']
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
...     type(store).__name__, store.read_only, store.transactional, store.bulk
('OxigraphStore', False, True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.store import KGStore, OxigraphStore

__all__ = ["STORE_KINDS", "StoreOpener", "StoreOptions", "open_store", "register"]


@dataclass(frozen=True)
class StoreOptions:
    """How to open a store, whatever its kind (a kind ignores what it has no use for)."""

    read_only: bool = False
    #: Where a SPARQL endpoint takes updates (None: its query URL).
    update_endpoint: str | None = None
    #: The Graph Store Protocol URL of an endpoint ("auto": found for Virtuoso).
    graph_store: str | None = "auto"


#: Opens a store at a location with options.
StoreOpener = Callable[[str, StoreOptions], KGStore]

#: The store kinds by URL scheme (``""``: a folder, or ``:memory:``).
STORE_KINDS: dict[str, StoreOpener] = {}

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")


def register(scheme: str, opener: StoreOpener) -> None:
    """Open locations that start with ``scheme:`` with ``opener``."""
    STORE_KINDS[scheme] = opener


def open_store(location: str | Path, options: StoreOptions | None = None) -> KGStore:
    """The store at ``location``: by its URL's scheme where a kind is registered for it,
    else the embedded store in that folder (created unless ``read_only``).

    Raises
    ------
    StoreError
        A read-only open of a folder that does not exist.
    StoreLockedError
        The folder's store is open for writing in another process.
    StoreBusyError
        A read-only open: the store changed on every attempt to pin a snapshot of it.

    Examples
    --------
    >>> open_store("no-such-folder", StoreOptions(read_only=True))
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: no store at no-such-folder: run 'kg add FILE' first (or pass --store)
    """
    text = str(location)
    found = _SCHEME.match(text)
    scheme = found.group(1).lower() if found else ""
    opener = STORE_KINDS.get(scheme, STORE_KINDS[""])
    return opener(text, options or StoreOptions())


def _embedded(location: str, options: StoreOptions) -> KGStore:
    if not options.read_only:
        return OxigraphStore(location)
    if not Path(location).exists():
        raise StoreError(f"no store at {location}: run 'kg add FILE' first (or pass --store)")
    from kg.snapshot import SnapshotStore

    return SnapshotStore(location)


def _sparql(location: str, options: StoreOptions) -> KGStore:
    from kg.stores.sparql.store import RemoteStore

    return RemoteStore(
        location,
        options.update_endpoint or location,
        read_only=options.read_only,
        graph_store=options.graph_store,
    )


register("", _embedded)
register("http", _sparql)
register("https", _sparql)
