"""The settings ``kg`` takes from its environment, read once into one typed object (after
starlette's ``config.py``).

Every ``KG_*`` variable the package reads is in :data:`VARIABLES`, with the command-line
flag that overrides it; nothing else in ``kg`` reads ``os.environ`` for them. The command
line reads the environment once per run (its root callback calls :func:`configure`); a
library caller gets the environment as it is at the first call of :func:`settings`.

A bad value is a :class:`ConfigError`, one line that names the variable (or the flag):

>>> Settings.from_env({"KG_GRAPH_STORE": "none", "KG_STORE": "out/store"})
... # doctest: +NORMALIZE_WHITESPACE
Settings(store='out/store', update_endpoint=None, graph_store=None, update_token=None,
         validation_cache=None)
>>> Settings.from_env({"KG_UPDATE_ENDPOINT": "localhost:8890"})
Traceback (most recent call last):
    ...
kg.errors.ConfigError: KG_UPDATE_ENDPOINT: 'localhost:8890' is not an http(s) URL

(The variables the tests read, ``KG_NO_APT``, ``KG_SCREENSHOTS``, ``KG_VIRTUOSO_BIN`` and
``KG_CHROMIUM_BIN``, belong to the test set-up, not to the package, and are not here.)
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.errors import ConfigError

__all__ = [
    "DEFAULT_STORE",
    "MAX_CHARS",
    "VARIABLES",
    "ConfigError",
    "Settings",
    "Variable",
    "configure",
    "settings",
]

#: The embedded store's folder when neither ``--store`` nor ``KG_STORE`` names one.
DEFAULT_STORE = "kg-store"

#: The longest text extracted (a long news article is 20,000 characters); longer input is
#: refused, which bounds the time of one extraction (about 10 s at this size). Kept here,
#: not in :mod:`kg.extract`, so that ``kg --help`` and ``kg add`` need not import the
#: extractor to show it.
MAX_CHARS = 1_000_000


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _store(name: str, value: str) -> str:
    if not value.strip():
        raise ConfigError(f"{name}: is blank; give a store folder or a SPARQL endpoint URL")
    if value.startswith(("http://", "https://")) and not _is_url(value):
        raise ConfigError(f"{name}: {value!r} is not a valid endpoint URL (no host)")
    return value


def _endpoint(name: str, value: str) -> str | None:
    if not value:
        return None
    if not _is_url(value):
        raise ConfigError(f"{name}: {value!r} is not an http(s) URL")
    return value


def _graph_store(name: str, value: str) -> str | None:
    if value.lower() in ("", "none"):
        return None  # INSERT DATA batches, no Graph Store Protocol
    if value.lower() == "auto":
        return "auto"
    if not _is_url(value):
        raise ConfigError(f"{name}: {value!r} is not 'auto', 'none' or an http(s) URL")
    return value


def _token(name: str, value: str) -> str | None:
    if not value:
        return None
    if not all("!" <= c <= "~" for c in value):
        # It travels in an HTTP header: printable ASCII, and a space would split it.
        raise ConfigError(f"{name}: the token must be printable ASCII without spaces")
    return value


def _folder(name: str, value: str) -> Path | None:
    if not value:
        return None
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name}: {value} exists and is not a folder")
    return path


@dataclass(frozen=True)
class Variable:
    """One environment variable: the setting it fills, its flag, and what it means."""

    env: str
    field: str
    flag: str
    meaning: str
    parse: Callable[[str, str], Any]


#: Every ``KG_*`` variable of the package, in the order of the README's table.
VARIABLES = (
    Variable(
        "KG_STORE", "store", "--store",
        "The embedded store's folder, or a SPARQL endpoint URL (default: kg-store).",
        _store,
    ),
    Variable(
        "KG_UPDATE_ENDPOINT", "update_endpoint", "kg --update-endpoint",
        "Where updates go when the store is an endpoint (default: the store's URL).",
        _endpoint,
    ),
    Variable(
        "KG_GRAPH_STORE", "graph_store", "kg --graph-store",
        "The endpoint's Graph Store Protocol URL; 'auto' (default) looks for it, "
        "'none' sends INSERT DATA batches.",
        _graph_store,
    ),
    Variable(
        "KG_UPDATE_TOKEN", "update_token", "kg serve --update-token-file",
        "The bearer token 'kg serve --allow-update' requires of an update.",
        _token,
    ),
    Variable(
        "KG_VALIDATION_CACHE", "validation_cache", "kg --validation-cache",
        "Where 'kg validate' keeps its cache (default: $XDG_CACHE_HOME/diplomatic-kg/validated).",
        _folder,
    ),
)  # fmt: skip

_BY_FIELD = {variable.field: variable for variable in VARIABLES}


@dataclass(frozen=True)
class Settings:
    """Every setting of the package, typed; built by :meth:`from_env`.

    ``graph_store`` is ``"auto"``, a URL, or ``None`` for ``INSERT DATA`` batches.
    """

    store: str = DEFAULT_STORE
    update_endpoint: str | None = None
    graph_store: str | None = "auto"
    update_token: str | None = None
    validation_cache: Path | None = None

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **flags: str | None
    ) -> Settings:
        """The settings the ``KG_*`` variables of ``environ`` (default ``os.environ``) give,
        each overridden by its flag in ``flags`` when that is given (not ``None``).

        A variable that is unset keeps its default; ``KG_STORE`` set but empty too.

        Raises
        ------
        ConfigError
            A value cannot be used; the message names its variable, or its flag.

        Examples
        --------
        >>> Settings.from_env({"KG_GRAPH_STORE": "ftp://x"}, graph_store="NONE").graph_store is None
        True
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for variable in VARIABLES:
            flag = flags.pop(variable.field, None)
            if flag is not None:
                values[variable.field] = variable.parse(variable.flag.split()[-1], flag)
                continue
            raw = environ.get(variable.env)
            if raw is None or (raw == "" and variable.field == "store"):
                continue
            values[variable.field] = variable.parse(variable.env, raw)
        if flags:
            raise TypeError(f"not settings: {', '.join(sorted(flags))}")
        return cls(**values)

    def with_flags(self, **flags: str | None) -> Settings:
        """These settings with the flags that were given (``None``: not given) in place.

        Raises
        ------
        ConfigError
            A flag's value cannot be used; the message names the flag.

        Examples
        --------
        >>> Settings().with_flags(update_token="s3cret", graph_store=None).update_token
        's3cret'
        """
        changes = {
            field: _BY_FIELD[field].parse(_BY_FIELD[field].flag.split()[-1], value)
            for field, value in flags.items()
            if value is not None
        }
        return dataclasses.replace(self, **changes)


_current: Settings | None = None


def settings() -> Settings:
    """The settings of this process: those :func:`configure` set, else the environment's,
    read at the first call.

    Raises
    ------
    ConfigError
        A variable's value cannot be used.
    """
    global _current
    if _current is None:
        _current = Settings.from_env()
    return _current


def configure(new: Settings | None) -> None:
    """Make ``new`` the settings of this process (``None``: read the environment again at
    the next :func:`settings`)."""
    global _current
    _current = new
