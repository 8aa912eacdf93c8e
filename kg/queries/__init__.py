"""Named SPARQL queries: one ``.rq`` file each, parameters bound as RDF terms.

A query file opens with comment lines: the first paragraph says what it answers, then
one line per parameter::

    # param NAME: KIND [required] [default=VALUE] = what it means

``KIND`` is ``actor`` (an actor id such as ``RUS``, bound to the actor's IRI), ``iri``,
``string``, ``integer``, ``decimal``, ``boolean`` (``true``/``false``) or ``date``. Values
are turned into RDF terms and bound to the query's variables (pyoxigraph ``substitutions``);
they are never pasted into query text.

>>> q = named_query("who-condemns-whom")
>>> [p.name for p in q.params]
['agent', 'domestic', 'since', 'until']
>>> q.bind({"agent": "RUS"})["agent"].value
'https://w3id.org/diplomatic-kg/id/actor/RUS'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from pyoxigraph import Literal, NamedNode

from kg.errors import ParamError as ParamError
from kg.errors import UnknownQueryError
from kg.results import Term
from kg.vocab import OX

__all__ = ["NamedQuery", "Param", "ParamError", "named_queries", "named_query"]

_PARAM_RE = re.compile(
    r"^#\s*param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*"
    r"(?P<kind>actor|iri|string|integer|decimal|boolean|date)"
    r"(?P<flags>(?:\s+(?:required|default=\S+))*)\s*(?:=\s*(?P<doc>.*))?$"
)
_ACTOR_ID_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9_.\-]{0,63}$")


def _actor(value: str) -> NamedNode:
    code = value.strip()
    if not _ACTOR_ID_RE.match(code.upper()):
        raise ParamError(f"{value!r} is not an actor code (expected e.g. RUS, UNSC, RUS.MFA)")
    return OX.ACTOR[code.upper() if code.isalpha() else code]


def _iri(value: str) -> NamedNode:
    try:
        return NamedNode(value.strip())
    except ValueError as exc:
        raise ParamError(f"{value!r} is not a valid IRI: {exc}") from exc


def _integer(value: str) -> Literal:
    try:
        return Literal(str(int(value)), datatype=OX.XSD.integer)
    except ValueError as exc:
        raise ParamError(f"{value!r} is not an integer") from exc


def _boolean(value: str) -> Literal:
    text = value.strip().lower()
    if text not in ("true", "false"):
        raise ParamError(f"{value!r} is not a boolean (true or false)")
    return Literal(text, datatype=OX.XSD.boolean)


def _decimal(value: str) -> Literal:
    try:
        number = Decimal(value.strip())
    except InvalidOperation as exc:
        raise ParamError(f"{value!r} is not a decimal number") from exc
    if not number.is_finite():
        raise ParamError(f"{value!r} is not a finite decimal number")
    return Literal(format(number, "f"), datatype=OX.XSD.decimal)


def _date(value: str) -> Literal:
    try:
        return Literal(dt.date.fromisoformat(value).isoformat(), datatype=OX.XSD.date)
    except ValueError as exc:
        raise ParamError(f"{value!r} is not a date (YYYY-MM-DD)") from exc


_CONVERTERS: dict[str, Callable[[str], Term]] = {
    "actor": _actor,
    "iri": _iri,
    "string": lambda value: Literal(value),
    "integer": _integer,
    "boolean": _boolean,
    "decimal": _decimal,
    "date": _date,
}


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    kind: str
    required: bool = False
    default: str | None = None
    doc: str = ""

    def term(self, value: str) -> Term:
        """The RDF term for a textual value.

        >>> Param("n", "integer").term("3").value
        '3'
        """
        return _CONVERTERS[self.kind](value)


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, what it answers, its parameters and its SPARQL text."""

    name: str
    description: str
    params: tuple[Param, ...]
    sparql: str

    def bind(
        self, values: Mapping[str, str], *, actor: Callable[[str], NamedNode] | None = None
    ) -> dict[str, Term]:
        """Check ``values`` against the declared parameters and turn them into terms.

        ``actor`` resolves the value of an ``actor`` parameter to an IRI once its form is
        checked (``ActorRegistry.param_term``: known actors only); without it, any
        well-formed code is bound to its IRI.

        Raises
        ------
        ParamError
            An unknown name, a missing required parameter, a malformed value, or an actor
            that ``actor`` does not know.

        Examples
        --------
        >>> query = named_query("who-blames-whom")
        >>> query.bind({"agent": "rus"})["agent"].value
        'https://w3id.org/diplomatic-kg/id/actor/RUS'
        """
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise ParamError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (known: {known})"
            )
        bound: dict[str, Term] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                if param.required:
                    raise ParamError(f"query {self.name!r} needs --param {param.name}=...")
                continue
            bound[param.name] = param.term(value)
        if actor is not None:  # after every value's form is checked
            for param in self.params:
                given = values.get(param.name)
                if param.kind == "actor" and given is not None:
                    bound[param.name] = actor(given)
        return bound


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Read a named query's header comments.

    >>> text = "# What it answers.\\n# param n: integer = a number\\nSELECT * {}"
    >>> parse_query_file("q", text).params
    (Param(name='n', kind='integer', required=False, default=None, doc='a number'),)
    """
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_RE.match(line)
        if match:
            flags = match["flags"].split()
            default = next((f.split("=", 1)[1] for f in flags if f.startswith("default=")), None)
            params.append(
                Param(
                    match["name"],
                    match["kind"],
                    required="required" in flags,
                    default=default,
                    doc=(match["doc"] or "").strip(),
                )
            )
        elif not params:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, " ".join(d for d in description if d), tuple(params), text)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    folder = resources.files(__name__)
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return found


def named_query(name: str) -> NamedQuery:
    """One named query.

    Raises
    ------
    UnknownQueryError
        No named query has this name (the message lists them); a ``KeyError`` too.

    Examples
    --------
    >>> named_query("who-blames-whom").name
    'who-blames-whom'
    """
    queries = named_queries()
    if name not in queries:
        raise UnknownQueryError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]
