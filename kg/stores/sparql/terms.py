"""Terms read from an endpoint, brought to the forms the embedded store gives.

Virtuoso answers ``"1"^^xsd:boolean`` for true and keeps ``xsd:int``; Oxigraph answers
``"true"`` and stores every integer type as ``xsd:integer``. Literals read from the
endpoint are brought to Oxigraph's forms (booleans, integers, decimals, lower-case language
tags) and Virtuoso's blank node ids (``nodeID://b10004``) become valid pyoxigraph ids
(``b10004``), stable for the same node across requests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import RemoteStoreError
from kg.results import INTEGER_TYPES, Term
from kg.vocab import OX

__all__ = ["canonical", "count_key", "term_from_json"]

_BLANK_ID = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")


def _canonical_decimal(text: str) -> str:
    value = Decimal(text.strip())
    if not value.is_finite():
        raise InvalidOperation(text)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _typed(value: str, datatype: str) -> Literal:
    """A typed literal as Oxigraph would store and return it."""
    try:
        if datatype == OX.XSD.boolean.value:
            if value.strip() in ("1", "true"):
                return Literal("true", datatype=NamedNode(datatype))
            if value.strip() in ("0", "false"):
                return Literal("false", datatype=NamedNode(datatype))
        elif datatype in INTEGER_TYPES:
            return Literal(str(int(value.strip())), datatype=OX.XSD.integer)
        elif datatype == OX.XSD.decimal.value:
            return Literal(_canonical_decimal(value), datatype=NamedNode(datatype))
    except (ValueError, InvalidOperation):
        pass  # not a valid lexical form: keep it as it came
    return Literal(value, datatype=NamedNode(datatype))


def canonical(term: Term) -> Term:
    """A term read from an endpoint in the form Oxigraph gives it (booleans, integers,
    decimals, lower-case language tags).

    >>> canonical(Literal("1.50", datatype=OX.XSD.decimal)).value
    '1.5'
    """
    if isinstance(term, Literal):
        if term.language:
            return Literal(term.value, language=term.language.lower())
        return _typed(term.value, term.datatype.value)
    return term


def _blank(label: str) -> BlankNode:
    """A valid pyoxigraph blank node for an endpoint's label (the same for the same label)."""
    label = label.removeprefix("_:").removeprefix("nodeID://")
    if not _BLANK_ID.fullmatch(label):
        label = "h" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32]
    return BlankNode(label)


def term_from_json(value: Mapping[str, Any]) -> Term:
    """A SPARQL JSON results term as the pyoxigraph term the embedded store would give.

    Raises
    ------
    RemoteStoreError
        The term has no value or is of a type SPARQL JSON results do not have.

    Examples
    --------
    >>> term_from_json({"type": "typed-literal", "value": "1",
    ...                 "datatype": "http://www.w3.org/2001/XMLSchema#boolean"})
    <Literal value=true datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#boolean>>
    >>> term_from_json({"type": "bnode", "value": "nodeID://b10004"})
    <BlankNode value=b10004>
    """
    kind, text = value.get("type"), value.get("value")
    if not isinstance(text, str):
        raise RemoteStoreError(f"a result term without a value: {value!r}")
    if kind == "uri":
        return NamedNode(text)
    if kind == "bnode":
        return _blank(text)
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        if language:
            return Literal(text, language=str(language).lower())
        datatype = value.get("datatype")
        return _typed(text, str(datatype)) if datatype else Literal(text)
    raise RemoteStoreError(f"unsupported term in the results: {value!r}")


def count_key(triple: Triple) -> tuple[str, str, str]:
    """How the endpoint tells triples apart: literals by their canonical form."""
    obj = canonical(triple.object) if isinstance(triple.object, Literal) else triple.object
    return (str(triple.subject), str(triple.predicate), str(obj))
