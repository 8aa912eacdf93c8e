"""Small things the data gets right: tagged labels, a language and a URL as IRIs, and an
annotator's note kept as an editorial note rather than a description of the reaction."""

from __future__ import annotations

from functools import cache

import rdflib
from pyoxigraph import NamedNode
from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import KnowledgeGraph
from kg.annotation import EXAMPLES, load_annotation
from kg.rdf import document_quads

SEED = EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml"
SCHEMA_URL = "https://schema.org/url"


@cache
def demo_export() -> rdflib.Graph:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(SEED)
    return rdflib.Graph().parse(data=graph.export("ttl").decode("utf-8"), format="turtle")


def test_every_label_in_the_demo_export_is_tagged_english() -> None:
    """Before: the three event labels and the three place labels had no language tag."""
    labels = [
        o
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
        for o in demo_export().objects(None, p)
    ]
    assert (len(labels), sum(1 for o in labels if o.language == "en")) == (70, 70)


def test_document_language_is_the_iso639_1_iri_dcat_advises() -> None:
    languages = set(demo_export().objects(None, DCTERMS.language))
    assert languages == {URIRef("http://id.loc.gov/vocabulary/iso639-1/en")}


def test_document_url_is_an_iri_and_an_unsafe_url_is_percent_encoded() -> None:
    doc = load_annotation(SEED).model_copy(update={"url": "https://example.org/a b?q=1"})
    urls = [q.object for q in document_quads(doc) if q.predicate.value == SCHEMA_URL]
    assert urls == [NamedNode("https://example.org/a%20b?q=1")]


def test_annotator_notes_are_editorial_notes_and_never_comments() -> None:
    """Before: the note "As above." became the reaction's rdfs:comment."""
    graph = demo_export()
    assert list(graph.objects(None, RDFS.comment)) == []
    notes = set(graph.objects(None, SKOS.editorialNote))
    assert len(notes) == 3
    assert Literal("As above.") not in notes
