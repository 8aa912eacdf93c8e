"""The types an instance carries: its class and every superclass ``ontology/kg.ttl`` names.

The store does no inference (Oxigraph evaluates SPARQL over the triples it holds), so
``?r a dkg:Reaction`` finds a blame only if the blame says it is a reaction. The writers
(``kg.rdf`` for documents, ``kg.importers.nquads`` for dataset records) therefore write,
for each instance, its most specific class and the transitive closure of that class's
``rdfs:subClassOf`` axioms in ``kg.ttl``: a ``dkg:Blame`` is also a ``dkg:Reaction`` and a
``prov:Entity``. The closure is read from the ontology file, not kept as a hand list, so a
new axiom there reaches the data on the next write.

Only named superclasses enter (restrictions are blank nodes and are skipped), and
``owl:Thing`` and ``rdfs:Resource`` are left out: they say nothing a query could use.

>>> from kg.vocab import DKG
>>> [c.rsplit("/", 1)[-1] for c in superclasses(str(DKG.Blame))]
['ontology#Reaction', 'prov#Entity']
>>> str(DKG.Blame) in types_of(str(DKG.Blame))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.vocab import OX

__all__ = ["superclasses", "type_nodes", "types_of"]

_SUBCLASS = OX.RDFS.subClassOf
_IGNORED = frozenset({OX.OWL.Thing.value, OX.RDFS.Resource.value})


@cache
def _direct() -> dict[str, tuple[str, ...]]:
    """Each class of ``kg.ttl`` with its direct named superclasses."""
    path = resources.files("kg") / "ontology" / "kg.ttl"
    parents: dict[str, list[str]] = {}
    for triple in parse(path.read_bytes(), format=RdfFormat.TURTLE):
        subject, parent = triple.subject, triple.object
        if (
            triple.predicate == _SUBCLASS
            and isinstance(subject, NamedNode)
            and isinstance(parent, NamedNode)
            and parent.value not in _IGNORED
        ):
            parents.setdefault(subject.value, []).append(parent.value)
    return {cls: tuple(sorted(set(found))) for cls, found in parents.items()}


@cache
def superclasses(cls: str) -> tuple[str, ...]:
    """Every named superclass of ``cls`` by ``rdfs:subClassOf`` in ``kg.ttl``, nearest
    first (breadth first), each once, ``cls`` itself excluded (even through a cycle)."""
    direct = _direct()
    seen: dict[str, None] = {}
    frontier = list(direct.get(cls, ()))
    while frontier:
        following: list[str] = []
        for parent in frontier:
            if parent != cls and parent not in seen:
                seen[parent] = None
                following.extend(direct.get(parent, ()))
        frontier = following
    return tuple(seen)


def types_of(*classes: str) -> tuple[str, ...]:
    """The classes given and all their superclasses, each once, the given ones first."""
    found: dict[str, None] = dict.fromkeys(classes)
    for cls in classes:
        found.update(dict.fromkeys(superclasses(cls)))
    return tuple(found)


@cache
def type_nodes(cls: NamedNode) -> tuple[NamedNode, ...]:
    """``types_of`` a class, as the nodes a writer of quads types an instance with.

    >>> from kg.vocab import OX
    >>> [n.value.rsplit("/", 1)[-1] for n in type_nodes(OX.DKG.Blame)]
    ['ontology#Blame', 'ontology#Reaction', 'prov#Entity']
    """
    return tuple(NamedNode(name) for name in types_of(cls.value))


def closure_table(classes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``types_of`` for each class, as a table (for writers that look it up per record)."""
    return {cls: types_of(cls) for cls in classes}
