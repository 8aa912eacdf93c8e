"""The ``kg`` command as a user runs it: a real process, a real store on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION

KG = [sys.executable, "-m", "kg"]


def kg(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, env=env)
    if check and run.returncode != 0:
        raise AssertionError(f"kg {args} failed ({run.returncode}):\n{run.stderr}")
    return run


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    kg("add", "--store", path, SEED_ANNOTATION)
    return path


def snapshot(store: Path) -> bytes:
    return kg("export", "--store", store, "--format", "nq").stdout.encode()


def test_add_reports_the_document(tmp_path: Path) -> None:
    run = kg("add", "--store", tmp_path / "s", SEED_ANNOTATION)
    assert "added: belgorod-2023-12-30" in run.stdout


def test_adding_again_reports_unchanged(store: Path) -> None:
    assert "unchanged: belgorod-2023-12-30" in kg("add", "--store", store, SEED_ANNOTATION).stdout


def test_a_named_query_prints_csv(store: Path) -> None:
    run = kg(
        "query", "who-blames-whom", "--store", store, "--param", "agent=RUS", "--format", "csv"
    )
    lines = run.stdout.splitlines()
    assert lines[0].startswith("agent,agent_label,target,target_label")
    assert {line.split(",")[3] for line in lines[1:]} == {
        "United States",
        "United Kingdom",
        "Ukraine",
    }


def test_an_inline_query_prints_json(store: Path) -> None:
    run = kg(
        "query",
        "--store",
        store,
        "--format",
        "json",
        "-e",
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?who WHERE { ?who dkg:expressesSolidarityWith ?whom }",
    )
    assert json.loads(run.stdout) == [{"who": "https://w3id.org/diplomatic-kg/id/actor/NATO"}]


def test_a_query_file_takes_parameters(store: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        "# Whom does an actor condemn?\n# param agent: actor required = the agent\n"
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
        "SELECT ?agent ?target WHERE { ?agent dkg:condemns ?target }\n",
        encoding="utf-8",
    )
    run = kg("query", "--store", store, "--file", query, "-p", "agent=RUS", "--format", "csv")
    assert run.stdout.splitlines()[1].endswith("/actor/UKR")


def test_the_table_output_shortens_iris(store: Path) -> None:
    run = kg("query", "who-condemns-whom", "--store", store, "--format", "table")
    assert "id:actor/RUS" in run.stdout and "Ukraine" in run.stdout


def test_query_list_names_every_query(store: Path) -> None:
    assert "who-condemns-whom" in kg("query", "--list").stdout


def test_export_json_is_the_interchange_view(store: Path) -> None:
    view = json.loads(kg("export", "--store", store, "--format", "json").stdout)
    assert view["format"] == "diplomatic-kg/json@1" and len(view["reactions"]) == 10


def test_export_turtle_to_a_file(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.ttl"
    kg("export", "--store", store, "--format", "ttl", "--output", out)
    assert "dkg:Condemnation" in out.read_text(encoding="utf-8")


def test_schema_prints_json_schema() -> None:
    assert json.loads(kg("schema").stdout)["title"] == "AnnotationFile"


def test_summary_names_the_most_condemned_actor(store: Path) -> None:
    assert "most condemned: Ukraine (1)" in kg("summary", "--store", store).stdout


def bad_file(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "article.txt").write_bytes(SEED_ANNOTATION.with_name("article.txt").read_bytes())
    path = folder / "annotation.yaml"
    path.write_bytes(content)
    return path


SEED = SEED_ANNOTATION.read_bytes()
BAD_FILES = {
    "malformed": SEED.replace(b"kind: strike\n", b"kind: [strike\n", 1),
    "span": SEED.replace(b"swiftly condemned by Moscow", b"quickly condemned by Moscow"),
    "actor": SEED.replace(b"agent: NATO", b"agent: NATOO"),
    "encoding": SEED + b"# \xff\xfe\n",
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gives_one_located_line_and_leaves_the_store_as_it_was(
    store: Path, tmp_path: Path, case: str
) -> None:
    path = bad_file(
        tmp_path, case, BAD_FILES[case].replace(b"id: belgorod-2023-12-30", b"id: other")
    )
    before = snapshot(store)
    run = kg("add", "--store", store, SEED_ANNOTATION, path, check=False)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}:")
    assert lines[0].split(":")[2].strip().isdigit()  # a line number
    assert snapshot(store) == before


def test_an_unknown_named_query_is_an_error(store: Path) -> None:
    run = kg("query", "nope", "--store", store, check=False)
    assert run.returncode == 1 and "no named query 'nope'" in run.stderr


def test_a_hostile_parameter_is_refused(store: Path) -> None:
    before = snapshot(store)
    run = kg(
        "query", "actor-profile", "--store", store, "-p", "actor=RUS> } ; DROP ALL ; #", check=False
    )
    assert run.returncode == 1 and "not an actor code" in run.stderr
    assert snapshot(store) == before


def test_querying_a_missing_store_says_so(tmp_path: Path) -> None:
    run = kg("query", "who-condemns-whom", "--store", tmp_path / "nothing", check=False)
    assert run.returncode == 1 and "no store at" in run.stderr


def test_render_counts_self_reactions_on_the_node_unless_domestic(tmp_path: Path) -> None:
    """The GDELT sample has Armenia condemning and blaming Armenia and Afghanistan calling
    on itself for a ceasefire: no self-loop on the page by default, three with --domestic
    (one per actor and type); and the who-condemns-whom query likewise."""
    import re

    sample = Path(__file__).parent / "data" / "import" / "gdelt2_20191024143000_head600.export.CSV"
    store = tmp_path / "store"
    kg("import", "gdelt", sample, "--store", store)

    def loops(*options: str) -> list[tuple[str, str]]:
        page = tmp_path / "page.html"
        kg("render", "--store", store, "-o", page, *options)
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<script id="kg-main">.*?var data = (\{.*?\});\n', text, re.S)
        assert found is not None
        edges = json.loads(found.group(1))["edges"]
        return [(e["from"], e["to"]) for e in edges if e["from"] == e["to"]]

    assert loops() == []
    assert sorted(loops("--domestic")) == [("AFG", "AFG"), ("ARM", "ARM"), ("ARM", "ARM")]

    def self_rows(*options: str) -> list[tuple[str, int]]:
        run = kg("query", "who-condemns-whom", "--store", store, "--format", "json", *options)
        rows = json.loads(run.stdout)
        return [(r["agent"].rsplit("/", 1)[1], r["reactions"]) for r in rows
                if r["agent"] == r["target"]]  # fmt: skip

    assert self_rows() == []
    assert self_rows("-p", "domestic=true") == [("ARM", 1)]
