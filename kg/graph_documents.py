"""Writing to a :class:`~kg.graph.KnowledgeGraph`: adding, comparing and removing the
readings of documents (curated annotations, extracted text), each in its own graph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Quad

from kg.actors import ActorRegistry
from kg.annotation import load_annotation
from kg.errors import ReadingConflictError
from kg.model import Document
from kg.rdf import document_quads
from kg.reading import (
    Reading,
    ReadingKind,
    now,
    provenance_quads,
    reading_graph,
    reading_record,
)
from kg.store import KGStore
from kg.vocab import OX

if TYPE_CHECKING:  # pragma: no cover
    from kg.results import Results

__all__ = ["AddResult", "DocumentsMixin"]

_AGENT = OX.DKG.agent
_LOCAL_ID = OX.DKG.localId


@dataclass(frozen=True)
class AddResult:
    """What adding a document did."""

    document: str
    quads: int
    replaced: bool
    unchanged: bool



class DocumentsMixin:
    """The writing half of :class:`~kg.graph.KnowledgeGraph` (its docstrings' examples use
    that class)."""

    store: KGStore
    registry: ActorRegistry

    if TYPE_CHECKING:  # pragma: no cover

        def run(self, name: str, **params: str) -> Results: ...

    def add_document(self, doc: Document, *, replace: bool = False) -> AddResult:
        """Add one reading of a document (its own graph), in a single transaction.

        Adding the same reading again changes nothing (its provenance stays that of the
        first time). A different reading of the same kind under the same id raises
        ``ReadingConflictError``, saying what it would replace, unless ``replace``. A
        curated and an extracted reading of one document live side by side.

        Raises
        ------
        ReadingConflictError
            The document already has a different reading of this kind, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES, load_annotation
        >>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg = KnowledgeGraph.memory()
        >>> kg.add_document(doc).unchanged, kg.add_document(doc).unchanged
        (False, True)
        """
        graph = reading_graph(doc.id, doc.reading.kind)
        quads = document_quads(doc, self.registry)
        existing = list(self.store.quads(graph))
        if existing:
            same = _reading_content(graph, existing) == _reading_content(graph, quads)
            if same and provenance_quads(graph, existing):
                return AddResult(doc.id, len(existing), replaced=False, unchanged=True)
            if not same and not replace:
                raise ReadingConflictError(self._conflict(doc.id, doc.reading.kind, existing))
            # (the same reading, written before readings had provenance, gains it here)
        self.store.replace_graph(graph, quads)
        return AddResult(doc.id, len(quads), replaced=bool(existing), unchanged=False)

    def conflict(self, doc: Document) -> str | None:
        """What adding ``doc`` without ``replace`` would refuse, or ``None``: lets a
        command check every document before it writes any.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES, load_annotation
        >>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg = KnowledgeGraph.memory()
        >>> _ = kg.add_document(doc)
        >>> kg.conflict(doc) is None
        True
        >>> print(kg.conflict(doc.model_copy(update={"title": "Another title"})).split(";")[0])
        belgorod-2023-12-30 already holds a curated reading (10 reactions, 3 events)
        """
        graph = reading_graph(doc.id, doc.reading.kind)
        existing = list(self.store.quads(graph))
        if not existing:
            return None
        quads = document_quads(doc, self.registry)
        if _reading_content(graph, existing) == _reading_content(graph, quads):
            return None
        return self._conflict(doc.id, doc.reading.kind, existing)

    @staticmethod
    def _conflict(doc_id: str, kind: ReadingKind, existing: list[Quad]) -> str:
        reactions = len({q.subject for q in existing if q.predicate == _AGENT})
        events = len({q.subject for q in existing if q.predicate == _LOCAL_ID})
        return (
            f"{doc_id} already holds {'a' if kind is ReadingKind.CURATED else 'an'} "
            f"{kind.value} reading ({reactions} reaction{'s' * (reactions != 1)}, "
            f"{events} event{'s' * (events != 1)}); pass --replace to replace it"
        )

    def add_annotation(self, path: str | Path, *, replace: bool = False) -> Document:
        """Read an annotation file and add its document as the curated reading; returns
        the document. See ``add_document`` for ``replace``.

        Raises
        ------
        AnnotationError
            The file cannot be read or is not a valid annotation (``FILE:LINE: message``).
        ReadingConflictError
            The document already has a different curated reading, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> doc.id, len(doc.events), len(doc.reactions)
        ('belgorod-2023-12-30', 3, 10)
        """
        doc = load_annotation(path, self.registry)
        self.add_document(doc, replace=replace)
        return doc

    def ingest_text(
        self,
        text: str,
        *,
        doc_id: str,
        date: dt.date | None = None,
        title: str | None = None,
        replace: bool = False,
    ) -> Document:
        """Extract events and reactions from a news text and add them as the document's
        extracted reading (beside a curated one, never over it). See ``add_document`` for
        ``replace``.

        Raises
        ------
        ExtractionError
            The text cannot be extracted (over the length limit, for instance);
            ``ModelError`` when the parser model is missing or not the expected one.
        ReadingConflictError
            The document already has a different extracted reading, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg import KnowledgeGraph

        Extraction loads the parser model (seconds), so the first example is not run:

        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.ingest_text("Poland condemned Russia.", doc_id="pl-1")  # doctest: +SKIP
        >>> kg.ingest_text("x" * 2_000_000, doc_id="too-long")
        Traceback (most recent call last):
        ...
        kg.errors.ExtractionError: text of 2,000,000 characters is over the limit of 1,000,000
        """
        from kg.extract import extract_document

        started = now()
        doc = extract_document(text, doc_id=doc_id, date=date, title=title, registry=self.registry)
        doc = doc.model_copy(update={"reading": Reading.extraction(started, now())})
        self.add_document(doc, replace=replace)
        return doc

    def remove_document(self, doc_id: str, reading: ReadingKind | None = None) -> None:
        """Remove a document's readings (only the one of kind ``reading`` if given).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg.remove_document("belgorod-2023-12-30")
        >>> kg.documents()
        []
        """
        for kind in [reading] if reading is not None else list(ReadingKind):
            self.store.drop_graph(reading_graph(doc_id, kind))

    def documents(self) -> list[str]:
        """The ids of the documents in the graph (once each, however many readings).

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg.documents()
        ['belgorod-2023-12-30']
        """
        return sorted({row["id"] for row in self.readings()})

    def readings(self) -> list[dict[str, Any]]:
        """Every reading of every document with its provenance (named query ``readings``):
        ``id``, ``reading`` (curated or extracted), ``graph``, ``annotator``, ``software``,
        ``version``, ``model``, ``started``, ``ended``.

        Examples
        --------
        >>> from kg import KnowledgeGraph
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> [(r["id"], r["reading"]) for r in kg.readings()]
        [('belgorod-2023-12-30', 'curated')]
        """
        return [reading_record(row) for row in self.run("readings").records()]


def _reading_content(graph: NamedNode, quads: list[Quad]) -> set[Quad]:
    """What a reading says, without how it was made: two readings with the same content
    are the same reading, whenever and by whichever version they were made."""
    return set(quads) - provenance_quads(graph, quads)
