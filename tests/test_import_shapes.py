"""What ``kg import`` writes conforms to the SHACL shapes (``kg validate``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Store
from test_import_support import ACLED, GDELT2, ICEWS, PLOVER, import_into

from kg.validate import validate_quads

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
# The document rules accept dataset records once Reaction-evidence-count and
# Event-evidence-count are node shapes with an sh:or (see kg/importers/nquads.py).
ACCEPTS_RECORDS = re.search(
    r"dkgsh:Reaction-evidence-count a sh:NodeShape", SHAPES.read_text(encoding="utf-8")
)


def _head(source: Path, lines: int, target: Path) -> Path:
    target.write_text(
        "".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]),
        encoding="utf-8",
    )
    return target


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.skipif(
    ACCEPTS_RECORDS is None,
    reason="ontology/shapes.ttl does not yet let a reaction's evidence be a dataset record",
)
def test_imported_records_reactions_attacks_and_aggregates_conform(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [_head(GDELT2, 150, tmp_path / "g.CSV")])
    import_into(store, "icews", [_head(ICEWS, 151, tmp_path / "i.tab")])
    import_into(store, "plover", [PLOVER])
    import_into(store, "acled", [ACLED])
    report = validate_quads(Store.read_only(str(store)), SHAPES)
    assert report.conforms, report.text()
