"""Views of a :class:`~kg.graph.KnowledgeGraph`: RDF and json exports, SHACL
validation, networkx graphs and the offline HTML page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from kg.errors import ParamError
from kg.export import compact_jsonld, description_closure
from kg.files import write_atomically
from kg.store import KGStore
from kg.vocab import OX, PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from kg.results import Results
    from kg.validate import ValidationReport

__all__ = ["EXPORT_FORMATS", "ExportFormat", "ViewsMixin"]

ExportFormat = Literal["ttl", "nt", "jsonld", "trig", "nq", "json", "graphml"]
EXPORT_FORMATS: tuple[str, ...] = ("ttl", "nt", "jsonld", "trig", "nq", "json", "graphml")

_RDF_FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
}


class ViewsMixin:
    """The exporting and viewing half of :class:`~kg.graph.KnowledgeGraph` (its
    docstrings' examples use that class)."""

    store: KGStore

    if TYPE_CHECKING:  # pragma: no cover

        def run(self, name: str, **params: str) -> Results: ...

        def readings(self) -> list[dict[str, Any]]: ...

        def to_json(
            self, *, since: dt.date | None = None, until: dt.date | None = None
        ) -> dict[str, Any]: ...

    def data_quads(self, *, include_reference: bool = False) -> list[Quad]:
        """The documents' quads plus the descriptions the shapes need to check them on
        their own: the reference actors they use and, transitively, the organisations
        those are members or units of, and the code-scheme concepts they use (all
        reference actors with ``include_reference``); never the ontology's terms.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> quads = kg.data_quads()
        >>> len({q.graph_name.value for q in quads})
        2
        """
        documents = {NamedNode(row["graph"]) for row in self.readings()}
        quads = [q for g in sorted(documents, key=lambda n: n.value) for q in self.store.quads(g)]
        reference = list(self.store.quads(OX.REFERENCE_GRAPH))
        if include_reference:
            quads.extend(reference)
        pool = reference + _concept_quads(self.store)
        quads.extend(description_closure(quads, pool))
        return list(dict.fromkeys(quads))

    def export(
        self,
        fmt: ExportFormat | str,
        destination: str | Path | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        with_reference: bool = False,
    ) -> bytes:
        """Serialise the graph: ``ttl``, ``nt``, ``jsonld`` (triples, graphs merged: the
        document graphs and the reference descriptions of the actors they use; with
        ``with_reference`` also the whole ontology and actors graphs), ``trig``, ``nq``
        (the whole dataset with its named graphs: ontology, actors and imported datasets
        included), ``json`` (the interchange view) or ``graphml`` (the actor network).

        ``since``/``until`` (inclusive) apply to the views built from dated reactions and
        events, ``json`` and ``graphml``; the RDF formats refuse them, as they export graphs
        whole. Writes to ``destination`` when given; always returns the bytes.

        Raises
        ------
        ParamError
            An unknown format, or a date span with an RDF format (a ``ValueError`` too).

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> len(kg.export("nt").splitlines()) == len({q.triple for q in kg.data_quads()})
        True
        >>> import datetime as dt
        >>> kg.export("ttl", since=dt.date(2023, 12, 30))
        Traceback (most recent call last):
        ...
        kg.errors.ParamError: a date span applies to the json and graphml exports, not to ttl
        """
        dated = since is not None or until is not None
        if dated and fmt not in ("json", "graphml"):
            raise ParamError(f"a date span applies to the json and graphml exports, not to {fmt}")
        if fmt == "json":
            view = self.to_json(since=since, until=until)
            data = json.dumps(view, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        elif fmt == "graphml":
            from kg.analysis import write_graphml

            data = write_graphml(self.to_networkx(since=since, until=until))
        elif fmt in ("trig", "nq"):
            data = _serialize(list(self.store.quads()), _RDF_FORMATS[fmt])
        elif fmt == "jsonld" or fmt in _RDF_FORMATS:
            quads = self.data_quads(include_reference=with_reference)
            if with_reference:
                quads.extend(self.store.quads(OX.ONTOLOGY_GRAPH))
            triples = sorted({q.triple for q in quads}, key=str)
            if fmt == "jsonld":  # compacted with the shipped context (kg.export)
                ntriples = _serialize(triples, RdfFormat.N_TRIPLES).decode("utf-8")
                document = compact_jsonld(ntriples)
                data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
            else:
                data = _serialize(triples, _RDF_FORMATS[fmt])
        else:
            raise ParamError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
        if destination is not None:
            write_atomically(destination, data)
        return data

    def validate(self) -> ValidationReport:
        """Check the whole graph against ``ontology/shapes.ttl`` with pySHACL, piece by
        piece (``kg.validation``: each document, datasets in chunks of records).

        Examples
        --------
        >>> from kg import KnowledgeGraph

        pySHACL takes seconds even on an empty graph, so the example is not run:

        >>> KnowledgeGraph.memory().validate().conforms  # doctest: +SKIP
        True
        """
        from kg.graph import ontology_dir
        from kg.validation import validate_store

        return validate_store(self.store, ontology_dir() / "shapes.ttl").report

    def to_networkx(
        self, *, since: dt.date | None = None, until: dt.date | None = None, **options: Any
    ) -> nx.MultiDiGraph:
        """The actor network (see ``kg.analysis.to_networkx``) of the reactions dated from
        ``since`` to ``until`` (inclusive; all reactions without them).

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> G = kg.to_networkx()
        >>> sorted(G.successors("RUS"))
        ['GBR', 'UKR', 'USA']
        """
        from kg.analysis import to_networkx

        return to_networkx(self.to_json(since=since, until=until), **options)

    def actor_network(self, year: int, **options: Any) -> nx.MultiDiGraph:
        """The actor network of one year from the imported datasets' daily aggregates
        (fast at millions of events; see ``kg.importers.aggregates.network_of_year``).

        Examples
        --------
        >>> from kg import KnowledgeGraph

        No dataset is imported here, so the network of 2019 is empty:

        >>> KnowledgeGraph.memory().actor_network(2019).number_of_edges()
        0
        """
        from kg.importers.aggregates import network_of_year

        # The query sums the year's days only: the other years are never grouped.
        results = self.run("actor-network", since=f"{year:04d}-01-01", until=f"{year:04d}-12-31")
        rows = (dict(zip(results.columns, row, strict=True)) for row in results.rows)
        return network_of_year(rows, year, **options)

    def render(
        self,
        destination: str | Path,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        **options: Any,
    ) -> Path:
        """Write the interactive, offline pyvis page (see ``kg.render``) of the reactions
        and events dated from ``since`` to ``until`` (inclusive; all without them).

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> import tempfile
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> page = kg.render(tempfile.mkdtemp() + "/graph.html")
        >>> page.name, "RUS" in page.read_text(encoding="utf-8")
        ('graph.html', True)
        """
        from kg.render import render_html

        if (since is not None or until is not None) and "title" not in options:
            # The page says which days it shows ("…" for an open end).
            span = f"{since or '…'} to {until or '…'}"
            options["title"] = f"diplomatic-kg, reactions of {span}"
        return render_html(self.to_json(since=since, until=until), Path(destination), **options)


def _concept_quads(store: KGStore) -> list[Quad]:
    """The quads describing the code schemes' concepts (not the ontology's classes)."""
    quads = list(store.quads(OX.ONTOLOGY_GRAPH))
    concept, rdf_type = OX.SKOS.Concept, OX.RDF.type
    concepts = {q.subject for q in quads if q.predicate == rdf_type and q.object == concept}
    return [q for q in quads if q.subject in concepts]


def _serialize(items: list[Quad] | list[Triple], fmt: RdfFormat) -> bytes:
    data = serialize(items, format=fmt, prefixes=dict(PREFIXES))
    assert data is not None  # no output stream given, so bytes come back
    return data
