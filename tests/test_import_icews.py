"""``kg import icews``: real ICEWS rows, counted against an independent count with ``csv``."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from test_import_support import ICEWS, cameo_reaction, coded_events, import_into, select

from kg.actors import ActorRegistry
from kg.importers.geo import COUNTRY_NAME_ALIASES
from kg.model import ActorKind

GOVERNMENT = {"Government", "Executive", "Executive Office", "Cabinet", "Foreign Ministry",
              "Military", "Police", "Judicial", "Legislative / Parliamentary"}  # fmt: skip
NOT_STATE = {"Dissident", "Protestors / Popular Opposition / Mobs", "Insurgents", "Rebels",
             "Opposition Major Party (Out Of Government)", "Criminals / Gangs",
             "Unidentified Forces", "Separatists", "Radicals / Extremists / Fundamentalists",
             "Opposition Minor Party (Out Of Government)"}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("icews") / "store"
    import_into(path, "icews", [ICEWS])
    return path


def _state(name: str) -> str | None:
    if name.casefold() in COUNTRY_NAME_ALIASES:
        return COUNTRY_NAME_ALIASES[name.casefold()]
    states = [a.id for a in ActorRegistry.default().lookup(name) if a.kind is ActorKind.STATE]
    return states[0] if len(states) == 1 else None


def _agent(name: str, sectors: str, country: str) -> str | None:
    state = _state(country) if country != "NA" else None
    found = set(sectors.split(","))
    if state is None:
        igos = [a.id for a in ActorRegistry.default().lookup(name) if a.kind is ActorKind.IGO]
        ok = "International Government Organization" in found or found <= {"NA"}
        return igos[0] if ok and len(igos) == 1 else None
    if name == country or _state(name) == state:
        return state
    governs = found & GOVERNMENT or {s for s in found if s.endswith("Ministry")}
    return state if governs and not found & NOT_STATE else None


def independent_icews() -> tuple[int, Counter[str]]:
    with ICEWS.open(encoding="utf-8", newline="") as f:
        rows = {r["Event ID"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    reactions: Counter[str] = Counter()
    for r in rows.values():
        kind = cameo_reaction(r["CAMEO Code"])
        if kind and _agent(r["Source Name"], r["Source Sectors"], r["Source Country"]):
            reactions[kind] += 1
    return len(rows), reactions


def test_icews_sample_gives_one_coded_event_per_event_id(store: Path) -> None:
    events, _ = independent_icews()
    assert coded_events(store, "icews") == events == 800


def test_icews_sample_reactions_by_type_match_an_independent_count(store: Path) -> None:
    from test_import_support import reactions_by_type

    _, reactions = independent_icews()
    assert reactions_by_type(store, "icews") == reactions
    assert reactions["condemns"] > 0


def test_a_named_foreign_ministry_is_the_speaker(store: Path) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?speaker ?agent WHERE { ?r dkg:speaker ?speaker ; dkg:agent ?agent }",
    )
    pairs = {(r["speaker"].rsplit("/", 1)[1], r["agent"].rsplit("/", 1)[1]) for r in rows}
    assert ("RUS.MFA", "RUS") in pairs
