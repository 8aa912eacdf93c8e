"""``kg import plover``: the PLOVER gold-standard records (JSON), streamed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_import_support import PLOVER, coded_events, import_into, reactions_by_type, select

from kg.importers.actorcodes import ActorResolver
from kg.importers.plover import read_plover
from kg.importers.source import Rejection, Skipped


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("plover") / "store"
    return path, import_into(path, "plover", [PLOVER])


def _records() -> list[dict[str, object]]:
    return [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]


def test_the_documentation_record_is_skipped_and_counted(imported: tuple[Path, object]) -> None:
    _, report = imported
    assert report.stats.skipped == 1  # type: ignore[attr-defined]


def test_a_record_whose_target_is_a_string_is_rejected_with_its_line() -> None:
    items = list(read_plover(PLOVER, ActorResolver()))
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(rejections) == 1
    line = PLOVER.read_text(encoding="utf-8").splitlines()[rejections[0].number - 1]
    assert line.strip() == "{"
    assert (
        "PLOVER-GSR01-AGREE-0007"
        in PLOVER.read_text(encoding="utf-8").splitlines()[rejections[0].number]
    )
    assert "target" in rejections[0].message
    assert not [i for i in items if isinstance(i, Skipped) and i.number == rejections[0].number]


def test_every_other_record_becomes_coded_events(imported: tuple[Path, object]) -> None:
    store, _ = imported
    good = [r for r in _records() if r["id"] != "PLOVER-GSR01-AGREE-0007"]
    assert coded_events(store, "plover") >= len(good)


def test_plover_reactions_match_an_independent_count(imported: tuple[Path, object]) -> None:
    store, _ = imported
    resolver = ActorResolver()
    expected: Counter[str] = Counter()
    names = {"DISAPPROVE": "condemns", "SUPPORT": "supports", "THREATEN": "threatens"}
    for r in _records():
        kind = names.get(str(r["event"]))
        sources = r.get("source") or []
        agents = {
            a.actor
            for s in sources  # type: ignore[attr-defined]
            if (
                a := resolver.plover(s.get("code", ""), s.get("sector", ""), s.get("actorText", ""))
            )
        }
        if kind and agents:
            expected[kind] += len(agents)
    assert reactions_by_type(store, "plover") == expected


def test_plover_codes_link_to_the_plover_scheme(imported: tuple[Path, object]) -> None:
    store, _ = imported
    rows = select(store, "SELECT DISTINCT ?code WHERE { ?e a dkg:CodedEvent ; "
                  "<http://semanticweb.cs.vu.nl/2009/11/sem/eventType> ?code }")  # fmt: skip
    codes = {r["code"] for r in rows}
    assert "https://w3id.org/diplomatic-kg/scheme/plover/ACCUSE-disapprove" in codes
    assert all(c.startswith("https://w3id.org/diplomatic-kg/scheme/plover/") for c in codes)
