"""SHACL validation with pySHACL over ``ontology/shapes.ttl``.

The result keeps both faces of one pySHACL run, as pySHACL itself does: the report as
data (``violations``) and as readable text (``text()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

__all__ = ["ValidationReport", "Violation", "validate_quads"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: where (focus node, path), what (message), how bad (severity)."""

    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None
    value: str | None

    def line(self) -> str:
        """One readable line."""
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def text(self) -> str:
        """A readable report: a verdict line, then one line per violation."""
        if self.conforms:
            return f"conforms: {self.triples} triples checked against the SHACL shapes"
        lines = [f"does not conform: {len(self.violations)} violation(s) in {self.triples} triples"]
        lines.extend(v.line() for v in self.violations)
        return "\n".join(lines)


def _short(term: rdflib.term.Node | None, graph: rdflib.Graph) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        try:
            short = graph.namespace_manager.normalizeUri(term)
        except Exception:  # pragma: no cover - rdflib refuses some IRIs as QNames
            return str(term)
        return str(term) if short.startswith("<") else short
    return str(term)


def validate_quads(quads: Iterable[Quad], shapes: Path) -> ValidationReport:
    """Validate the union of ``quads`` (ontology included, for subclass reasoning)."""
    data = rdflib.Graph()
    data.parse(data=serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES), format="nt")
    data.bind("dkg", "https://w3id.org/diplomatic-kg/ontology#")
    data.bind("id", "https://w3id.org/diplomatic-kg/id/")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=_short(report.value(result, SH.focusNode), data) or "?",
                path=_short(report.value(result, SH.resultPath), data),
                message=str(report.value(result, SH.resultMessage) or "constraint violated"),
                severity=_short(report.value(result, SH.resultSeverity), data) or "sh:Violation",
                shape=_short(report.value(result, SH.sourceShape), data),
                value=_short(report.value(result, SH.value), data),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), violations, len(data))
