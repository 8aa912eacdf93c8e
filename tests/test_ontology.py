"""The OWL ontology ``ontology/kg.ttl``: it parses, every term is documented, the terms the
layout and the queries use are declared, and the design decisions stay as made."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import owlrl
import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[1]
KG_TTL = ROOT / "ontology" / "kg.ttl"
README = ROOT / "ontology" / "README.md"
QUERIES = ROOT / "kg" / "queries"
VALID = ROOT / "tests" / "data" / "shapes" / "valid.ttl"
CAMEO_CSV = ROOT / "data" / "third_party" / "cameo_lookups" / "cameo-codes_icews-pkg.csv"
CAMEO_TXT = ROOT / "data" / "third_party" / "cameo_lookups" / "CAMEO.eventcodes.txt"
PLOVER_CSV = ROOT / "data" / "third_party" / "plover" / "PLOVER_structured_codebook_NGEC.csv"

DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")
CAMEO = Namespace("https://w3id.org/diplomatic-kg/scheme/cameo/")
PLOVER = Namespace("https://w3id.org/diplomatic-kg/scheme/plover/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
ONTOLOGY = URIRef("https://w3id.org/diplomatic-kg/ontology")
VERSION_IRI = URIRef("https://w3id.org/diplomatic-kg/ontology/2026-11-27")

TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)

REACTIONS = {  # class -> (jsonName, shortcut)
    DKG.Condemnation: ("condemns", DKG.condemns),
    DKG.Blame: ("blames", DKG.blames),
    DKG.Support: ("supports", DKG.supports),
    DKG.Solidarity: ("expressesSolidarityWith", DKG.expressesSolidarityWith),
    DKG.Threat: ("threatens", DKG.threatens),
    DKG.CeasefireCall: ("callsForCeasefire", DKG.callsForCeasefire),
}
EVENT_KINDS = {
    DKG.Strike: "strike",
    DKG.AirspaceViolation: "airspace_violation",
    DKG.Explosion: "explosion",
    DKG.Sabotage: "sabotage",
    DKG.Vote: "vote",
}
STRIKES = (DKG.MissileStrike, DKG.DroneStrike, DKG.ArtilleryStrike, DKG.AirStrike)
TOP_CLASSES = (
    DKG.Actor,
    DKG.Event,
    DKG.Reaction,
    DKG.Document,
    DKG.Evidence,
    DKG.CasualtyFigure,
    DKG.Attribution,
)

EXPECTED_CLASSES = {
    *TOP_CLASSES,
    *REACTIONS,
    *EVENT_KINDS,
    *STRIKES,
    DKG.State,
    DKG.InternationalOrganization,
    DKG.GovernmentBody,
    DKG.Person,
    DKG.NonStateArmedGroup,
    DKG.CodedEvent,  # kg/importers: a record of an event dataset
    DKG.Curation,  # kg/reading: the activities that make a document's reading
    DKG.Extraction,
    DKG.CanonicalEvent,  # kg/fusion: the happening several accounts tell
}
EXPECTED_OBJECT_PROPERTIES = {
    DKG.speaksFor,
    DKG.country,
    DKG.hasAttribution,
    DKG.killed,
    DKG.injured,
    DKG.childrenKilled,
    DKG.accordingTo,
    DKG.perpetrator,
    DKG.agent,
    DKG.speaker,
    DKG.target,
    DKG.about,
    DKG.hasEvidence,
    DKG.condemns,
    DKG.blames,
    DKG.supports,
    DKG.expressesSolidarityWith,
    DKG.threatens,
    DKG.sourceActor,  # kg/importers: coded events and aggregate observations
    DKG.targetActor,
    DKG.speakerType,
    DKG.edgeClass,
    DKG.hasAccount,  # kg/fusion: canonical event -> document event
    DKG.hasRecord,  # kg/fusion: canonical event -> record of an event dataset
}
# property -> range; None where the values' datatype is not in the OWL 2 datatype map
# (rdf:langString, xsd:date): SHACL checks those, and an rdfs:range would break OWL 2 DL.
EXPECTED_DATATYPE_PROPERTIES: dict[URIRef, URIRef | None] = {
    DKG.code: XSD.string,
    DKG.iso3166Alpha2: XSD.string,
    DKG.iso3166Alpha3: XSD.string,
    DKG.cameoCode: XSD.string,
    DKG.demonym: None,
    DKG.metonym: None,
    DKG.role: None,
    DKG.localId: XSD.string,
    DKG.occurredOn: None,
    DKG.dateSource: XSD.string,  # how a reaction's or an event's date is known
    DKG.quotedAs: XSD.string,
    DKG.hedged: XSD.boolean,
    DKG.callsForCeasefire: XSD.boolean,
    DKG.text: XSD.string,
    DKG.sha256: XSD.string,
    DKG.sourceDigest: XSD.string,  # kg/graph.py: digest of the files behind a loaded graph
    DKG.mentions: XSD.integer,  # kg/importers: provenance of coded events
    DKG.sources: XSD.integer,
    DKG.confidence: XSD.decimal,
    DKG["count"]: XSD.integer,  # DKG.count would be str.count
    DKG.pendingAggregation: None,
    DKG.goldstein: XSD.decimal,  # on the concepts of the generated CAMEO scheme
    DKG.quadClass: XSD.integer,
    DKG.extractionModel: XSD.string,  # kg/reading: the trained model an extraction used
}
EXPECTED_ANNOTATION_PROPERTIES = {DKG.jsonName, DKG.shortcut}


@cache
def kg() -> Graph:
    return Graph().parse(KG_TTL)


def declared_terms() -> set[URIRef]:
    g = kg()
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s in DKG}


def dkg_terms_in(text: str) -> set[URIRef]:
    return {DKG[name] for name in re.findall(r"\bdkg:([A-Za-z][A-Za-z0-9]*)", text)}


def superclasses(cls: Node) -> set[Node]:
    return {c for c in kg().transitive_objects(cls, RDFS.subClassOf) if c is not None}


def disjoint_sets() -> list[set[Node]]:
    g = kg()
    return [
        set(Collection(g, members))
        for axiom in g.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in g.objects(axiom, OWL.members)
    ]


def alignments() -> list[tuple[URIRef, URIRef, URIRef]]:
    g = kg()
    return [(s, p, o) for p in MAPPINGS for s, o in g.subject_objects(p)]  # type: ignore[misc]


# --------------------------------------------------------------------------- parsing


def test_kg_ttl_parses_with_rdflib() -> None:
    assert len(kg()) > 300


def test_kg_ttl_parses_with_pyoxigraph_to_the_same_number_of_triples() -> None:
    triples = list(pyoxigraph.parse(path=str(KG_TTL), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(kg())


# --------------------------------------------------------------------------- the ontology header


def test_ontology_has_a_dated_version_iri() -> None:
    g = kg()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY, OWL.versionIRI) == VERSION_IRI
    assert g.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")


def test_ontology_has_title_description_license_and_creation_date() -> None:
    g = kg()
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert g.value(ONTOLOGY, prop) is not None, prop
    # xsd:dateTime, not xsd:date: only the OWL 2 datatype map's types appear in kg.ttl.
    assert g.value(ONTOLOGY, DCTERMS.created) == Literal(
        "2026-11-27T00:00:00Z", datatype=XSD.dateTime
    )


def test_ontology_states_its_preferred_prefix_and_namespace() -> None:
    g = kg()
    assert g.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("dkg")
    assert str(g.value(ONTOLOGY, VANN.preferredNamespaceUri)) == str(DKG)


# --------------------------------------------------------------------------- documentation of terms


@pytest.mark.parametrize("term", sorted(declared_terms()), ids=lambda t: t.fragment)
def test_every_term_has_english_label_definition_and_is_defined_by(term: URIRef) -> None:
    g = kg()
    labels = [
        o for o in g.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"
    ]
    definitions = [
        o for o in g.objects(term, SKOS.definition) if isinstance(o, Literal) and o.language == "en"
    ]
    assert len(labels) == 1, f"{term}: one rdfs:label@en"
    assert len(definitions) == 1, f"{term}: one skos:definition@en"
    assert g.value(term, RDFS.isDefinedBy) == ONTOLOGY


def test_every_term_is_exactly_one_kind_of_owl_entity() -> None:
    g = kg()
    for term in declared_terms():
        kinds = [k for k in TERM_KINDS if (term, RDF.type, k) in g]
        assert len(kinds) == 1, f"{term} is {kinds}"


def test_every_dkg_iri_used_in_kg_ttl_is_declared() -> None:
    g = kg()
    used = {n for triple in g for n in triple if isinstance(n, URIRef) and n in DKG}
    assert used - declared_terms() == set()


# --------------------------------------------------------------------------- declared terms


def test_expected_classes_are_declared() -> None:
    g = kg()
    assert {c for c in EXPECTED_CLASSES if (c, RDF.type, OWL.Class) not in g} == set()


def test_expected_object_properties_are_declared() -> None:
    g = kg()
    missing = {p for p in EXPECTED_OBJECT_PROPERTIES if (p, RDF.type, OWL.ObjectProperty) not in g}
    assert missing == set()


def test_expected_datatype_properties_are_declared_with_their_range() -> None:
    g = kg()
    for prop, datatype in EXPECTED_DATATYPE_PROPERTIES.items():
        assert (prop, RDF.type, OWL.DatatypeProperty) in g, prop
        assert g.value(prop, RDFS.range) == datatype, prop


def test_expected_annotation_properties_are_declared() -> None:
    g = kg()
    for prop in EXPECTED_ANNOTATION_PROPERTIES:
        assert (prop, RDF.type, OWL.AnnotationProperty) in g, prop


def test_the_expected_terms_are_all_the_terms() -> None:
    expected = (
        EXPECTED_CLASSES
        | EXPECTED_OBJECT_PROPERTIES
        | set(EXPECTED_DATATYPE_PROPERTIES)
        | EXPECTED_ANNOTATION_PROPERTIES
    )
    assert declared_terms() == expected


def test_every_dkg_term_in_the_readme_layout_is_declared() -> None:
    used = dkg_terms_in(README.read_text(encoding="utf-8"))
    assert len(used) > 40
    assert used - declared_terms() == set()


def test_every_dkg_term_in_the_packaged_queries_is_declared() -> None:
    used: set[URIRef] = set()
    for query in QUERIES.glob("*.rq"):
        used |= dkg_terms_in(query.read_text(encoding="utf-8"))
    assert used - declared_terms() == set()


def test_reused_vocabularies_are_declared_but_never_redefined() -> None:
    """OWL 2 DL needs a declaration of every reused term; anything more (a label, a domain, a
    second type) would be this ontology redefining someone else's term."""
    g = kg()
    foreign = {
        s
        for s in g.subjects(RDF.type, None)
        if isinstance(s, URIRef) and s not in DKG and s != ONTOLOGY
    }
    assert {s: len(list(g.predicate_objects(s))) for s in foreign} == dict.fromkeys(foreign, 1)


