"""Every ontology term the code or the queries use is declared in ontology/kg.ttl."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib

from kg.vocab import DKG, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
DECLARED = {s for s in ONTOLOGY.subjects() if str(s).startswith(str(DKG))}

IN_PYTHON = re.compile(r"\bDKG(?:\.(\w+)|\[\"(\w+)\"\])")
IN_SPARQL = re.compile(r"\bdkg:(\w+)")


def used_terms() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for match in IN_PYTHON.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match[1] or match[2], set()).add(path.name)
    for path in sorted((ROOT / "kg" / "queries").glob("*.rq")):
        for match in IN_SPARQL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match[1], set()).add(path.name)
    return found


def test_the_code_and_queries_use_only_declared_terms() -> None:
    used = used_terms()
    assert len(used) > 30
    undeclared = {t: sorted(f) for t, f in used.items() if DKG[t] not in DECLARED}
    assert undeclared == {}


def test_every_reaction_type_has_its_shortcut_property_declared() -> None:
    from kg.model import ReactionType

    for kind in ReactionType:
        assert DKG[kind.value] in DECLARED, kind


def test_the_prefix_table_matches_the_ontology_namespace() -> None:
    assert PREFIXES["dkg"] == str(DKG)
    assert (rdflib.URIRef(str(DKG).rstrip("#")), rdflib.RDF.type, rdflib.OWL.Ontology) in ONTOLOGY
