"""SPARQL SELECT results as a small table: columns, rows of RDF terms, and conversions.

>>> from pyoxigraph import Literal, NamedNode
>>> from kg.vocab import OX
>>> table = Results(["actor", "n"], [(NamedNode("https://example.org/RUS"),
...     Literal("3", datatype=OX.XSD.integer))])
>>> table.records()
[{'actor': 'https://example.org/RUS', 'n': 3}]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.vocab import XSD

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["INTEGER_TYPES", "Results", "Term", "to_python"]

Term = NamedNode | BlankNode | Literal

#: Every XSD integer type (Oxigraph stores them all as xsd:integer).
INTEGER_TYPES = frozenset(
    {
        str(XSD[name])
        for name in (
            "integer",
            "nonNegativeInteger",
            "positiveInteger",
            "negativeInteger",
            "nonPositiveInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
        )
    }
)
_FLOATS = {str(XSD.double), str(XSD.float)}


def to_python(term: Term | None) -> Any:
    """An RDF term as a plain Python value: IRIs as ``str``, typed literals as numbers,
    booleans and dates, anything else as its lexical form.

    >>> from kg.vocab import OX
    >>> to_python(Literal("true", datatype=OX.XSD.boolean))
    True
    >>> to_python(None) is None
    True
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    value = term.value
    try:
        if datatype in INTEGER_TYPES:
            return int(value)
        if datatype == str(XSD.boolean):
            return value in ("true", "1")
        if datatype == str(XSD.decimal):
            return Decimal(value)
        if datatype in _FLOATS:
            return float(value)
        if datatype == str(XSD.date):
            return dt.date.fromisoformat(value)
    except ValueError:
        return value
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


@dataclass(frozen=True)
class Results:
    """The answer to a SELECT query: ``columns`` and ``rows`` of terms (``None`` = unbound)."""

    columns: list[str]
    rows: list[tuple[Term | None, ...]]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records())

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values."""
        return [
            {c: to_python(t) for c, t in zip(self.columns, row, strict=True)} for row in self.rows
        ]

    def column(self, name: str) -> list[Any]:
        """One column as Python values."""
        i = self.columns.index(name)
        return [to_python(row[i]) for row in self.rows]

    def to_df(self) -> pd.DataFrame:
        """A pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self.columns)

    def to_csv(self) -> str:
        """CSV text with a header row (values as their lexical forms)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for record in self.records():
            writer.writerow(["" if v is None else _jsonable(v) for v in record.values()])
        return out.getvalue()

    def to_json(self) -> str:
        """A JSON array of objects."""
        rows = [{k: _jsonable(v) for k, v in r.items()} for r in self.records()]
        return json.dumps(rows, indent=2, ensure_ascii=False)

    def short(self, prefixes: Sequence[tuple[str, str]] = ()) -> list[list[str]]:
        """Rows as strings for a table, IRIs shortened with ``prefixes`` (prefix, namespace)."""
        table = []
        for record in self.records():
            cells = []
            for value in record.values():
                text = "" if value is None else str(_jsonable(value))
                for prefix, namespace in prefixes:
                    if text.startswith(namespace):
                        text = prefix + ":" + text[len(namespace) :]
                        break
                cells.append(text)
            table.append(cells)
        return table
