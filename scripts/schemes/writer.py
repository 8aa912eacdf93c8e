"""Resources as deterministic Turtle, serialised by pyoxigraph.

A scheme file is a header comment, the prefixes, and sections of resources, each section
under a comment banner. pyoxigraph writes each resource (its triples grouped under one
subject, objects of a predicate with ``,``); this module only fixes their order, so that
the same input gives the same bytes: predicates in a reading order (type, notation, labels,
definitions, hierarchy, mappings, provenance), objects sorted, each once. Numbers are
written bare (Turtle's integer and decimal forms), as pyoxigraph does for canonical ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from kg.vocab import OX

Node = NamedNode | Literal


def en(text: str) -> Literal:
    """English text."""
    return Literal(text, language="en")


def decimal_lit(value: Decimal) -> Literal:
    """An ``xsd:decimal`` in the lexical form of :func:`format_decimal`."""
    return Literal(format_decimal(value), datatype=OX.XSD.decimal)


def integer_lit(value: int) -> Literal:
    return Literal(str(value), datatype=OX.XSD.integer)


def format_decimal(value: Decimal) -> str:
    """Canonical-ish xsd:decimal lexical form with at least one fractional digit.

    >>> [format_decimal(Decimal(v)) for v in ("-2", "-2.0", "3.40", "0", "-10")]
    ['-2.0', '-2.0', '3.4', '0.0', '-10.0']
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    if text == "-0.0":
        text = "0.0"
    return text


#: The order predicates are written in; any other comes after them, by IRI.
PREDICATE_ORDER: Final = (
    OX.RDF.type,
    OX.SKOS.notation,
    OX.SKOS.prefLabel,
    OX.RDFS.label,
    OX.DCTERMS.title,
    OX.SKOS.altLabel,
    OX.SKOS.hiddenLabel,
    OX.SKOS.definition,
    OX.DCTERMS.description,
    OX.SKOS.scopeNote,
    OX.SKOS.editorialNote,
    OX.SKOS.inScheme,
    OX.SKOS.topConceptOf,
    OX.SKOS.broader,
    OX.SKOS.narrower,
    OX.DKG.goldstein,
    OX.DKG.quadClass,
    OX.SKOS.closeMatch,
    OX.SKOS.broadMatch,
    OX.SKOS.narrowMatch,
    OX.SKOS.relatedMatch,
    OX.SKOS.hasTopConcept,
    OX.SKOS.member,
    OX.DCTERMS.source,
    OX.DCTERMS.license,
    OX.DCTERMS.rights,
    OX.RDFS.comment,
)
_RANK: Final = {p: i for i, p in enumerate(PREDICATE_ORDER)}


def _object_key(node: Node) -> tuple[int, str]:
    # IRIs before literals; codes in code order (IRIs sort as strings: 01 < 010 < 011 < 02)
    return (1, str(node)) if isinstance(node, Literal) else (0, node.value)


@dataclass
class Resource:
    """One subject and what the scheme says of it."""

    iri: NamedNode
    props: list[tuple[NamedNode, Node]] = field(default_factory=list)

    def add(self, pred: NamedNode, obj: Node) -> None:
        self.props.append((pred, obj))

    def values(self, pred: NamedNode) -> list[Node]:
        return [o for p, o in self.props if p == pred]

    def triples(self) -> list[Triple]:
        """The resource's triples in the order they are written, each once.

        >>> r = Resource(OX.CAMEO["01"])
        >>> r.add(OX.SKOS.prefLabel, en("b")); r.add(OX.RDF.type, OX.SKOS.Concept)
        >>> r.add(OX.SKOS.prefLabel, en("a")); r.add(OX.SKOS.prefLabel, en("a"))
        >>> [(t.predicate.value.split("#")[1], t.object.value.split("#")[-1]) for t in r.triples()]
        [('type', 'Concept'), ('prefLabel', 'a'), ('prefLabel', 'b')]
        """
        unique = dict.fromkeys(self.props)
        ordered = sorted(
            unique, key=lambda po: (_RANK.get(po[0], len(_RANK)), po[0].value, _object_key(po[1]))
        )
        return [Triple(self.iri, p, o) for p, o in ordered]


def concept_scheme(
    iri: NamedNode,
    label: str,
    description: str,
    sources: Iterable[str],
    rights: str,
    licence: NamedNode | None = None,
) -> Resource:
    """A ``skos:ConceptScheme`` with its label, description, sources (URLs), licence and
    rights: the head every scheme file describes itself with."""
    scheme = Resource(iri)
    scheme.add(OX.RDF.type, OX.SKOS.ConceptScheme)
    scheme.add(OX.SKOS.prefLabel, en(label))
    scheme.add(OX.RDFS.label, en(label))
    scheme.add(OX.DCTERMS.description, en(description))
    for url in sources:
        scheme.add(OX.DCTERMS.source, NamedNode(url))
    if licence is not None:
        scheme.add(OX.DCTERMS.license, licence)
    scheme.add(OX.DCTERMS.rights, en(rights))
    return scheme


def comment_block(lines: Iterable[str]) -> str:
    """Turtle comment lines.

    >>> print(comment_block(["one", "", "two"]), end="")
    # one
    #
    # two
    """
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _turtle(triples: list[Triple], prefixes: Mapping[str, str]) -> str:
    data = serialize(triples, format=RdfFormat.TURTLE, prefixes=dict(prefixes))
    assert data is not None  # no output given, so the bytes come back
    return data.decode("utf-8")


def render(
    header_comment: str,
    prefixes: Mapping[str, str],
    sections: Sequence[tuple[str, list[Resource]]],
) -> str:
    """A Turtle file: the header comment, the prefixes, then each section under its banner,
    a blank line before each resource."""
    # pyoxigraph writes every prefix before the first triple of each call: written once
    # here, and cut from each resource's text.
    probe = _turtle([Triple(OX.RDF.type, OX.RDF.type, OX.RDF.type)], prefixes)
    declarations = "".join(line + "\n" for line in probe.splitlines() if line.startswith("@"))
    out = [header_comment, "\n", declarations]
    for title, resources in sections:
        out.append(f"\n# {'-' * 94}\n# {title}\n# {'-' * 94}\n")
        for resource in resources:
            text = _turtle(resource.triples(), prefixes)
            if not text.startswith(declarations):
                raise AssertionError(f"unexpected serialisation of <{resource.iri.value}>")
            out.append("\n" + text.removeprefix(declarations))
    return "".join(out)
