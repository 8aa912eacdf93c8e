"""Binding parameters over the SPARQL 1.1 Protocol: what Oxigraph's SEP-0007 substitution
does, written into the query text.

Each bound term is written in its N-Triples form (``str(term)``, which pyoxigraph escapes)
into a ``BIND(term AS ?var)`` that opens the query's WHERE pattern, and that of every
subquery projecting the variable (see :func:`bind_parameters`): joined before everything
else in its group, the value is seen by OPTIONAL and FILTER exactly as with substitution.
As with Oxigraph, a bound variable of a SELECT query must be in its SELECT clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.results import Term
from kg.store import BOUND_PARAMETER_HINT, QueryError

__all__ = ["bind_parameters", "query_form"]

_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_TOKENS = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\r\n]|\\.)*"
                |'(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Scope:
    """A SELECT (the query or a subquery): its projection (``None`` for ``*``), the index
    of the token opening its WHERE pattern (``None`` without one), the variables in it."""

    projection: frozenset[str] | None
    where: int | None
    variables: frozenset[str]


@dataclass(frozen=True)
class Shape:
    """Where a query's parts are: its form, the offset of the brace opening its WHERE
    pattern (``None`` without one), its top-level scope and its subqueries."""

    form: str | None
    where: int | None
    top: _Scope | None
    subqueries: tuple[_Scope, ...]
    variables: frozenset[str]
    short_construct: tuple[int, int] | None = None  # (WHERE keyword offset, closing brace)


def _tokens(sparql: str) -> list[_Token]:
    found = []
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            found.append(_Token(kind, match.group(), match.start(), match.end()))
    return found


def _closing(tokens: list[_Token], index: int) -> int:
    """The index of the brace closing the one at ``index``."""
    depth = 0
    for i in range(index, len(tokens)):
        if tokens[i].text == "{":
            depth += 1
        elif tokens[i].text == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(tokens) - 1


def _is_word(token: _Token, *words: str) -> bool:
    return token.kind == "word" and token.text.upper() in words


def _select_scope(tokens: list[_Token], select: int) -> _Scope:
    """The scope of the SELECT keyword at index ``select``."""
    projection: set[str] | None = set()
    parens = 0
    i = select + 1
    while i < len(tokens) and not (parens == 0 and tokens[i].text == "{"):
        token = tokens[i]
        if parens == 0 and _is_word(token, "WHERE", "FROM"):
            break
        if token.text == "(":
            parens += 1
        elif token.text == ")":
            parens -= 1
        elif token.text == "*" and parens == 0:
            projection = None
        elif (
            token.kind == "var"
            and projection is not None
            and (parens == 0 or _is_word(tokens[i - 1], "AS"))
        ):
            projection.add(token.text[1:])
        i += 1
    where = next((j for j in range(i, len(tokens)) if tokens[j].text == "{"), None)
    inside = tokens[where : _closing(tokens, where) + 1] if where is not None else []
    return _Scope(
        frozenset(projection) if projection is not None else None,
        where,
        frozenset(t.text[1:] for t in inside if t.kind == "var"),
    )


def shape_of(sparql: str) -> tuple[Shape, list[_Token]]:
    tokens = _tokens(sparql)
    variables = frozenset(t.text[1:] for t in tokens if t.kind == "var")
    form_at = next((i for i, t in enumerate(tokens) if _is_word(t, *_FORMS)), None)
    if form_at is None:
        return Shape(None, None, None, (), variables), tokens
    form = tokens[form_at].text.upper()
    top: _Scope | None = None
    where: int | None = None
    if form == "SELECT":
        top = _select_scope(tokens, form_at)
        where = top.where
    else:
        i = form_at + 1
        template = form == "CONSTRUCT" and i < len(tokens) and tokens[i].text == "{"
        if template:
            i = _closing(tokens, i) + 1  # skip the template
        where = next((j for j in range(i, len(tokens)) if tokens[j].text == "{"), None)
        if form == "CONSTRUCT" and not template and where is not None:
            # CONSTRUCT WHERE { T }: T is the template too.
            close = tokens[_closing(tokens, where)].start
            short = (tokens[i].start, close)
            return Shape(form, tokens[where].start, None, (), variables, short), tokens
    subqueries = tuple(
        _select_scope(tokens, j)
        for j in range((where or 0) + 1, len(tokens))
        if where is not None and _is_word(tokens[j], "SELECT")
    )
    offset = tokens[where].start if where is not None else None
    return Shape(form, offset, top, subqueries, variables), tokens


def _bind_block(bindings: Mapping[str, Term]) -> str:
    binds = []
    for name, term in bindings.items():
        if not _VARIABLE_NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if isinstance(term, BlankNode) or not isinstance(term, NamedNode | Literal):
            raise QueryError(
                f"?{name}: only IRIs and literals can be bound in a query sent to an endpoint"
            )
        # N-Triples form: pyoxigraph escapes the literal, and checked the IRI.
        binds.append(f"BIND({term} AS ?{name})")
    return " ".join(binds)


def bind_parameters(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with each of ``bindings`` BIND first in its WHERE pattern, and first in
    every subquery that projects the variable.

    That is what SEP-0007 substitution (Oxigraph's ``substitutions``) means for a query
    whose bound variables are in its SELECT clause, the rule Oxigraph enforces and so does
    this function. A BIND opening a group is joined before everything else in it, so
    OPTIONAL and FILTER see the value as with substitution. (A one-row VALUES block is the
    same in the SPARQL algebra, but Virtuoso 7.2.5 evaluates a VALUES-bound variable
    inside an OPTIONAL as a filter and loses rows.)

    Raises
    ------
    QueryError
        A bound variable is not in the SELECT clause of the query or of a subquery.

    Examples
    --------
    >>> from pyoxigraph import Literal
    >>> print(bind_parameters("SELECT ?label WHERE { ?s ?p ?label }", {"label": Literal('"hi"')}))
    SELECT ?label WHERE { BIND("\\"hi\\"" AS ?label)
     ?s ?p ?label }
    >>> bind_parameters('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal("x")})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: The SPARQL query does not contains variable ?o in its SELECT \
projection (a bound parameter must be listed in the SELECT clause)
    """
    if not bindings:
        return sparql
    shape, tokens = shape_of(sparql)
    for name in bindings:
        missing = (shape.top is not None and name not in (shape.top.projection or ())) or (
            shape.form == "ASK" and name not in shape.variables
        )
        if missing:
            raise QueryError(
                f"The SPARQL query does not contains variable ?{name} in its SELECT projection"
                + BOUND_PARAMETER_HINT
            )
    if shape.where is None:
        raise QueryError("cannot bind parameters in a query without a WHERE pattern")
    values = _bind_block(bindings)
    if shape.short_construct is not None:
        # CONSTRUCT WHERE { T } has T as its template, where BIND cannot go: spell it out.
        where, close = shape.short_construct
        template = sparql[shape.where + 1 : close]
        return (
            f"{sparql[:where]}{{{template}}}\n{sparql[where : shape.where + 1]} {values}\n"
            f"{sparql[shape.where + 1 :]}"
        )
    # Substitution also binds the variable inside each subquery that projects it.
    inserts = {shape.where + 1: values}
    for scope in shape.subqueries:
        visible = scope.projection if scope.projection is not None else scope.variables
        inner = {name: term for name, term in bindings.items() if name in visible}
        if inner and scope.where is not None:
            inserts[tokens[scope.where].end] = _bind_block(inner)
    text = sparql
    for offset in sorted(inserts, reverse=True):
        text = f"{text[:offset]} {inserts[offset]}\n{text[offset:]}"
    return text


def query_form(sparql: str) -> str | None:
    """The query's form: SELECT, CONSTRUCT, DESCRIBE or ASK (None if none is found).

    >>> query_form("PREFIX x: <https://e.org/> ask { ?s ?p ?o }")
    'ASK'
    """
    return shape_of(sparql)[0].form
