"""ACLED versions over a SPARQL endpoint (a real Virtuoso on loopback): the newer version
replaces the stored record and a deletion removes it, as in the embedded store."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from test_import_support import DATA

from kg import KnowledgeGraph
from kg.importers import import_files
from virtuoso import INSTALL_HINT, VirtuosoServer, installed, running_virtuoso

PORTAL = DATA / "acled_portal_made_up.csv"
UPDATES = DATA / "acled_updates_made_up.csv"


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[VirtuosoServer]:
    if not installed():
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI needs Virtuoso for the remote store tests. {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    with running_virtuoso() as server:
        yield server


def test_an_acled_update_on_an_endpoint_gives_what_the_embedded_store_holds(
    virtuoso: VirtuosoServer,
) -> None:
    remote = KnowledgeGraph.connect(virtuoso.endpoint)
    try:
        import_files(remote, "acled", [PORTAL])
        report = import_files(remote, "acled", [UPDATES])
        assert (report.stats.replaced, report.stats.deleted) == (2, 1)
        answer = remote.query(
            "SELECT ?id ?day WHERE { ?e a <https://w3id.org/diplomatic-kg/ontology#CodedEvent> ;"
            " <http://purl.org/dc/terms/identifier> ?id ;"
            " <https://w3id.org/diplomatic-kg/ontology#occurredOn> ?day }"
        )
        held = sorted((str(r["id"]), str(r["day"])[:10]) for r in answer.records())
    finally:
        remote.close()
    embedded = KnowledgeGraph.memory()
    import_files(embedded, "acled", [PORTAL])
    import_files(embedded, "acled", [UPDATES])
    answer = embedded.query(
        "SELECT ?id ?day WHERE { ?e a <https://w3id.org/diplomatic-kg/ontology#CodedEvent> ;"
        " <http://purl.org/dc/terms/identifier> ?id ;"
        " <https://w3id.org/diplomatic-kg/ontology#occurredOn> ?day }"
    )
    expected = sorted((str(r["id"]), str(r["day"])[:10]) for r in answer.records())
    assert len(expected) == 9 and ("XUKR8001", "2022-03-13") in expected
    assert held == expected
