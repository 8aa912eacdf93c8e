"""The daily aggregates are a well-formed RDF Data Cube: after importing the GDELT sample,
the integrity constraints IC-1 (every observation in exactly one data set) and IC-2 (every
data set with exactly one structure) hold, checked by ASK queries written for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import QueryBoolean, Store
from test_import_support import GDELT2, import_into, select

DATACUBE = Path(__file__).resolve().parent / "data" / "datacube"


@pytest.fixture(scope="module")
def gdelt_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("datacube") / "store"
    import_into(store, "gdelt", [GDELT2])
    return store


def violated(store: Path, check: str) -> bool:
    query = (DATACUBE / check).read_text(encoding="utf-8")
    answer = Store.read_only(str(store)).query(query, use_default_graph_as_union=True)
    assert isinstance(answer, QueryBoolean)
    return bool(answer)


def test_ic1_every_observation_is_in_exactly_one_data_set(gdelt_store: Path) -> None:
    assert violated(gdelt_store, "ic1-unique-dataset.rq") is False


def test_ic2_every_data_set_has_exactly_one_structure(gdelt_store: Path) -> None:
    assert violated(gdelt_store, "ic2-unique-structure.rq") is False


def test_the_gdelt_cube_holds_every_observation_and_has_five_components(
    gdelt_store: Path,
) -> None:
    rows = select(
        gdelt_store,
        """SELECT ?cube (COUNT(DISTINCT ?obs) AS ?n) (COUNT(DISTINCT ?spec) AS ?components)
           WHERE { ?obs qb:dataSet ?cube . ?cube qb:structure/qb:component ?spec }
           GROUP BY ?cube""",
    )
    total = select(gdelt_store, "SELECT (COUNT(?o) AS ?n) WHERE { ?o a qb:Observation }")
    assert total == [{"n": "24"}]
    assert rows == [
        {"cube": "https://w3id.org/diplomatic-kg/id/aggregate/gdelt", "n": "24", "components": "5"}
    ]


def test_coded_events_name_their_source_article_by_iri(gdelt_store: Path) -> None:
    rows = select(
        gdelt_store,
        """SELECT (COUNT(?url) AS ?n) (SUM(IF(isIRI(?url), 1, 0)) AS ?iris)
           WHERE { ?e a dkg:CodedEvent ; <https://schema.org/url> ?url }""",
    )
    assert rows == [{"n": "497", "iris": "497"}]  # before: 497 xsd:anyURI literals
