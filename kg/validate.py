"""SHACL validation with pySHACL over ``ontology/shapes.ttl``.

The result keeps both faces of one pySHACL run, as pySHACL itself does: the report as
data (``violations``) and as readable text (``text()``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib
from pyoxigraph import NamedNode, Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from kg.results import Term

if TYPE_CHECKING:
    from kg.store import KGStore

__all__ = [
    "FocusNodes",
    "SparqlConstraint",
    "ValidationReport",
    "Violation",
    "all_focus_nodes",
    "shacl_violations",
    "sparql_violations",
    "split_sparql_constraints",
    "validate_quads",
]


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
    """Validate the union of ``quads`` (ontology included, for subclass reasoning) in one
    pySHACL run. ``kg.validation.validate_store`` cuts a store into pieces instead."""
    data = rdflib.Graph()
    data.parse(data=serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES), format="nt")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    violations = [v for _focus, v in shacl_violations(data, shapes_graph)]
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(not violations, violations, len(data))


def shacl_violations(data: rdflib.Graph, shapes: rdflib.Graph) -> list[tuple[str, Violation]]:
    """Run pySHACL on ``data``; every result with its focus node as an N-Triples term.

    ``data`` is validated in place (pySHACL's copy of it costs about as much as
    the validation of a small graph): the callers build it for this run alone.
    """
    data.bind("dkg", "https://w3id.org/diplomatic-kg/ontology#")
    data.bind("id", "https://w3id.org/diplomatic-kg/id/")
    _conforms, report, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    violations = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        violations.append(
            (
                focus.n3() if focus is not None else "?",
                Violation(
                    focus=_short(focus, data) or "?",
                    path=_short(report.value(result, SH.resultPath), data),
                    message=str(report.value(result, SH.resultMessage) or "constraint violated"),
                    severity=_short(report.value(result, SH.resultSeverity), data)
                    or "sh:Violation",
                    shape=_short(report.value(result, SH.sourceShape), data),
                    value=_short(report.value(result, SH.value), data),
                ),
            )
        )
    return violations


_TARGETS = {
    SH.targetClass: "SELECT DISTINCT ?this WHERE {{ ?this a/rdfs:subClassOf* <{}> }}",
    SH.targetSubjectsOf: "SELECT DISTINCT ?this WHERE {{ ?this <{}> ?object }}",
    SH.targetObjectsOf: "SELECT DISTINCT ?this WHERE {{ ?subject <{}> ?this }}",
}


@dataclass(frozen=True)
class SparqlConstraint:
    """A SPARQL constraint of a node shape, to run natively on the store rather than in
    pySHACL: rdflib's SPARQL engine spent half of a validation in these few queries, which
    Oxigraph answers in milliseconds. ``focus`` selects the shape's focus nodes as
    ``?this`` (``None`` for ``sh:targetNode`` shapes, whose focus is ``nodes``)."""

    shape: rdflib.URIRef
    query: str
    message: str
    focus: tuple[str, ...] = ()
    nodes: tuple[rdflib.URIRef, ...] = ()
    #: The shape's ``sh:targetClass`` values (its instances, and its subclasses' instances).
    classes: tuple[rdflib.URIRef, ...] = ()


def split_sparql_constraints(
    shapes: rdflib.Graph,
) -> tuple[rdflib.Graph, list[SparqlConstraint]]:
    """The shapes without their SPARQL constraints, and those constraints, their prefixes
    (``sh:prefixes``' ``sh:declare``) written out and their shape's targets as queries."""
    pieces = rdflib.Graph()
    for prefix, namespace in shapes.namespaces():
        pieces.bind(prefix, namespace)
    pieces += shapes
    constraints = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        if (shape, SH.path, None) in shapes:
            continue  # a property shape's SPARQL ($PATH): left to pySHACL
        declared = shapes.value(constraint, SH.prefixes)
        prefixes = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for d in shapes.objects(declared, SH.declare)
        )
        focus = tuple(
            prefixes + template.format(target)
            for predicate, template in _TARGETS.items()
            for target in shapes.objects(shape, predicate)
        )
        nodes = tuple(rdflib.URIRef(str(n)) for n in shapes.objects(shape, SH.targetNode))
        classes = tuple(rdflib.URIRef(str(c)) for c in shapes.objects(shape, SH.targetClass))
        constraints.append(
            SparqlConstraint(
                shape=rdflib.URIRef(str(shape)),
                query=prefixes + str(shapes.value(constraint, SH.select)),
                message=str(shapes.value(constraint, SH.message) or "constraint violated"),
                focus=focus,
                nodes=nodes,
                classes=classes,
            )
        )
        pieces.remove((shape, SH.sparql, constraint))
    return pieces, constraints


def _fill(message: str, terms: dict[str, Term | None]) -> str:
    """A SHACL message with its ``{?var}`` placeholders replaced by the row's values."""

    def value(match: re.Match[str]) -> str:
        term = terms.get(match.group(1))
        return term.value if term is not None else match.group(0)

    return re.sub(r"\{[?$](\w+)\}", value, message)


def _named(term: Term | None, names: rdflib.Graph) -> str | None:
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return _short(rdflib.URIRef(term.value), names)
    return term.value


#: Which focus nodes to ask a constraint about; by default, all of the store's.
FocusNodes = Callable[[SparqlConstraint], Iterable[NamedNode]]


def all_focus_nodes(store: KGStore) -> FocusNodes:
    """Every focus node of a constraint in ``store``: its ``sh:targetNode`` values and
    what its target queries select."""

    def focus_nodes(constraint: SparqlConstraint) -> Iterator[NamedNode]:
        yield from (NamedNode(str(n)) for n in constraint.nodes)
        for query in constraint.focus:
            for (node,) in store.select(query).rows:
                if isinstance(node, NamedNode):
                    yield node

    return focus_nodes


def sparql_violations(
    store: KGStore,
    constraints: Iterable[SparqlConstraint],
    names: rdflib.Graph,
    focus_nodes: FocusNodes | None = None,
) -> list[tuple[str, Violation]]:
    """Run ``constraints`` on ``store`` (the union of its graphs) for each focus node,
    ``$this`` pre-bound as SHACL-SPARQL says, and report as pySHACL would: the focus
    node, the message's ``{?var}`` filled in, ``?value`` and ``?path``; ``names``
    shortens IRIs. ``focus_nodes`` chooses the focus nodes (default
    :func:`all_focus_nodes`): ``kg validate`` asks only about what changed."""
    violations = []
    choose = focus_nodes or all_focus_nodes(store)
    for constraint in constraints:
        focus = {node.value: node for node in choose(constraint)}
        for node in focus.values():
            rows = store.select(constraint.query, {"this": node})
            for row in rows.rows:
                terms = dict(zip(rows.columns, row, strict=True))
                violations.append(
                    (
                        f"<{node.value}>",
                        Violation(
                            focus=_named(node, names) or "?",
                            path=_named(terms.get("path"), names),
                            message=_fill(constraint.message, terms),
                            severity=_short(SH.Violation, names) or "sh:Violation",
                            shape=_short(constraint.shape, names),
                            value=_named(terms.get("value"), names),
                        ),
                    )
                )
    return violations
