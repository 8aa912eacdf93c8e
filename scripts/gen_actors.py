#!/usr/bin/env python3
"""Generate ``ontology/actors.ttl``, the reference actors, from three sources.

* ISO 3166-1 through pycountry: every country (249 in pycountry 26.2.16) becomes a
  ``dkg:State`` ``id:actor/<ALPHA3>`` with its alpha-2/alpha-3 codes; pycountry's name,
  official name and common name become labels.
* ``scripts/actors_curated.yaml``: short English names, aliases, demonyms, metonyms, the
  verified Wikidata QIDs, the international organisations, memberships, and the government
  bodies and persons of the seed articles.
* The GDELT CAMEO lookup tables in ``data/third_party/cameo_lookups``: ``dkg:cameoCode`` is
  recorded only where the table confirms it (a country row whose code and label agree with
  the ISO state, or a known-group row whose label the curated file states exactly).

The output is deterministic (actors sorted by id, predicates in a fixed order, values
sorted; no timestamps), so re-running the script on the same inputs gives identical bytes.
``tests/test_actors.py`` checks that the committed file is up to date.

Usage::

    python scripts/gen_actors.py                 # writes ontology/actors.ttl
    python scripts/gen_actors.py --output x.ttl  # writes elsewhere
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from actors_summary import summary
from gen_memberships import (
    Membership,
    Office,
    office_memberships,
    read_memberships,
    read_offices,
)
from gen_memberships import turtle as dated_turtle

from kg.model import Actor, ActorKind

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "scripts" / "actors_curated.yaml"
CAMEO_DIR = ROOT / "data" / "third_party" / "cameo_lookups"
CAMEO_COUNTRY = CAMEO_DIR / "CAMEO.country.txt"
CAMEO_KNOWNGROUP = CAMEO_DIR / "CAMEO.knowngroup.txt"
DEFAULT_OUTPUT = ROOT / "ontology" / "actors.ttl"

ACTOR_NS = "https://w3id.org/diplomatic-kg/id/actor/"
PREFIXES = {
    "actor": ACTOR_NS,
    "dkg": "https://w3id.org/diplomatic-kg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
CLASS_OF_KIND = {
    ActorKind.STATE: "dkg:State",
    ActorKind.IGO: "dkg:InternationalOrganization",
    ActorKind.BODY: "dkg:GovernmentBody",
    ActorKind.PERSON: "dkg:Person",
    ActorKind.ARMED_GROUP: "dkg:NonStateArmedGroup",
}

STATE_KEYS = {"name", "aliases", "demonyms", "metonyms", "wikidata", "not_labels"}
ORG_KEYS = {
    "name",
    "aliases",
    "demonyms",
    "metonyms",
    "wikidata",
    "cameo",
    "unit_of",
    "collaboration",
}
BODY_KEYS = {"name", "aliases", "metonyms", "speaks_for", "sub_organization_of", "wikidata"}
PERSON_KEYS = {"name", "aliases", "role", "speaks_for", "wikidata", "offices"}


class CurationError(ValueError):
    """The curated file contradicts itself or a source table."""


@dataclass
class Draft:
    """An actor being assembled; turned into a validated ``kg.model.Actor`` at the end."""

    id: str
    kind: ActorKind
    name: str
    labels: list[str] = field(default_factory=list)  # aliases, first-come order
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    iso2: str | None = None
    iso3: str | None = None
    cameo: str | None = None
    wikidata: str | None = None
    speaks_for: str | None = None
    member_of: set[str] = field(default_factory=set)
    sub_organization_of: str | None = None
    unit_of: str | None = None
    role: str | None = None
    collaboration: bool = False

    def to_actor(self) -> Actor:
        """Validate through the pydantic model (aliases deduplicated, name excluded)."""
        aliases = _dedupe([a for a in self.labels], exclude=[self.name])
        return Actor(
            id=self.id,
            kind=self.kind,
            name=self.name,
            aliases=sorted(aliases),
            demonyms=sorted(_dedupe(self.demonyms)),
            metonyms=sorted(_dedupe(self.metonyms)),
            iso2=self.iso2,
            iso3=self.iso3,
            cameo=self.cameo,
            wikidata=self.wikidata,
            speaks_for=self.speaks_for,
            member_of=sorted(self.member_of),
            sub_organization_of=self.sub_organization_of,
            unit_of=self.unit_of,
            role=self.role,
        )


def match_key(text: str) -> str:
    """Loose key for matching a CAMEO label to a state name: no accents, case or 'the '."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("&", "and").casefold()
    plain = " ".join(plain.split())
    return plain.removeprefix("the ")


