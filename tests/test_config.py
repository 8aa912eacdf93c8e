"""One typed config: every ``KG_*`` variable is read into ``kg.config.Settings``, has a flag
that overrides it and a line in the README, and a bad value is one line naming it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.cli import app
from kg.config import VARIABLES, Settings, configure, settings
from kg.errors import ConfigError
from kg.validation import cache_path

ROOT = Path(__file__).resolve().parent.parent
ALL_SET = {
    "KG_STORE": "http://user:pw@localhost:8890/sparql-auth",
    "KG_UPDATE_ENDPOINT": "http://localhost:3030/ds/update",
    "KG_GRAPH_STORE": "http://localhost:3030/ds/data",
    "KG_UPDATE_TOKEN": "s3cret-token",
    "KG_VALIDATION_CACHE": "/tmp/kg-cache",
}


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Each test reads the environment it set; none leaves its settings to the next."""
    configure(None)
    yield
    configure(None)


def test_each_variable_fills_its_typed_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ALL_SET.items():
        monkeypatch.setenv(name, value)
    assert settings() == Settings(
        store="http://user:pw@localhost:8890/sparql-auth",
        update_endpoint="http://localhost:3030/ds/update",
        graph_store="http://localhost:3030/ds/data",
        update_token="s3cret-token",
        validation_cache=Path("/tmp/kg-cache"),
    )


def test_unset_or_empty_variables_keep_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ALL_SET:
        monkeypatch.delenv(name, raising=False)
    assert settings() == Settings("kg-store", None, "auto", None, None)
    for name in ALL_SET:
        monkeypatch.setenv(name, "")
    configure(None)
    # An empty KG_GRAPH_STORE has always meant INSERT DATA batches, like 'none'.
    assert settings() == Settings("kg-store", None, None, None, None)


def test_the_environment_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", "first")
    assert settings().store == "first"
    monkeypatch.setenv("KG_STORE", "second")
    assert settings().store == "first"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("KG_STORE", "  ", "KG_STORE: is blank; give a store folder or a SPARQL endpoint URL"),
        ("KG_STORE", "http://", "KG_STORE: 'http://' is not a valid endpoint URL (no host)"),
        (
            "KG_UPDATE_ENDPOINT",
            "localhost:3030/ds/update",
            "KG_UPDATE_ENDPOINT: 'localhost:3030/ds/update' is not an http(s) URL",
        ),
        (
            "KG_GRAPH_STORE",
            "ftp://x",
            "KG_GRAPH_STORE: 'ftp://x' is not 'auto', 'none' or an http(s) URL",
        ),
        (
            "KG_UPDATE_TOKEN",
            "two words",
            "KG_UPDATE_TOKEN: the token must be printable ASCII without spaces",
        ),
        (
            "KG_VALIDATION_CACHE",
            str(ROOT / "README.md"),
            f"KG_VALIDATION_CACHE: {ROOT / 'README.md'} exists and is not a folder",
        ),
    ],
)
def test_a_bad_value_is_an_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        settings()
    assert str(raised.value) == message


def test_the_command_line_says_a_bad_variable_in_one_line_and_exits_1(tmp_path: Path) -> None:
    run = CliRunner().invoke(
        app, ["documents", "--store", str(tmp_path)], env={"KG_GRAPH_STORE": "ftp://x"}
    )
    assert (run.exit_code, run.stderr) == (
        1,
        "error: KG_GRAPH_STORE: 'ftp://x' is not 'auto', 'none' or an http(s) URL\n",
    )


def test_a_flag_overrides_its_variable_and_a_bad_flag_is_named() -> None:
    good = Settings.from_env({"KG_GRAPH_STORE": "ftp://x"}, graph_store="none")
    assert good.graph_store is None
    run = CliRunner().invoke(app, ["--update-endpoint", "nowhere", "documents"], env={})
    assert (run.exit_code, run.stderr) == (
        1,
        "error: --update-endpoint: 'nowhere' is not an http(s) URL\n",
    )


def test_kg_store_names_the_store_unless_store_is_given(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as graph:
        graph.add_annotation(SEED_ANNOTATION)
    from_env = CliRunner().invoke(app, ["documents"], env={"KG_STORE": str(store)})
    assert (from_env.exit_code, from_env.stdout) == (0, "belgorod-2023-12-30\n")
    missing = tmp_path / "missing"
    overridden = CliRunner().invoke(
        app, ["documents", "--store", str(missing)], env={"KG_STORE": str(store)}
    )
    assert overridden.stderr == (
        f"error: no store at {missing}: run 'kg add FILE' first (or pass --store)\n"
    )


def test_the_validation_cache_flag_moves_the_cache(tmp_path: Path) -> None:
    configure(Settings.from_env({}, validation_cache=str(tmp_path / "cache")))
    assert cache_path("http://example.org/sparql").parent == tmp_path / "cache"


def test_the_update_token_file_is_checked_like_the_variable(tmp_path: Path) -> None:
    store = tmp_path / "store"
    KnowledgeGraph.open(store).close()
    token = tmp_path / "token"
    token.write_text("two words\n")
    run = CliRunner().invoke(
        app,
        ["serve", "--store", str(store), "--allow-update", "--update-token-file", str(token)],
        env={"KG_UPDATE_TOKEN": "ignored"},
    )
    assert (run.exit_code, run.stderr) == (
        1,
        "error: --update-token-file: the token must be printable ASCII without spaces\n",
    )


def test_the_readme_has_one_table_row_per_variable() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(KG_[A-Z_]+)` \| `([^`]+)` \|", readme, re.MULTILINE)
    assert rows == [(v.env, v.flag) for v in VARIABLES]
    assert [v.env for v in VARIABLES] == [
        "KG_STORE",
        "KG_UPDATE_ENDPOINT",
        "KG_GRAPH_STORE",
        "KG_UPDATE_TOKEN",
        "KG_VALIDATION_CACHE",
    ]


def test_no_module_but_kg_config_reads_a_kg_variable() -> None:
    readers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "kg").rglob("*.py")
        if re.search(r"environ(\.get)?\(?\[?[\"']KG_", path.read_text(encoding="utf-8"))
        or re.search(r"envvar=[\"']KG_", path.read_text(encoding="utf-8"))
    )
    assert readers == []