# ---------------------------------------------------------------------- hierarchy and decisions

SUBCLASS_AXIOMS = [
    (DKG.Actor, PROV.Agent),
    (DKG.State, DKG.Actor),
    (DKG.State, ORG.FormalOrganization),
    (DKG.InternationalOrganization, DKG.Actor),
    (DKG.InternationalOrganization, ORG.FormalOrganization),
    (DKG.GovernmentBody, DKG.Actor),
    (DKG.GovernmentBody, ORG.OrganizationalUnit),
    (DKG.Person, DKG.Actor),
    (DKG.Person, PROV.Person),
    (DKG.NonStateArmedGroup, DKG.Actor),
    (DKG.NonStateArmedGroup, ORG.Organization),
    (DKG.Event, SEM.Event),
    (DKG.Event, PROV.Entity),
    *[(cls, DKG.Event) for cls in EVENT_KINDS],
    (DKG.CodedEvent, DKG.Event),
    *[(cls, DKG.Strike) for cls in STRIKES],
    (DKG.CasualtyFigure, SCHEMA.QuantitativeValue),
    (DKG.CasualtyFigure, PROV.Entity),
    (DKG.Attribution, PROV.Entity),
    (DKG.Reaction, PROV.Entity),
    *[(cls, DKG.Reaction) for cls in REACTIONS],
    (DKG.Evidence, OA.Annotation),
    (DKG.Evidence, PROV.Entity),
    (DKG.Document, PROV.Entity),
    (DKG.Document, SCHEMA.CreativeWork),
]


