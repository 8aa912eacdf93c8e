"""The extractor's behavioural probes: the probes that fail are exactly those recorded in
``known_failures.txt``, so that a construction newly broken, or newly fixed, shows here.
The probe files themselves are read through a model that names the file and line of a
malformed probe."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import AnnotationError
from kg.extract.probes import Probe, load_probes, run_probe

PROBES = Path(__file__).parent / "data" / "extraction" / "probes"


def known_failures() -> set[str]:
    lines = (PROBES / "known_failures.txt").read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def test_the_probes_that_fail_are_exactly_the_known_failures() -> None:
    failing = {
        probe.id
        for path in sorted(PROBES.glob("*.yaml"))
        for probe in load_probes(path)
        if not run_probe(probe).passed
    }
    assert sorted(failing - known_failures()) == []  # newly failing: a regression
    assert sorted(known_failures() - failing) == []  # newly passing: remove its line


def test_every_probe_file_holds_probes_with_distinct_ids() -> None:
    ids = [p.id for path in sorted(PROBES.glob("*.yaml")) for p in load_probes(path)]
    assert len(ids) == len(set(ids)) == 1000


def test_a_probe_passes_only_when_nothing_is_missing_or_extra() -> None:
    text = "Strike\n\nEthiopian artillery shelled Mandera, Kenya.\n\nNorway condemned it."
    probe = Probe(
        id="p", capability="c", date="2024-05-07", text=text, reactions=[("NOR", "condemns", None)]
    )
    result = run_probe(probe)
    assert (result.passed, result.missing, result.extra) == (
        False,
        [("NOR", "condemns", None)],
        [("NOR", "condemns", "ETH")],
    )


def test_a_malformed_probe_is_reported_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- id: a\n  capability: c\n  date: 2024-05-07\n  text: t\n  reactions: []\n"
        "- id: b\n  capability: c\n  date: 2024-05-07\n  text: t\n"
        "  reactions: [[NOR, praises, null]]\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError, match=r"bad\.yaml:6: reactions\.0\.1: "):
        load_probes(path)


def test_the_held_out_probes_are_well_formed() -> None:
    held = sorted((PROBES.parent / "probes-heldout").glob("*.yaml"))
    assert [path.name for path in held] == ["heldout.yaml", "heldout2.yaml"]
    ids = [p.id for path in held for p in load_probes(path)]
    assert len(ids) == len(set(ids)) == 300
