"""The CAMEO schemes: the event codes (labels repaired, hierarchy, Goldstein score, quad
class) and the actor codes of GDELT's lookup tables, as resources for ``writer``."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from pyoxigraph import Literal, NamedNode

from kg.vocab import OX

from .codebooks import (
    GdeltRepairResult,
    Repair,
    cross_check,
    expected_parent,
    judy_label_in_gdelt_style,
    read_gdelt_table,
    read_icews_codebook,
    read_judy_codebook,
    repair_gdelt_eventcodes,
)
from .sources import (
    ACTOR_SCHEME,
    CAMEO_SCHEME,
    GDELT_COUNTRY,
    GDELT_EVENTCODES,
    GDELT_GOLDSTEIN,
    GDELT_KNOWNGROUP,
    GDELT_TYPE,
    ICEWS_CODEBOOK,
    JUDY_CODEBOOK,
    quad_class,
)
from .writer import Resource, concept_scheme, decimal_lit, en, format_decimal, integer_lit

# --------------------------------------------------------------------------------------------
# The CAMEO event-code scheme
# --------------------------------------------------------------------------------------------

_PLACEHOLDER_DESCRIPTION: Final = re.compile(r"^need new description\.?$", re.IGNORECASE)


@dataclass
class CameoData:
    concepts: list[Resource]
    scheme: Resource
    repair: GdeltRepairResult
    findings: list[str]
    codes: list[str]
    notes: list[str]


def cameo_iri(code: str) -> NamedNode:
    return OX.CAMEO[code]


def build_cameo_events() -> CameoData:
    gdelt_rows = read_gdelt_table(GDELT_EVENTCODES.local)
    gdelt_goldstein = {
        r.code: Decimal(r.text.strip()) for r in read_gdelt_table(GDELT_GOLDSTEIN.local)
    }
    icews = read_icews_codebook(ICEWS_CODEBOOK.local)
    judy = read_judy_codebook(JUDY_CODEBOOK.local)
    repair = repair_gdelt_eventcodes(
        gdelt_rows,
        {c: e.name for c, e in icews.items()},
        judy,
        [t for e in icews.values() for t in (e.description, e.usage_notes) if t],
    )
    findings = cross_check(repair, gdelt_goldstein, icews, judy)
    notes: list[str] = []

    codes = sorted(set(repair.labels) | set(icews) | set(judy))
    repairs_by_code: dict[str, list[Repair]] = defaultdict(list)
    for r in repair.repairs:
        repairs_by_code[r.code].append(r)

    concepts: list[Resource] = []
    children: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        parent = expected_parent(code)
        if parent is not None:
            if parent not in codes:
                raise ValueError(f"CAMEO code {code} has no parent {parent} in any table")
            children[parent].append(code)

    for code in codes:
        res = Resource(cameo_iri(code))
        res.add(OX.RDF.type, OX.SKOS.Concept)
        res.add(OX.SKOS.notation, Literal(code))
        res.add(OX.SKOS.inScheme, CAMEO_SCHEME)
        entry = icews.get(code)
        if code in repair.labels:
            label = repair.labels[code]
        elif entry is not None:
            label = entry.name
            res.add(
                OX.SKOS.editorialNote,
                en("Not in GDELT's CAMEO.eventcodes.txt; label from the icews-pkg codebook."),
            )
            notes.append(f"{code} added from icews-pkg (absent from GDELT): {label!r}")
        else:
            label = judy_label_in_gdelt_style(judy[code])
            res.add(
                OX.SKOS.editorialNote,
                en(
                    "Extension code: in neither GDELT's tables nor the icews-pkg codebook "
                    "(CAMEO 1.1b3); listed only in the judy2k codebook. No Goldstein score."
                ),
            )
            notes.append(f"{code} added from judy2k only (extension code): {label!r}")
        res.add(OX.SKOS.prefLabel, en(label))
        alt: set[str] = set()
        for candidate in (
            entry.name if entry else None,
            judy_label_in_gdelt_style(judy[code]) if code in judy else None,
        ):
            if (
                candidate
                and candidate.isascii()
                and candidate.casefold() not in {label.casefold()} | {a.casefold() for a in alt}
            ):
                alt.add(candidate)
        for a in sorted(alt):
            res.add(OX.SKOS.altLabel, en(a))
        gdelt_text = repair.original.get(code)
        if gdelt_text and gdelt_text.casefold() not in {label.casefold()} | {
            a.casefold() for a in alt
        }:
            # GDELT's own (possibly defective) wording: findable, never displayed. GDELT-derived
            # data sets carry these strings instead of codes.
            res.add(OX.SKOS.hiddenLabel, en(gdelt_text))
        for r in repairs_by_code.get(code, []):
            res.add(
                OX.SKOS.editorialNote,
                en(
                    f"Repaired ({r.kind}): GDELT's CAMEO.eventcodes.txt line {r.line} reads "
                    f"{r.gdelt!r}; {r.evidence}."
                ),
            )
        if entry is not None and entry.description is not None:
            if _PLACEHOLDER_DESCRIPTION.match(entry.description):
                notes.append(f"{code}: icews-pkg description is a placeholder, omitted")
            else:
                res.add(OX.SKOS.definition, en(entry.description))
                twins = [
                    c for c, e in icews.items() if c != code and e.description == entry.description
                ]
                if twins:
                    res.add(
                        OX.SKOS.editorialNote,
                        en(
                            f"The icews-pkg codebook gives {', '.join(twins)} the same "
                            "definition; one of them is probably a copy error."
                        ),
                    )
        if entry is not None and entry.usage_notes is not None:
            res.add(OX.SKOS.scopeNote, en(entry.usage_notes))
        parent = expected_parent(code)
        if parent is None:
            res.add(OX.SKOS.topConceptOf, CAMEO_SCHEME)
        else:
            res.add(OX.SKOS.broader, cameo_iri(parent))
        for child in children.get(code, []):
            res.add(OX.SKOS.narrower, cameo_iri(child))
        goldstein = gdelt_goldstein.get(code, repair.inline_goldstein.get(code))
        if goldstein is None and entry is not None:
            goldstein = entry.goldstein
            notes.append(f"{code}: Goldstein {format_decimal(goldstein)} from icews-pkg")
        elif goldstein is not None and entry is not None and goldstein != entry.goldstein:
            res.add(
                OX.SKOS.editorialNote,
                en(
                    f"Goldstein score from GDELT's CAMEO.goldsteinscale.txt "
                    f"({format_decimal(goldstein)}); the icews-pkg codebook has "
                    f"{format_decimal(entry.goldstein)}."
                ),
            )
        if goldstein is not None:
            res.add(OX.DKG.goldstein, decimal_lit(goldstein))
        res.add(OX.DKG.quadClass, integer_lit(quad_class(code)))
        concepts.append(res)

    scheme = concept_scheme(
        CAMEO_SCHEME,
        "CAMEO event codes",
        (
            "The CAMEO (Conflict and Mediation Event Observations) event codes, version 1.1b3 "
            "as used by GDELT and ICEWS, plus the extension codes of the judy2k codebook. "
            "Labels are GDELT's (CAMEO.eventcodes.txt) with its known defects repaired from "
            "the icews-pkg and judy2k codebooks; definitions and scope notes from the "
            "icews-pkg codebook; dkg:goldstein from GDELT's CAMEO.goldsteinscale.txt; "
            "dkg:quadClass is GDELT's QuadClass (1 Verbal Cooperation: roots 01-05, "
            "2 Material Cooperation: 06-09, 3 Verbal Conflict: 10-14, 4 Material Conflict: "
            "15-20). skos:notation is the code as a plain string, leading zeros kept."
        ),
        (src.url for src in (GDELT_EVENTCODES, GDELT_GOLDSTEIN, ICEWS_CODEBOOK, JUDY_CODEBOOK)),
        (
            "GDELT lookup tables (moxious/gdelt): licence not stated; icews-pkg codebook "
            "(andybega/icews): MIT; judy2k codebook: licence not stated. The CAMEO codebook "
            "is by Schrodt, Gerner and Yilmaz (University of Kansas)."
        ),
    )
    for code in codes:
        if expected_parent(code) is None:
            scheme.add(OX.SKOS.hasTopConcept, cameo_iri(code))
    return CameoData(concepts, scheme, repair, findings, codes, notes)


# --------------------------------------------------------------------------------------------
# The CAMEO actor-code scheme
# --------------------------------------------------------------------------------------------

_ACTOR_TABLES: Final = (
    ("country", GDELT_COUNTRY, "CAMEO country and region codes"),
    ("knowngroup", GDELT_KNOWNGROUP, "CAMEO known-group codes"),
    ("type", GDELT_TYPE, "CAMEO actor type (role) codes"),
)


@dataclass
class ActorData:
    concepts: list[Resource]
    scheme: Resource
    collections: list[Resource]
    counts: dict[str, int]
    notes: list[str]


def build_cameo_actors() -> ActorData:
    labels: dict[str, list[str]] = defaultdict(list)  # code -> labels in table order
    members: dict[str, set[str]] = defaultdict(set)  # table -> codes
    notes: list[str] = []
    for table, source, _title in _ACTOR_TABLES:
        for row in read_gdelt_table(source.local):
            label = " ".join(row.text.split())
            if row.code in members[table] and label in labels[row.code]:
                notes.append(f"{source.local.name}: duplicate row {row.code} {label!r} dropped")
                continue
            if row.code in members[table]:
                notes.append(
                    f"{source.local.name}: {row.code} has two labels: "
                    f"{labels[row.code][0]!r} and {label!r}"
                )
            members[table].add(row.code)
            if label not in labels[row.code]:
                labels[row.code].append(label)
    for code in sorted(labels):
        in_tables = [t for t, _s, _ in _ACTOR_TABLES if code in members[t]]
        if len(in_tables) > 1:
            notes.append(f"{code} is in several tables ({', '.join(in_tables)}): one concept")

    concepts = []
    for code in sorted(labels):
        res = Resource(OX.CAMEO_ACTOR[code])
        res.add(OX.RDF.type, OX.SKOS.Concept)
        res.add(OX.SKOS.notation, Literal(code))
        first, *others = labels[code]
        res.add(OX.SKOS.prefLabel, en(first))
        for other in others:
            res.add(OX.SKOS.altLabel, en(other))
        if any(not _same_name(first, o) for o in others):
            res.add(
                OX.SKOS.editorialNote,
                en(
                    "GDELT's tables give this code several different names: "
                    + "; ".join(labels[code])
                    + "."
                ),
            )
        res.add(OX.SKOS.inScheme, ACTOR_SCHEME)
        res.add(OX.SKOS.topConceptOf, ACTOR_SCHEME)
        concepts.append(res)

    collections = []
    for table, source, title in _ACTOR_TABLES:
        col = Resource(OX.CAMEO_ACTOR[f"collection/{table}"])
        col.add(OX.RDF.type, OX.SKOS.Collection)
        col.add(OX.SKOS.prefLabel, en(f"{title} ({source.local.name})"))
        col.add(OX.DCTERMS.source, NamedNode(source.url))
        for code in sorted(members[table]):
            col.add(OX.SKOS.member, OX.CAMEO_ACTOR[code])
        collections.append(col)

    scheme = concept_scheme(
        ACTOR_SCHEME,
        "CAMEO actor codes",
        (
            "The three-letter CAMEO actor codes of GDELT's lookup tables: countries and "
            "regions (CAMEO.country.txt), known groups (CAMEO.knowngroup.txt) and actor "
            "types or roles (CAMEO.type.txt), one skos:Collection per table. A code that is "
            "in several tables is one concept. These are codes only; reference actors are "
            "described elsewhere (ontology/actors.ttl)."
        ),
        (source.url for _t, source, _ in _ACTOR_TABLES),
        (
            "CAMEO.country.txt (aamend/spark-gdelt): Apache-2.0; CAMEO.knowngroup.txt and "
            "CAMEO.type.txt (moxious/gdelt): licence not stated."
        ),
    )
    for res in concepts:
        scheme.add(OX.SKOS.hasTopConcept, res.iri)
    counts = {table: len(members[table]) for table, _s, _ in _ACTOR_TABLES}
    return ActorData(concepts, scheme, collections, counts, notes)


def _same_name(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = re.sub(r"\s*\([A-Z]+\)$", "", s)  # "World Trade Organization (WTO)"
        s = re.sub(r"ies$", "y", s.casefold())
        return s

    return norm(a) == norm(b)