@pytest.mark.parametrize(
    ("sub", "sup"),
    SUBCLASS_AXIOMS,
    ids=[f"{a.fragment}-{b.split('/')[-1]}" for a, b in SUBCLASS_AXIOMS],
)
def test_class_is_declared_a_subclass_of(sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in kg()


def test_top_level_classes_are_pairwise_disjoint() -> None:
    assert set(TOP_CLASSES) in disjoint_sets()


def test_reaction_classes_are_pairwise_disjoint() -> None:
    assert set(REACTIONS) in disjoint_sets()


def test_actor_kinds_are_pairwise_disjoint() -> None:
    kinds = {
        DKG.State,
        DKG.InternationalOrganization,
        DKG.GovernmentBody,
        DKG.Person,
        DKG.NonStateArmedGroup,
    }
    assert kinds in disjoint_sets()


def test_agent_is_functional_and_a_kind_of_prov_attribution() -> None:
    g = kg()
    assert (DKG.agent, RDF.type, OWL.FunctionalProperty) in g
    assert (DKG.agent, RDFS.subPropertyOf, PROV.wasAttributedTo) in g


def test_occurred_on_is_a_sem_timestamp_with_no_owl_range() -> None:
    """Its values are xsd:date (shapes.ttl checks that); xsd:date is not in the OWL 2
    datatype map, so as an rdfs:range it would take the ontology out of OWL 2 DL."""
    g = kg()
    assert (DKG.occurredOn, RDFS.subPropertyOf, SEM.hasTimeStamp) in g
    assert g.value(DKG.occurredOn, RDFS.range) is None


def test_children_killed_is_not_a_subproperty_of_killed() -> None:
    # Its value is a separate figure; as a sub-property, RDFS would add it as a 2nd total.
    assert list(kg().transitive_objects(DKG.childrenKilled, RDFS.subPropertyOf)) == [
        DKG.childrenKilled
    ]


def test_metonym_is_not_a_label_property() -> None:
    # "Moscow" must not become a name of Russia for label lookups.
    assert set(kg().objects(DKG.metonym, RDFS.subPropertyOf)) == set()


def test_domains_and_ranges_of_shared_properties_are_unions() -> None:
    g = kg()
    for prop, members in {
        DKG.hedged: {DKG.Attribution, DKG.Reaction},
        DKG.hasEvidence: {DKG.Reaction, DKG.Event, DKG.Attribution},
        DKG.accordingTo: {DKG.CasualtyFigure, DKG.Attribution, DKG.Reaction},
        DKG.country: {DKG.Event, DKG.CanonicalEvent, SEM.Place},
        DKG.speaksFor: {DKG.GovernmentBody, DKG.Person},
    }.items():
        domain = g.value(prop, RDFS.domain)
        assert isinstance(domain, BNode), prop
        union = g.value(domain, OWL.unionOf)
        assert union is not None, prop
        assert set(Collection(g, union)) == members, prop


# --------------------------------------------------------------------- json names and shortcuts


def test_reaction_classes_have_their_json_name_and_shortcut() -> None:
    g = kg()
    for cls, (name, shortcut) in REACTIONS.items():
        assert list(g.objects(cls, DKG.jsonName)) == [Literal(name)], cls
        assert list(g.objects(cls, DKG.shortcut)) == [shortcut], cls


def test_shortcut_property_is_named_like_the_json_name() -> None:
    # kg/rdf.py writes the shortcut as DKG[json name].
    g = kg()
    for cls, (name, _) in REACTIONS.items():
        assert g.value(cls, DKG.shortcut) == DKG[name]


def test_actor_to_actor_shortcuts_link_actors() -> None:
    g = kg()
    for cls, (_, shortcut) in REACTIONS.items():
        if cls == DKG.CeasefireCall:
            continue
        assert (shortcut, RDF.type, OWL.ObjectProperty) in g
        assert g.value(shortcut, RDFS.domain) == DKG.Actor
        assert g.value(shortcut, RDFS.range) == DKG.Actor


def test_event_kinds_have_their_json_name() -> None:
    g = kg()
    for cls, name in EVENT_KINDS.items():
        assert list(g.objects(cls, DKG.jsonName)) == [Literal(name)], cls


def test_event_and_the_strike_subclasses_have_no_json_name_of_their_own() -> None:
    # The queries find a kind through rdfs:subClassOf*: a name on dkg:Event would match
    # every event, a name on dkg:MissileStrike would give it two kinds.
    g = kg()
    for cls in (DKG.Event, *STRIKES):
        assert g.value(cls, DKG.jsonName) is None, cls


def test_json_names_are_the_values_of_the_model_enums() -> None:
    model = pytest.importorskip("kg.model")
    g = kg()
    reaction_names = {str(g.value(cls, DKG.jsonName)) for cls in REACTIONS}
    assert reaction_names == {t.value for t in model.ReactionType}
    event_names = {str(g.value(cls, DKG.jsonName)) for cls in EVENT_KINDS}
    assert event_names == {k.value for k in model.EventKind} - {"other"}


# --------------------------------------------------------------------------- alignments


def test_alignment_targets_are_cameo_or_plover_concepts_of_the_allowed_form() -> None:
    found = alignments()
    assert found
    for _, _, concept in found:
        if concept in CAMEO:
            assert re.fullmatch(r"[0-9]{2,4}", concept[len(CAMEO) :]), concept
        else:
            assert concept in PLOVER, concept
            assert re.fullmatch(r"[A-Z]+(-[a-z][a-z-]*)?", concept[len(PLOVER) :]), concept


def test_no_alignment_is_an_exact_match() -> None:
    assert not [a for a in alignments() if a[1] == SKOS.exactMatch]


def test_every_reaction_class_has_a_close_cameo_match() -> None:
    g = kg()
    for cls in REACTIONS:
        assert any(str(o).startswith(CAMEO) for o in g.objects(cls, SKOS.closeMatch)), cls


def test_every_event_kind_but_vote_is_aligned_to_cameo() -> None:
    g = kg()
    for cls in (*EVENT_KINDS, *STRIKES):
        aligned = [o for p in MAPPINGS for o in g.objects(cls, p) if str(o).startswith(CAMEO)]
        assert bool(aligned) == (cls != DKG.Vote), cls


def _cameo_codes() -> set[str]:
    with CAMEO_CSV.open(encoding="latin-1", newline="") as f:
        icews = {row["code"] for row in csv.DictReader(f)}
    gdelt = {
        line.split("\t", 1)[0]
        for line in CAMEO_TXT.read_text(encoding="latin-1").splitlines()[1:]
        if line.strip()
    }
    return icews & gdelt


@pytest.mark.skipif(not CAMEO_CSV.exists() or not CAMEO_TXT.exists(), reason="no CAMEO codebook")
def test_cameo_alignments_are_codes_of_the_codebook() -> None:
    codes = _cameo_codes()
    assert "0256" in codes  # leading zeros are kept
    used = {str(o)[len(CAMEO) :] for _, _, o in alignments() if o in CAMEO}
    assert used - codes == set()


@pytest.mark.skipif(not PLOVER_CSV.exists(), reason="no PLOVER codebook")
def test_plover_alignments_are_types_and_modes_of_the_codebook() -> None:
    with PLOVER_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    allowed = {row["event"] for row in rows} | {
        f"{row['event']}-{row['mode']}" for row in rows if row["mode"]
    }
    used = {str(o)[len(PLOVER) :] for _, _, o in alignments() if o in PLOVER}
    assert used - allowed == set()


SCHEMES = (ROOT / "ontology" / "cameo.ttl", ROOT / "ontology" / "plover.ttl")


@pytest.mark.skipif(not all(f.exists() for f in SCHEMES), reason="no generated schemes")
def test_alignment_targets_are_concepts_of_the_generated_schemes() -> None:
    schemes = Graph()
    for scheme in SCHEMES:
        schemes.parse(scheme)
    missing = {o for _, _, o in alignments() if (o, RDF.type, SKOS.Concept) not in schemes}
    assert missing == set()


# --------------------------------------------------------------------------- reasoning over data

ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def owl_rl_errors(data: Graph) -> list[str]:
    g = data + kg()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return [str(m) for e in g.subjects(RDF.type, ERROR_MESSAGE) for m in g.objects(e, ERROR_TEXT)]


def test_owl_rl_finds_the_valid_fixture_consistent() -> None:
    assert owl_rl_errors(Graph().parse(VALID)) == []


def test_owl_rl_finds_a_reaction_that_is_also_an_event_inconsistent() -> None:
    data = Graph().parse(VALID)
    reaction = next(data.subjects(RDF.type, DKG.Blame))
    data.add((reaction, RDF.type, DKG.Event))
    errors = owl_rl_errors(data)
    assert any("Disjoint classes" in e and str(reaction) in e for e in errors), errors


def test_rdfs_inference_gives_the_valid_fixture_no_unexpected_dkg_class() -> None:
    # Domains and ranges may only re-derive what the types already say.
    data = Graph().parse(VALID)
    closed = data + kg()
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(closed)
    for node in set(data.subjects()):
        asserted = set(data.objects(node, RDF.type))
        expected: set[Node] = set().union(*(superclasses(c) for c in asserted))
        inferred = {c for c in closed.objects(node, RDF.type) if isinstance(c, URIRef) and c in DKG}
        assert inferred <= expected, (node, inferred - expected)
