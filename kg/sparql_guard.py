"""What ``kg serve`` checks in a query or update before a worker runs it.

* **Nesting depth**, before any parser sees the text: a parser recurses once per nested
  group, and Oxigraph's overflows its stack (the worker dies with SIGSEGV) at a few
  thousand levels. Brackets inside strings, IRIs and comments are not counted.
* **SERVICE**, decided on the parse tree of rdflib's SPARQL parser, not on the text: a
  federated query makes the server fetch a URL the client names (server-side request
  forgery). Any ``ServiceGraphPattern`` anywhere refuses the request (nested groups,
  subqueries, ``EXISTS`` filters, the ``WHERE`` of an update). Parsing costs 50-300 ms
  a query in pure Python, so it is done only for text that holds the letters ``service``
  in any case, once SPARQL's ``\\uXXXX`` escapes are expanded: no SERVICE clause can be
  written without them, so text without them is let through unparsed (measured: every
  named query and nearly every ad-hoc one). Text that holds them and that rdflib cannot
  parse is refused too: what cannot be checked does not run. Answers are cached.
* **LOAD** (updates only): the IRIs an update would fetch, so the server can refuse them
  (``--allow-load``) or check where they point (``load_target_problem``).

The worker process is also cut off from the network (``kg.sandbox``), so a check missed
here still cannot reach another host.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from kg.errors import GuardError as GuardError

__all__ = [
    "MAX_DEPTH",
    "GuardError",
    "UpdateFacts",
    "check_query",
    "inspect_update",
    "load_target_problem",
    "nesting_depth",
    "select_star_order",
]

#: Deepest nesting of ``{ ( [`` accepted (real queries stay under 10).
MAX_DEPTH: Final = 64

_TOKENS = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|#[^\n\r]*"  # comments
    r"|\\.)"  # an escaped character in a prefixed name (ex:a\'b)
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'  # IRIs (or a less-than operator: see below)
    r"|(?P<open>[{(\[])|(?P<close>[})\]])"
    r"|(?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\U000effff]+)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_\-]*)"
    r"|(?P<star>\*)",
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _scan(sparql: str) -> tuple[int, bool]:
    """The deepest nesting, and whether the text is ambiguous to this scanner.

    ``<`` starts an IRI or is the less-than operator, which only a parser can tell. Read
    as an IRI, the text up to ``>`` cannot hold ``{ }`` (IRIs exclude them), but it can
    hold parentheses and brackets: those are counted as if they were code, except that
    they cannot lower the depth below where the IRI began (an operator's operand can
    nest; an IRI's parentheses are balanced). A quote inside it would change where the
    following strings begin, so such text is *ambiguous*: the caller parses it for real.
    """
    depth = deepest = 0
    ambiguous = False
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "iri":
            text = match.group()
            ambiguous = ambiguous or "'" in text
            floor = depth
            for char in text:
                if char in "([":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in ")]":
                    depth = max(depth - 1, floor)
    return deepest, ambiguous


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of brackets and parentheses outside strings and comments.

    >>> nesting_depth("SELECT * { { ?s ?p '{{{' } } # {{{")
    2
    >>> nesting_depth("SELECT * WHERE " + "{" * 500 + "}" * 500)
    500
    >>> nesting_depth("ASK { FILTER(1<" + "(" * 99 + "1>0" + ")" * 100 + ") }")  # not an IRI
    101
    """
    return _scan(sparql)[0]


def _check_depth(sparql: str) -> bool:
    """Raise ``GuardError`` past ``MAX_DEPTH``; whether a parser must settle the text."""
    depth, ambiguous = _scan(sparql)
    if depth > MAX_DEPTH:
        raise GuardError(
            400,
            f"the query nests groups or expressions {depth} levels deep; "
            f"this endpoint accepts at most {MAX_DEPTH}",
        )
    return ambiguous


def _unescaped(sparql: str) -> str:
    """The text as a SPARQL parser reads it: ``\\u0053`` is ``S`` (SPARQL 1.1, 19.2)."""

    def char(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _ESCAPE.sub(char, sparql)


def _may_mention(sparql: str, word: str) -> bool:
    return word in sparql.lower() or word in _unescaped(sparql).lower()


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree (``CompValue`` is a dict, ``ParseResults`` a list)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def _name(node: Any) -> str | None:
    name = getattr(node, "name", None)
    return name if isinstance(name, str) and isinstance(node, dict) else None


_PARSE_LOCK = threading.Lock()
_AMBIGUOUS = "holds a '<' whose reading (IRI or less-than) changes where strings begin"


def _parse(sparql: str, *, update: bool, why: str) -> Any:
    """rdflib's parse tree (an ``Update`` for updates), or ``GuardError`` 400 (the text
    was to be parsed because of ``why``)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    # pyparsing recurses some 25 frames a nesting level: MAX_DEPTH levels need more than
    # the default 1,000 (the depth check has bounded them already).
    with _PARSE_LOCK:
        if sys.getrecursionlimit() < 20_000:
            sys.setrecursionlimit(20_000)
    try:
        return parseUpdate(sparql) if update else parseQuery(sparql)
    except RecursionError:
        raise GuardError(400, "the query is nested too deeply to be checked") from None
    except Exception as exc:  # pyparsing's ParseException and rdflib's own errors
        message = " ".join(str(exc).split())[:300]
        raise GuardError(
            400,
            f"the {'update' if update else 'query'} {why} and could not be checked, so it "
            f"is refused: {message}",
        ) from None


def _refuse_service(tree: Any) -> None:
    if any(_name(node) == "ServiceGraphPattern" for node in _walk(tree)):
        raise GuardError(400, "SERVICE (federated query) is disabled on this endpoint")


@functools.lru_cache(maxsize=512)
def _checked_query(sparql: str) -> GuardError | None:
    try:
        ambiguous = _check_depth(sparql)
        if _may_mention(sparql, "service"):
            _refuse_service(_parse(sparql, update=False, why="mentions SERVICE"))
        elif ambiguous:
            _parse(sparql, update=False, why=_AMBIGUOUS)
    except GuardError as exc:
        return exc
    return None


def check_query(sparql: str) -> None:
    """Raise ``GuardError`` if a query is nested too deeply or uses SERVICE anywhere.

    Raises
    ------
    GuardError
        The query does not parse, is nested too deeply, or uses SERVICE.

    Examples
    --------
    >>> check_query("SELECT * { ?s ?p ?o }")
    >>> check_query("SELECT * { FILTER(1<2) SERVICE <http://10.0.0.1/x> {?s ?p ?o} }")
    Traceback (most recent call last):
    ...
    kg.errors.GuardError: SERVICE (federated query) is disabled on this endpoint
    """
    problem = _checked_query(sparql)
    if problem is not None:
        raise GuardError(problem.status, str(problem))


@dataclass(frozen=True)
class UpdateFacts:
    """What an update would reach outside the store: the IRIs it would ``LOAD``."""

    loads: tuple[str, ...] = ()


def inspect_update(sparql: str) -> UpdateFacts:
    """Refuse (``GuardError``) an update nested too deeply or using SERVICE; list its LOADs.

    Raises
    ------
    GuardError
        The update does not parse, is nested too deeply, or uses SERVICE.

    Examples
    --------
    >>> inspect_update("PREFIX ex: <http://example.org/> LOAD ex:data INTO GRAPH ex:g").loads
    ('http://example.org/data',)
    >>> inspect_update("INSERT DATA { <a:s> <a:p> 'no network' }").loads
    ()
    """
    ambiguous = _check_depth(sparql)
    if not (_may_mention(sparql, "service") or _may_mention(sparql, "load") or ambiguous):
        return UpdateFacts()
    from rdflib.plugins.sparql.algebra import translateUpdate

    mentions = _may_mention(sparql, "service") or _may_mention(sparql, "load")
    why = "mentions SERVICE or LOAD" if mentions else _AMBIGUOUS
    tree = _parse(sparql, update=True, why=why)
    _refuse_service(tree)
    try:
        operations = translateUpdate(tree).algebra
    except Exception as exc:  # an unknown prefix, a bad IRI
        raise GuardError(400, f"the update could not be checked, so it is refused: {exc}") from None
    loads = tuple(str(op["iri"]) for op in operations if _name(op) == "Load")
    return UpdateFacts(loads=loads)


def load_target_problem(url: str, *, allow_private: bool) -> str | None:
    """Why ``LOAD <url>`` must not run, or ``None``: only http(s) URLs, and unless
    ``allow_private``, only hosts whose every address is public (not loopback, private,
    link-local, multicast, reserved or unspecified). The name is resolved here; Oxigraph
    resolves it again when it fetches, so a name whose answers change between the two
    (DNS rebinding) is a risk this check does not remove: keep updates to trusted clients.

    >>> load_target_problem("file:///etc/passwd", allow_private=True)
    "LOAD of 'file:///etc/passwd' is refused: only http and https URLs can be loaded"
    >>> load_target_problem("http://127.0.0.1:8080/x", allow_private=False)  # doctest: +ELLIPSIS
    "LOAD of 'http://127.0.0.1:8080/x' is refused: 127.0.0.1 is ... (--allow-private-load...)"
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"LOAD of {url!r} is refused: only http and https URLs can be loaded"
    if allow_private:
        return None
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        return f"LOAD of {url!r} is refused: its host cannot be resolved ({exc})"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            return (
                f"LOAD of {url!r} is refused: {address} is a loopback, private, link-local "
                "or reserved address (--allow-private-load permits it)"
            )
    return None


def select_star_order(sparql: str) -> list[str] | None:
    """For ``SELECT *`` (or ``SELECT DISTINCT *``), the variables in the order they first
    appear in the query; ``None`` for any other query form or projection.

    >>> select_star_order("SELECT * WHERE { ?zeta ?b ?alpha . BIND('?x' AS ?c) }")
    ['zeta', 'b', 'alpha', 'c']
    >>> select_star_order("SELECT ?b ?a WHERE { ?a ?p ?b }") is None
    True
    """
    tokens = iter(_TOKENS.finditer(sparql))
    for match in tokens:
        if match.lastgroup == "word" and match.group().upper() == "SELECT":
            break
        if match.lastgroup == "word" and match.group().upper() in ("ASK", "CONSTRUCT", "DESCRIBE"):
            return None
    else:
        return None
    for match in tokens:
        if match.lastgroup == "word" and match.group().upper() in ("DISTINCT", "REDUCED"):
            continue
        if match.lastgroup != "star":
            return None
        break
    else:
        return None
    order: list[str] = []
    for match in tokens:
        if match.lastgroup == "var" and match.group()[1:] not in order:
            order.append(match.group()[1:])
    return order