def _dedupe(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Drop values equal (case- and 'the '-insensitively) to an earlier one or to ``exclude``."""
    seen = {match_key(v) for v in exclude}
    out: list[str] = []
    for value in values:
        key = match_key(value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _check_keys(where: str, entry: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise CurationError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(allowed)})")


def read_table(path: Path) -> list[tuple[str, str]]:
    """The rows of a two-column GDELT lookup table (header ``CODE\\tLABEL`` skipped)."""
    rows: list[tuple[str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        code, sep, label = line.partition("\t")
        if not sep:
            raise CurationError(f"{path.name}:{number}: no tab in {line!r}")
        rows.append((code.strip(), label.strip()))
    return rows


# --------------------------------------------------------------------------- sources


def states_from_iso(curated: Mapping[str, Any]) -> dict[str, Draft]:
    """One draft per ISO 3166-1 country, with the curated additions merged in."""
    unknown = set(curated) - {c.alpha_3 for c in pycountry.countries}
    if unknown:
        raise CurationError(f"states: not ISO 3166-1 alpha-3 codes: {sorted(unknown)}")
    drafts: dict[str, Draft] = {}
    for country in pycountry.countries:
        alpha3: str = country.alpha_3
        extra: Mapping[str, Any] = curated.get(alpha3) or {}
        _check_keys(f"states.{alpha3}", extra, STATE_KEYS)
        iso_names = [
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
            _uninverted(country.name),
        ]
        common = getattr(country, "common_name", None)
        name = extra.get("name") or common or country.name
        drafts[alpha3] = Draft(
            id=alpha3,
            kind=ActorKind.STATE,
            name=name,
            labels=[n for n in iso_names if n and n not in extra.get("not_labels", [])]
            + list(extra.get("aliases", [])),
            demonyms=list(extra.get("demonyms", [])),
            metonyms=list(extra.get("metonyms", [])),
            iso2=country.alpha_2,
            iso3=alpha3,
            wikidata=extra.get("wikidata"),
        )
    return drafts


def _uninverted(name: str) -> str | None:
    """The running form of an ISO name inverted for sorting: news writes "the Republic of
    Korea", and pycountry's ``official_name`` lacks it for some (KOR, COD). Only a tail in
    "of" / "of the" moves ("Taiwan, Province of China" does not).

    >>> _uninverted("Korea, Republic of"), _uninverted("Taiwan, Province of China")
    ('Republic of Korea', None)
    >>> _uninverted("Congo, The Democratic Republic of the")
    'Democratic Republic of the Congo'
    """
    head, sep, tail = name.partition(", ")
    moves = sep and re.search(r"\bof(?: the)?$", tail)
    return re.sub(r"^The ", "", f"{tail} {head}") if moves else None


def organisations(
    curated: Mapping[str, Any],
    knowngroup: list[tuple[str, str]],
    kind: ActorKind = ActorKind.IGO,
    section: str = "organisations",
) -> list[Draft]:
    """The curated organisations (or, with ``kind`` and ``section``, the non-state armed
    groups); each CAMEO code is checked against the known-group table."""
    table: dict[str, set[str]] = defaultdict(set)
    for code, label in knowngroup:
        table[code].add(label)
    drafts: list[Draft] = []
    for actor_id, entry in curated.items():
        _check_keys(f"{section}.{actor_id}", entry, ORG_KEYS)
        cameo = entry.get("cameo")
        if cameo is not None and cameo["label"] not in table.get(cameo["code"], set()):
            raise CurationError(
                f"{section}.{actor_id}: CAMEO.knowngroup.txt has no row "
                f"{cameo['code']}\t{cameo['label']} (it has {sorted(table.get(cameo['code'], []))})"
            )
        drafts.append(
            Draft(
                id=actor_id,
                kind=kind,
                name=entry["name"],
                labels=list(entry.get("aliases", [])),
                demonyms=list(entry.get("demonyms", [])),
                metonyms=list(entry.get("metonyms", [])),
                cameo=cameo["code"] if cameo else None,
                wikidata=entry.get("wikidata"),
                unit_of=entry.get("unit_of"),
                collaboration=bool(entry.get("collaboration", False)),
            )
        )
    return drafts


def bodies_and_persons(curated: Mapping[str, Any]) -> list[Draft]:
    """Government bodies and persons, as curated."""
    drafts: list[Draft] = []
    for section, kind, keys in (
        ("bodies", ActorKind.BODY, BODY_KEYS),
        ("persons", ActorKind.PERSON, PERSON_KEYS),
    ):
        for actor_id, entry in (curated.get(section) or {}).items():
            _check_keys(f"{section}.{actor_id}", entry, keys)
            drafts.append(
                Draft(
                    id=actor_id,
                    kind=kind,
                    name=entry["name"],
                    labels=list(entry.get("aliases", [])),
                    metonyms=list(entry.get("metonyms", [])),
                    wikidata=entry.get("wikidata"),
                    speaks_for=entry["speaks_for"],
                    sub_organization_of=entry.get("sub_organization_of"),
                    role=entry.get("role"),
                )
            )
    return drafts


@dataclass
class CameoReport:
    """What happened to each row of CAMEO.country.txt."""

    by_code: list[str] = field(default_factory=list)  # code == ISO3, label agrees
    by_exception: list[str] = field(default_factory=list)  # code == ISO3, accepted by hand
    by_label: list[str] = field(default_factory=list)  # code differs, label names the state
    skipped: list[str] = field(default_factory=list)  # regions, former states, mismatches


def assign_cameo_countries(
    states: dict[str, Draft],
    rows: list[tuple[str, str]],
    exceptions: Mapping[str, str],
) -> CameoReport:
    """Set ``cameo`` on states where CAMEO.country.txt confirms the code."""
    index: dict[str, set[str]] = defaultdict(set)
    for draft in states.values():
        for label in [draft.name, *draft.labels]:
            index[match_key(label)].add(draft.id)
    report = CameoReport()
    unused_exceptions = set(exceptions)
    for code, label in rows:
        by_label = index.get(match_key(label), set())
        if code in states:
            if code in by_label:
                target, bucket = code, report.by_code
            elif code in exceptions:
                unused_exceptions.discard(code)
                target, bucket = code, report.by_exception
            else:
                report.skipped.append(f"{code} {label!r}: ISO code, label matches no name of it")
                continue
        elif len(by_label) == 1:
            target, bucket = next(iter(by_label)), report.by_label
        else:
            report.skipped.append(f"{code} {label!r}")
            continue
        draft = states[target]
        if draft.cameo is not None and draft.cameo != code:
            raise CurationError(f"{target}: two CAMEO codes, {draft.cameo} and {code}")
        draft.cameo = code
        bucket.append(code if code == target else f"{code}->{target}")
    if unused_exceptions:
        raise CurationError(
            f"cameo_country_label_exceptions not needed: {sorted(unused_exceptions)}"
        )
    return report


def apply_memberships(drafts: dict[str, Draft], memberships: Mapping[str, Any]) -> None:
    """Add ``member_of`` from the curated lists, checking counts and duplicates."""
    for group, entry in memberships.items():
        if group not in drafts:
            raise CurationError(f"memberships.{group}: no such actor")
        members: list[str] = list(entry["members"])  # a list, or member -> day joined
        dupes = [m for m, n in Counter(members).items() if n > 1]
        if dupes:
            raise CurationError(f"memberships.{group}: listed twice: {dupes}")
        if len(members) != entry["count"]:
            raise CurationError(
                f"memberships.{group}: {len(members)} members listed, count says {entry['count']}"
            )
        for member in members:
            if member not in drafts:
                raise CurationError(f"memberships.{group}: unknown member {member}")
            drafts[member].member_of.add(group)


def dated(curated: Mapping[str, Any], actors: list[Actor]) -> tuple[list[Membership], list[Office]]:
    """The dated memberships (groups' and offices') and the offices, references checked."""
    known = {a.id for a in actors}
    offices = read_offices(curated.get("persons") or {})
    memberships = read_memberships(curated.get("memberships") or {}) + office_memberships(offices)
    for m in memberships:
        for ref in (m.organization, m.member):
            if ref not in known:
                raise CurationError(f"membership {m.organization}/{m.member}: unknown actor {ref}")
    return memberships, offices


def check_graph(actors: list[Actor]) -> None:
    """References resolve, codes and QIDs are unique, speaks_for chains end at a state/IGO."""
    by_id = {a.id: a for a in actors}
    for actor in actors:
        refs = [actor.speaks_for, actor.sub_organization_of, actor.unit_of, *actor.member_of]
        for ref in refs:
            if ref is not None and ref not in by_id:
                raise CurationError(f"{actor.id}: refers to unknown actor {ref}")
        seen = [actor.id]
        current = actor
        while current.kind in (ActorKind.BODY, ActorKind.PERSON):
            assert current.speaks_for is not None
            current = by_id[current.speaks_for]
            if current.id in seen:
                raise CurationError(f"speaks_for cycle: {' -> '.join([*seen, current.id])}")
            seen.append(current.id)
    for attr in ("wikidata", "cameo", "iso2", "iso3"):
        values = Counter(getattr(a, attr) for a in actors if getattr(a, attr) is not None)
        dupes = sorted(v for v, n in values.items() if n > 1)
        if dupes:
            raise CurationError(f"{attr} used by more than one actor: {dupes}")


def build(curated: Mapping[str, Any]) -> tuple[list[Actor], set[str], CameoReport]:
    """All actors, sorted by id; the ids that are also org:OrganizationalCollaboration."""
    states = states_from_iso(curated.get("states") or {})
    report = assign_cameo_countries(
        states, read_table(CAMEO_COUNTRY), curated.get("cameo_country_label_exceptions") or {}
    )
    drafts: dict[str, Draft] = dict(states)
    knowngroup = read_table(CAMEO_KNOWNGROUP)
    others = organisations(curated.get("organisations") or {}, knowngroup)
    others += organisations(
        curated.get("armed_groups") or {}, knowngroup, ActorKind.ARMED_GROUP, "armed_groups"
    )
    others += bodies_and_persons(curated)
    for draft in others:
        if draft.id in drafts:
            raise CurationError(f"actor id {draft.id} defined twice")
        drafts[draft.id] = draft
    apply_memberships(drafts, curated.get("memberships") or {})
    actors = [drafts[key].to_actor() for key in sorted(drafts)]
    check_graph(actors)
    collaborations = {d.id for d in drafts.values() if d.collaboration}
    return actors, collaborations, report


# --------------------------------------------------------------------------- turtle


def literal(text: str, lang: str | None = None) -> str:
    """A Turtle string literal (short form, escaped)."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def actor_ref(actor_id: str) -> str:
    """``actor:RUS.MFA``; a local name may not end with a dot (ids never do)."""
    if (
        actor_id.endswith(".")
        or not actor_id.replace(".", "").replace("_", "").replace("-", "").isalnum()
    ):
        raise CurationError(f"id {actor_id!r} cannot be written as a prefixed name")
    return f"actor:{actor_id}"


def actor_block(actor: Actor, collaboration: bool) -> str:
    """The Turtle statements of one actor, in the README's order."""
    types = [CLASS_OF_KIND[actor.kind]]
    if collaboration:
        types.append("org:OrganizationalCollaboration")
    pairs: list[tuple[str, list[str]]] = [
        ("a", types),
        ("dkg:code", [literal(actor.id)]),
        ("skos:prefLabel", [literal(actor.name, "en")]),
        ("rdfs:label", [literal(actor.name, "en")]),
        ("skos:altLabel", [literal(a, "en") for a in actor.aliases]),
        ("dkg:demonym", [literal(d, "en") for d in actor.demonyms]),
        ("dkg:metonym", [literal(m, "en") for m in actor.metonyms]),
        ("dkg:role", [literal(actor.role, "en")] if actor.role else []),
        ("dkg:iso3166Alpha2", [literal(actor.iso2)] if actor.iso2 else []),
        ("dkg:iso3166Alpha3", [literal(actor.iso3)] if actor.iso3 else []),
        ("dkg:cameoCode", [literal(actor.cameo)] if actor.cameo else []),
        ("dkg:speaksFor", [actor_ref(actor.speaks_for)] if actor.speaks_for else []),
        (
            "org:subOrganizationOf",
            [actor_ref(actor.sub_organization_of)] if actor.sub_organization_of else [],
        ),
        ("org:unitOf", [actor_ref(actor.unit_of)] if actor.unit_of else []),
        ("org:memberOf", [actor_ref(m) for m in actor.member_of]),
        ("owl:sameAs", [f"wd:{actor.wikidata}"] if actor.wikidata else []),
    ]
    lines = [f"{actor_ref(actor.id)} a {', '.join(types)}"]
    for predicate, objects in pairs[1:]:
        if not objects:
            continue
        line = f"    {predicate} {', '.join(objects)}"
        if len(line) > 100:  # one object a line
            line = f"    {predicate}\n        " + ",\n        ".join(objects)
        lines.append(line)
    return " ;\n".join(lines) + " .\n"


def header(actors: list[Actor], curated: Mapping[str, Any]) -> str:
    """The comment block that opens the file."""
    counts = Counter(a.kind.value for a in actors)
    rel = {p: p.relative_to(ROOT).as_posix() for p in (CURATED, CAMEO_COUNTRY, CAMEO_KNOWNGROUP)}
    memberships = curated.get("memberships") or {}
    lines = [
        "GENERATED FILE: do not edit. Re-run `python scripts/gen_actors.py` instead.",
        "",
        "Reference actors of diplomatic-kg (layout: ontology/README.md), merged from:",
        f"  * ISO 3166-1 via pycountry {_pycountry_version()}: every country as a dkg:State",
        "    (dependent territories and Antarctica included, as ISO lists them);",
        f"  * {rel[CURATED]}: short names, aliases, demonyms, metonyms,",
        "    organisations, memberships, government bodies, persons, and the Wikidata QIDs",
        "    verified in docs/ONTOLOGY-NOTES.md (no other QIDs);",
        f"  * {rel[CAMEO_COUNTRY]} and",
        f"    {rel[CAMEO_KNOWNGROUP]} (GDELT CAMEO tables):",
        "    dkg:cameoCode only where the table confirms it (for organisations the",
        "    known-group code, e.g. UNO, not a composed actor code such as IGOUNO).",
        "",
        f"Actors: {len(actors)} ({counts['state']} states, {counts['igo']} organisations, "
        f"{counts['body']} government bodies, {counts['person']} persons).",
        "Memberships (org:memberOf) are recorded for these groups only, as of the date given:",
    ]
    for group in sorted(memberships):
        entry = memberships[group]
        lines.append(f"  * {group}: {entry['count']} members, as of {entry['as_of']}.")
        lines.extend(f"      {line}" for line in _wrap(" ".join(entry["note"].split()), 84))
    lines.append("Other organisations have no members recorded.")
    lines += [
        "",
        "Dated memberships: each membership above with a date, the UN Security Council's",
        "elected members by term, and the persons' offices are org:Membership nodes with",
        "org:memberDuring a time:Interval (time:hasBeginning/time:hasEnd a time:Instant with",
        "time:inXSDDate; no end: current). Use them for 'a member at the time'.",
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def render(actors: list[Actor], collaborations: set[str], curated: Mapping[str, Any]) -> str:
    """The whole Turtle document."""
    parts = [header(actors, curated), "\n"]
    parts += [f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())]
    for actor in actors:
        parts.append("\n")
        parts.append(actor_block(actor, actor.id in collaborations))
    memberships, offices = dated(curated, actors)
    parts.append("\n# " + "-" * 75 + " dated memberships and offices\n\n")
    parts.append(dated_turtle(memberships, offices, actor_ref))
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="file to write")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)

    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))
    actors, collaborations, report = build(curated)
    text = render(actors, collaborations, curated)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(text.encode("utf-8"))

    if not args.quiet:
        print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
        print("\n".join(summary(actors, curated, report, text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
