"""Decisions by hand: splits and merges of canonical events, replayed on every build.

A small YAML file (path given by the user)::

    format: diplomatic-kg/fusion-decisions@1
    split:                       # these accounts leave their canonical events, together
      - [doc-b#e1]
    merge:                       # the canonical events of these accounts become one
      - [doc-a#e2, doc-c#e1]

Accounts are named ``<document id>#<event local id>``. Splits are replayed first, then
merges, each in file order; replaying them on a clustering that already follows them
changes nothing. A merge keeps the IRI of the first account's canonical event; a split
group takes the IRI its smallest account IRI gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.annotation import AnnotationError
from kg.fusion.cluster import Cluster, Fusion, canonical_iri

__all__ = ["Decisions", "apply_decisions", "load_decisions"]


class Decisions(BaseModel):
    """A decisions file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["diplomatic-kg/fusion-decisions@1"] = "diplomatic-kg/fusion-decisions@1"
    split: list[list[str]] = Field(default_factory=list)
    merge: list[list[str]] = Field(default_factory=list)


def load_decisions(path: str | Path) -> Decisions:
    """Read a decisions file; a bad one raises ``AnnotationError`` as ``FILE:LINE: why``.

    Raises
    ------
    AnnotationError
        The file cannot be read, is not YAML, or is not of the decisions format.
    """
    try:
        data: Any = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise AnnotationError(path, line, str(exc.problem)) from exc
    except OSError as exc:
        raise AnnotationError(path, None, f"cannot read: {exc.strerror}") from exc
    try:
        return Decisions.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise AnnotationError(path, None, f"{where}: {first['msg']}") from exc


def _resolve(fusion: Fusion, refs: list[str], path: str) -> list[str]:
    by_ref = {m.ref: m.iri for c in fusion.clusters.values() for m in c.members}
    unknown = [r for r in refs if r not in by_ref]
    if unknown:
        raise AnnotationError(path, None, f"no such account: {unknown[0]}")
    return [by_ref[r] for r in refs]


def apply_decisions(fusion: Fusion, decisions: Decisions, path: str = "decisions") -> None:
    """Replay the decisions on a clustering, in place.

    Raises
    ------
    AnnotationError
        A decision names an account that is in no cluster.
    """
    for group in decisions.split:
        iris = set(_resolve(fusion, group, path))
        members = [
            m for c in fusion.clusters.values() for m in c.members if m.iri in iris
        ]
        if any(set(m.iri for m in c.members) == iris for c in fusion.clusters.values()):
            continue
        for cluster in list(fusion.clusters.values()):
            cluster.members = [m for m in cluster.members if m.iri not in iris]
            if not cluster.members:
                del fusion.clusters[cluster.iri]
        new = canonical_iri(min(iris))
        fusion.clusters[new] = Cluster(new, [])
        for member in members:
            fusion.clusters[new].members.append(member)
            fusion.cluster_of[member.iri] = new
    for group in decisions.merge:
        listed = _resolve(fusion, group, path)
        keep = fusion.cluster_of[listed[0]]
        for iri in listed[1:]:
            other = fusion.cluster_of[iri]
            if other == keep:
                continue
            for member in fusion.clusters.pop(other).members:
                fusion.clusters[keep].members.append(member)
                fusion.cluster_of[member.iri] = keep
