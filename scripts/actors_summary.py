"""The summary ``gen_actors.py`` prints of what it wrote: counts by kind, labels, codes,
memberships, and the labels several actors share (a lookup returns them all)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pyoxigraph

from kg.actors import normalize_name as match_key
from kg.model import Actor


def summary(actors: list[Actor], curated: dict[str, Any], report: Any, text: str) -> list[str]:
    """The lines to print after writing ``text`` (the Turtle of ``actors``)."""
    out: list[str] = []
    counts = Counter(a.kind.value for a in actors)
    triples = sum(1 for _ in pyoxigraph.parse(text, pyoxigraph.RdfFormat.TURTLE))
    out.append(
        f"  actors: {len(actors)} = {counts['state']} states, {counts['igo']} organisations, "
        f"{counts['body']} bodies, {counts['person']} persons, "
        f"{counts['armed_group']} armed groups"
    )
    out.append(f"  triples: {triples}")
    out.append(f"  wikidata QIDs: {sum(1 for a in actors if a.wikidata)}")
    out.append(
        f"  aliases: {sum(len(a.aliases) for a in actors)}, "
        f"demonyms: {sum(len(a.demonyms) for a in actors)}, "
        f"metonyms: {sum(len(a.metonyms) for a in actors)}"
    )
    out.append(
        "  memberships: "
        + ", ".join(
            f"{g} {sum(1 for a in actors if g in a.member_of)}"
            for g in sorted(curated.get("memberships") or {})
        )
    )
    out.append(
        f"  CAMEO country codes: {len(report.by_code)} by code and label, "
        f"{len(report.by_exception)} by curated exception ({', '.join(report.by_exception)}), "
        f"{len(report.by_label)} by label ({', '.join(report.by_label)})"
    )
    out.append(f"  CAMEO country rows skipped ({len(report.skipped)}): {'; '.join(report.skipped)}")
    cameo_orgs = sorted(
        f"{a.id}={a.cameo}" for a in actors if a.cameo and a.kind in ("igo", "armed_group")
    )
    out.append(f"  CAMEO known-group codes: {', '.join(cameo_orgs)}")
    clashes = _label_clashes(actors)
    if clashes:
        out.append(f"  labels shared by several actors ({len(clashes)}): {'; '.join(clashes)}")
    return out


def _label_clashes(actors: list[Actor]) -> list[str]:
    """Labels that name more than one actor (a lookup returns them all)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for label in [actor.name, *actor.aliases, *actor.demonyms, *actor.metonyms]:
            owners[match_key(label)].add(actor.id)
    return sorted(f"{k!r}: {', '.join(sorted(v))}" for k, v in owners.items() if len(v) > 1)


