"""Dated memberships and offices for ``scripts/gen_actors.py`` (W3C ORG with OWL-Time).

Read from ``scripts/actors_curated.yaml`` (``memberships`` and the persons' ``offices``),
written into ``ontology/actors.ttl`` after the actors::

    <id/membership/NATO/FIN/2023-04-04> a org:Membership ;
        org:member actor:FIN ; org:organization actor:NATO ;
        org:memberDuring <id/membership/NATO/FIN/2023-04-04/during> .
    <id/membership/NATO/FIN/2023-04-04/during> a time:Interval ;
        time:hasBeginning <id/day/2023-04-04> .              # no time:hasEnd: still a member
    <id/day/2023-04-04> a time:Instant ; time:inXSDDate "2023-04-04"^^xsd:date .

An office is an ``org:Post`` (``org:postIn`` the organisation, ``org:role`` its
``org:Role``) and, where its dates are known, an ``org:Membership`` of the holder in the
organisation in that role. The holder ``org:holds`` the posts it holds at ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ID_NS = "https://w3id.org/diplomatic-kg/id/"
#: The UNSC years whose ten elected members must all be recorded.
UNSC_FULL_YEARS = range(2014, 2027)


class MembershipError(ValueError):
    """The curated memberships or offices contradict themselves."""


@dataclass(frozen=True)
class Membership:
    """One member of one organisation for one interval (``end`` None: still a member)."""

    organization: str
    member: str
    begin: dt.date | None
    end: dt.date | None = None
    role: str | None = None

    @property
    def iri(self) -> str:
        day = self.begin.isoformat() if self.begin else "undated"
        return f"{ID_NS}membership/{self.organization}/{self.member}/{day}"

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls in the interval (both ends inclusive)."""
        return (self.begin is None or self.begin <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Office:
    """A post a person held: in which organisation, and (where known) when."""

    person: str
    post: str
    organization: str
    begin: dt.date | None = None
    end: dt.date | None = None

    @property
    def post_iri(self) -> str:
        return f"{ID_NS}post/{self.organization}/{slug(self.post)}"

    @property
    def role_iri(self) -> str:
        return role_iri(self.post)


def slug(text: str) -> str:
    """``"President of Russia"`` -> ``"president-of-russia"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def role_iri(label: str) -> str:
    return f"{ID_NS}role/{slug(label)}"


def _day(where: str, value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise MembershipError(f"{where}: {value!r} is not a date (write YYYY-MM-DD, unquoted)")


def read_memberships(memberships: Mapping[str, Any]) -> list[Membership]:
    """The dated (and undated) memberships of the curated ``memberships`` section."""
    found: list[Membership] = []
    for group, entry in memberships.items():
        role = entry.get("role")
        members = entry["members"]
        if isinstance(members, Mapping):
            for member, since in members.items():
                joined = _day(f"{group}.{member}", since)
                found.append(Membership(group, member, joined, None, role))
        else:
            found.extend(Membership(group, member, None, None, role) for member in members)
        for member, (joined, left) in (entry.get("former") or {}).items():
            where = f"{group}.former.{member}"
            found.append(Membership(group, member, _day(where, joined), _day(where, left), role))
        for years, terms in ((2, entry.get("elected_terms")), (1, entry.get("one_year_terms"))):
            for year, elected in (terms or {}).items():
                for member in elected:
                    found.append(
                        Membership(
                            group,
                            member,
                            dt.date(year, 1, 1),
                            dt.date(year + years - 1, 12, 31),
                            "elected member",
                        )
                    )
    _check_memberships(found, memberships)
    return found


def _check_memberships(found: list[Membership], memberships: Mapping[str, Any]) -> None:
    iris = Counter(m.iri for m in found)
    dupes = sorted(iri for iri, n in iris.items() if n > 1)
    if dupes:
        raise MembershipError(f"memberships recorded twice: {dupes}")
    by_pair: dict[tuple[str, str], list[Membership]] = defaultdict(list)
    for m in found:
        if m.begin and m.end and m.end < m.begin:
            raise MembershipError(f"{m.organization}.{m.member}: ends {m.end} before {m.begin}")
        by_pair[(m.organization, m.member)].append(m)
    for (group, member), spans in by_pair.items():
        spans.sort(key=lambda m: m.begin or dt.date.min)
        for before, after in itertools.pairwise(spans):
            if before.end is None or (after.begin is not None and after.begin <= before.end):
                raise MembershipError(f"{group}.{member}: overlapping memberships")
    if "UNSC" in memberships and memberships["UNSC"].get("elected_terms"):
        for year in UNSC_FULL_YEARS:
            day = dt.date(year, 6, 30)
            elected = [m for m in found if m.role == "elected member" and m.organization == "UNSC"]
            seated = sorted(m.member for m in elected if m.covers(day))
            if len(seated) != 10:
                raise MembershipError(f"UNSC {year}: {len(seated)} elected members {seated}")


def read_offices(persons: Mapping[str, Any]) -> list[Office]:
    """The persons' ``offices``."""
    found: list[Office] = []
    for person, entry in persons.items():
        for number, office in enumerate(entry.get("offices") or []):
            where = f"persons.{person}.offices[{number}]"
            unknown = set(office) - {"post", "in", "from", "until"}
            if unknown:
                raise MembershipError(f"{where}: unknown keys {sorted(unknown)}")
            begin = _day(where, office["from"]) if "from" in office else None
            end = _day(where, office["until"]) if "until" in office else None
            if end is not None and begin is None:
                raise MembershipError(f"{where}: 'until' without 'from'")
            if begin and end and end < begin:
                raise MembershipError(f"{where}: ends {end} before {begin}")
            found.append(Office(person, office["post"], office["in"], begin, end))
    return found


def office_memberships(offices: Iterable[Office]) -> list[Membership]:
    """The org:Membership of each dated office: the holder in the organisation, in its role."""
    return [
        Membership(o.organization, o.person, o.begin, o.end, o.post)
        for o in offices
        if o.begin is not None
    ]


def current_groups(memberships: Iterable[Membership]) -> dict[str, set[str]]:
    """Member -> the organisations it belongs to without an end (what org:memberOf says),
    leaving out elected terms and offices (they always end)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for m in memberships:
        if m.end is None and m.role != "elected member":
            groups[m.member].add(m.organization)
    return groups


# --------------------------------------------------------------------------- turtle


def _date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def _day_iri(day: dt.date) -> str:
    return f"<{ID_NS}day/{day.isoformat()}>"


def _label(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def turtle(
    memberships: list[Membership], offices: list[Office], actor_ref: Any, holds: bool = True
) -> str:
    """The Turtle of the memberships, posts, roles and days, in a fixed order."""
    parts: list[str] = []
    roles: dict[str, str] = {}
    days: set[dt.date] = set()
    for m in sorted(memberships, key=lambda m: m.iri):
        lines = [
            f"<{m.iri}> a org:Membership",
            f"    org:member {actor_ref(m.member)}",
            f"    org:organization {actor_ref(m.organization)}",
        ]
        if m.role is not None:
            roles[role_iri(m.role)] = m.role
            lines.append(f"    org:role <{role_iri(m.role)}>")
        if m.begin is not None or m.end is not None:
            lines.append(f"    org:memberDuring <{m.iri}/during>")
        parts.append(" ;\n".join(lines) + " .\n")
        if m.begin is not None or m.end is not None:
            during = [f"<{m.iri}/during> a time:Interval"]
            for prop, day in (("time:hasBeginning", m.begin), ("time:hasEnd", m.end)):
                if day is not None:
                    days.add(day)
                    during.append(f"    {prop} {_day_iri(day)}")
            parts.append(" ;\n".join(during) + " .\n")
    posts: dict[str, Office] = {}
    for office in offices:
        posts.setdefault(office.post_iri, office)
        roles[office.role_iri] = office.post
    for iri in sorted(posts):
        office = posts[iri]
        parts.append(
            f"<{iri}> a org:Post ;\n    rdfs:label {_label(office.post)} ;\n"
            f"    org:postIn {actor_ref(office.organization)} ;\n"
            f"    org:role <{office.role_iri}> .\n"
        )
    if holds:
        held: dict[str, set[str]] = defaultdict(set)
        for office in offices:
            if office.end is None:
                held[office.person].add(office.post_iri)
        for person in sorted(held):
            objects = ", ".join(f"<{iri}>" for iri in sorted(held[person]))
            parts.append(f"{actor_ref(person)} org:holds {objects} .\n")
    for iri in sorted(roles):
        parts.append(f"<{iri}> a org:Role ; rdfs:label {_label(roles[iri])} .\n")
    for day in sorted(days):
        parts.append(f"{_day_iri(day)} a time:Instant ; time:inXSDDate {_date(day)} .\n")
    return "\n".join(parts)
