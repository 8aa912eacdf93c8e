"""Every exception ``kg`` raises to a caller, as one tree (after networkx's ``exception.py``).

::

    KGError
    ├── InputError               bad input from a user: a file, a parameter, a value
    │   ├── AnnotationError        an annotation file (located by file and line)
    │   ├── BackupError            a dump or load file
    │   ├── ConfigError            a setting (a KG_* variable or its flag)
    │   ├── ExtractionError        text that cannot be extracted
    │   │   └── ModelError           the parser model is missing or not the expected one
    │   ├── ParamError             a named query's parameter
    │   ├── ReadingConflictError   a document id already holds another reading
    │   ├── SourceError            a dataset file that cannot be read
    │   ├── StrictError            ``--strict``: a malformed row, so nothing was imported
    │   ├── UnknownActorError      an actor id that is not in the registry
    │   └── UnknownCodeError       an event code that is not of its scheme
    ├── QueryError               a SPARQL query or update that does not parse or cannot run
    │   └── GuardError             a request the server refuses before it runs
    └── StoreError               the store cannot do what was asked
        ├── ReadOnlyStoreError     a write to a store opened read-only
        ├── RemoteStoreError       a SPARQL endpoint unreachable, refusing, or answering oddly
        ├── StoreBusyError         the store changed on every attempt to pin a snapshot
        └── StoreLockedError       another process has the store open for writing

The classes that were subclasses of a built-in exception still are (``ValueError``,
``KeyError``, ``RuntimeError``, ``OSError``), so that code catching those keeps working.
``RemoteStoreError`` is also a ``QueryError``: a query sent to an endpoint that fails there
is both.

>>> issubclass(ReadOnlyStoreError, StoreError), issubclass(ParamError, ValueError)
(True, True)
>>> try:
...     raise UnknownActorError("XXX")
... except KGError as exc:
...     print(exc)
unknown actor 'XXX'; no close match (ids look like 'RUS', 'UNSC', 'RUS.MFA')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "AnnotationError",
    "BackupError",
    "ConfigError",
    "ExtractionError",
    "GuardError",
    "InputError",
    "KGError",
    "ModelError",
    "ParamError",
    "QueryError",
    "ReadOnlyStoreError",
    "ReadingConflictError",
    "RemoteStoreError",
    "SourceError",
    "StoreBusyError",
    "StoreError",
    "StoreLockedError",
    "StrictError",
    "UnknownActorError",
    "UnknownCodeError",
    "UnknownQueryError",
]


class KGError(Exception):
    """The base of every exception ``kg`` raises to a caller; its message is one line."""


# ---------------------------------------------------------------------------- input


class InputError(KGError):
    """Bad input from a user: a file, a parameter or a value that ``kg`` cannot take."""


class AnnotationError(InputError, ValueError):
    """A problem in an input file, located by file and (where known) line.

    >>> str(AnnotationError("a.yaml", 3, "unknown actor 'XXX'"))
    "a.yaml:3: unknown actor 'XXX'"
    """

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class BackupError(InputError, ValueError):
    """A file that cannot be read or written; the message is one line naming it."""


class ConfigError(InputError, ValueError):
    """A setting (a ``KG_*`` environment variable or its flag) whose value cannot be used;
    the message names the variable or the flag (see ``kg.config``)."""


class ExtractionError(InputError, ValueError):
    """Input that cannot be extracted (too long, for instance)."""


class ModelError(ExtractionError):
    """A model the extractor loads (the parser, the re-ranker) is missing or is not the
    one the rules were built for."""


class ParamError(InputError, ValueError):
    """A parameter value that is missing, unknown or of the wrong form."""


class ReadingConflictError(InputError, ValueError):
    """A document id already holds a different reading of the same kind; the message says
    what would be replaced and how to replace it (``replace=True``, ``--replace``)."""


class SourceError(InputError):
    """A file that cannot be read at all; ``line`` is set when reading broke mid-file.

    >>> str(SourceError("events.csv", "not UTF-8", line=12))
    'events.csv:12: not UTF-8'
    """

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None):
        self.path = str(path)
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class StrictError(InputError):
    """``--strict``: a file holds a malformed row (or cannot be read); nothing was written."""


class UnknownActorError(InputError, KeyError):
    """An actor id that is not in the registry; the message suggests close matches.

    >>> from kg.actors import ActorRegistry
    >>> try:
    ...     ActorRegistry.default()["RUS.MFAA"]
    ... except UnknownActorError as err:
    ...     print(err)
    unknown actor 'RUS.MFAA'; did you mean 'RUS.MFA', 'UKR.MFA' or 'RUS.MOD'?
    """

    def __init__(self, actor_id: str, suggestions: Iterable[str] = ()) -> None:
        self.actor_id = actor_id
        self.suggestions = list(suggestions)
        if self.suggestions:
            quoted = [repr(s) for s in self.suggestions]
            options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
            hint = f"did you mean {options}?"
        else:
            hint = "no close match (ids look like 'RUS', 'UNSC', 'RUS.MFA')"
        self.message = f"unknown actor {actor_id!r}; {hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UnknownCodeError(InputError, ValueError):
    """An event code that is not of its scheme."""


# ---------------------------------------------------------------------------- queries


class QueryError(KGError, ValueError):
    """A SPARQL query or update that does not parse or cannot run."""


class GuardError(QueryError):
    """A request refused before it runs; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class UnknownQueryError(QueryError, KeyError):
    """No named query has this name (a ``KeyError`` too: it is a failed lookup)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


# ---------------------------------------------------------------------------- stores


class StoreError(KGError):
    """The store cannot do what was asked (locked, busy, read-only, or a remote failure)."""


class ReadOnlyStoreError(StoreError):
    """A write to a store that is open read-only (embedded or remote)."""

    def __init__(self, message: str = "the store is open read-only") -> None:
        super().__init__(message)


class RemoteStoreError(StoreError, QueryError):
    """The endpoint could not be reached, refused a request, or answered unexpectedly."""


class StoreBusyError(StoreError, OSError):
    """The store changed on every attempt to pin a consistent snapshot of it."""


class StoreLockedError(StoreError, RuntimeError):
    """Another process has the store open for writing."""
