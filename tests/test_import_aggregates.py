"""The daily aggregates stay equal to the reaction and attack nodes they count, through
re-imports and imports that add to days already counted."""

from __future__ import annotations

from pathlib import Path

from test_import_support import GDELT2, import_into, select

COUNTS = """SELECT ?class ?source ?target ?day ?n WHERE {
  ?o a qb:Observation ; dkg:edgeClass ?class ; dkg:sourceActor ?source ; dcterms:date ?day ;
     dkg:count ?n . OPTIONAL { ?o dkg:targetActor ?target } }"""


def _observations(store: Path) -> set[tuple[str, ...]]:
    return {tuple(sorted(row.items())) for row in select(store, COUNTS)}  # type: ignore[misc]


def _renumbered(lines: list[str]) -> list[str]:
    """The same rows as new events: other ids, other source articles."""
    out = []
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        fields[0], fields[60] = "9" + fields[0], fields[60] + "?again"
        out.append("\t".join(fields) + "\n")
    return out


def test_importing_in_two_overlapping_parts_counts_like_one_import(tmp_path: Path) -> None:
    lines = GDELT2.read_text(encoding="utf-8").splitlines(keepends=True)
    again = _renumbered(lines[:300])  # more reactions on days already counted
    first, second, whole = tmp_path / "1.CSV", tmp_path / "2.CSV", tmp_path / "all.CSV"
    first.write_text("".join(lines[:300]), encoding="utf-8")
    second.write_text("".join(lines[250:] + again), encoding="utf-8")
    whole.write_text("".join(lines + again), encoding="utf-8")
    import_into(tmp_path / "parts", "gdelt", [first])
    report = import_into(tmp_path / "parts", "gdelt", [second])
    import_into(tmp_path / "whole", "gdelt", [whole])
    assert report.aggregates.changed > 0
    assert _observations(tmp_path / "parts") == _observations(tmp_path / "whole")


def test_reimporting_does_not_double_count(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [GDELT2])
    before = _observations(store)
    copy = tmp_path / "same-rows-new-name.CSV"
    copy.write_bytes(GDELT2.read_bytes() + b"\n")  # other bytes: not skipped as unchanged
    report = import_into(store, "gdelt", [copy])
    assert report.stats.events == 0
    assert _observations(store) == before


def test_the_counts_sum_to_the_reactions_they_count(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [GDELT2])
    total = sum(int(row["n"]) for row in select(store, COUNTS) if row["class"].endswith("Blame"))
    rows = select(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a dkg:Blame ; dkg:agent ?a }")
    assert total == int(rows[0]["n"]) > 0
