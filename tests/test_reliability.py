"""Bad input, kills and concurrent readers lose nothing and corrupt nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_ANNOTATION, SEED_TEXT
from kg import KnowledgeGraph
from kg.annotation import AnnotationError, load_annotation
from kg.rdf import document_iri, document_quads
from kg.reading import ReadingKind, reading_graph


def make_copies(folder: Path, n: int) -> list[Path]:
    """``n`` annotation files of the seed article, each with its own document id."""
    (folder / "article.txt").write_bytes(SEED_TEXT.read_bytes())
    seed = SEED_ANNOTATION.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"copy-{i:03d}.yaml"
        path.write_text(seed.replace("id: belgorod-2023-12-30", f"id: copy-{i:03d}"), "utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_a_killed_add_leaves_whole_documents_and_a_rerun_completes(tmp_path: Path) -> None:
    files = make_copies(tmp_path, 150)
    store = tmp_path / "store"
    expected = len(document_quads(load_annotation(SEED_ANNOTATION)))
    command = [sys.executable, "-m", "kg", "add", "--store", str(store), *map(str, files)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    for line in child.stdout:  # kill once some documents are in, mid-way through the rest
        if line.startswith("added: copy-010"):
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    with KnowledgeGraph.open(store) as kg:  # opens cleanly after the kill
        present = kg.documents()
        assert 10 <= len(present) < 150
        for doc_id in present:  # every document is all there, or not there at all
            assert len(list(kg.store.quads(document_iri(doc_id)))) == expected

    subprocess.run(command, check=True, capture_output=True)
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.documents()) == 150
        assert len(kg.to_json()["reactions"]) == 150 * 10


@pytest.mark.slow
def test_a_reader_keeps_answering_while_a_writer_adds(tmp_path: Path) -> None:
    files = make_copies(tmp_path, 60)
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.add_annotation(files[0])
    writer = subprocess.Popen(
        [sys.executable, "-m", "kg", "add", "--store", str(store), *map(str, files[1:])],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    answers = 0
    while writer.poll() is None and answers < 200:
        with KnowledgeGraph.open(store, read_only=True) as reader:
            assert len(reader.run("who-condemns-whom")) == 2
        answers += 1
        time.sleep(0.01)
    assert writer.wait() == 0
    assert answers > 0


def test_a_second_writer_gets_a_clear_locked_message(tmp_path: Path) -> None:
    files = make_copies(tmp_path, 1)
    store = tmp_path / "store"
    with KnowledgeGraph.open(store):
        run = subprocess.run(
            [sys.executable, "-m", "kg", "add", "--store", str(store), str(files[0])],
            capture_output=True,
            text=True,
        )
    assert run.returncode == 1
    assert (
        run.stderr.strip()
        == f"error: store {store} is locked: another process has it open for writing"
    )


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | SAFE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SAFE_TEXT, inner, max_size=4),
    max_leaves=12,
)
REACTION = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["condemns", "blames", "praises", 3, None]),
        "agent": st.sampled_from(["RUS", "UKR.ZELENSKY", "XXX", "", 7]),
        "evidence": st.one_of(
            SAFE_TEXT, st.just("Ukrainian strikes"), st.lists(VALUES, max_size=2)
        ),
    },
    optional={
        "target": st.sampled_from(["USA", "NATO", None, "zz"]),
        "hedged": VALUES,
        "about": VALUES,
        "extra": VALUES,
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reactions=st.lists(REACTION, max_size=3), noise=VALUES)
def test_any_annotation_file_loads_or_gives_one_located_error(
    tmp_path: Path, reactions: list[object], noise: object
) -> None:
    (tmp_path / "article.txt").write_bytes(SEED_TEXT.read_bytes())
    path = tmp_path / "fuzz.yaml"
    body = {"document": {"id": "fuzz", "text_file": "article.txt"}, "reactions": reactions}
    if noise is not None:
        body["events"] = noise
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    try:
        doc = load_annotation(path)
    except AnnotationError as exc:
        assert str(exc).startswith(str(path))
        assert "\n" not in exc.message.strip() or "evidence" in exc.message
    else:
        assert doc.id == "fuzz"
        KnowledgeGraph.memory().add_document(doc)


#: Scalars that are well-formed YAML but name values Python cannot build or the model
#: refuses: impossible dates and timestamps, numbers past ``int()``'s digit limit, huge
#: casualty figures. Written as YAML text, since no Python value is a 30th of February.
DATE_TEXT = st.builds(
    "{:04d}-{:02d}-{:02d}{}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["", "T10:00:00Z", " 25:61:61", "T23:59:60+14:00"]),
)
NUMBER_TEXT = st.one_of(
    st.integers(0, 6000).map(lambda n: "9" * n or "0"),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["10000000", "10000001", "1e400", "0x" + "f" * 5000, "-0", ".inf"]),
)
SCALAR_TEXT = st.one_of(DATE_TEXT, NUMBER_TEXT, st.sampled_from(["null", "~", "''"]))


@st.composite
def nested_text(draw: st.DrawFn) -> str:
    """A value nested ``depth`` levels, in flow style (``[[[``) or block style (``- - -``)."""
    depth = draw(st.integers(1, 3000))
    inner = draw(SCALAR_TEXT)
    if draw(st.booleans()):
        return "[" * depth + inner + "]" * depth
    depth = min(depth, 300)  # block style grows by depth squared
    return (
        "\n" + "".join("  " * (i + 3) + "- \n" for i in range(depth)) + "  " * (depth + 2) + inner
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    doc_date=SCALAR_TEXT,
    event_date=SCALAR_TEXT,
    killed=st.one_of(NUMBER_TEXT, nested_text()),
    injured_max=NUMBER_TEXT,
    start=st.one_of(NUMBER_TEXT, st.just("null")),
    label=st.one_of(SCALAR_TEXT, nested_text()),
)
def test_annotations_with_impossible_dates_huge_numbers_or_deep_nesting_fail_cleanly(
    tmp_path: Path,
    doc_date: str,
    event_date: str,
    killed: str,
    injured_max: str,
    start: str,
    label: str,
) -> None:
    """Relatives of the inputs that once ended in a traceback (a 30th of February, a
    5,001-digit number, 5,000 nested brackets, a 26-digit death toll): each either loads
    or raises the one-line, located ``AnnotationError``; no other exception escapes."""
    (tmp_path / "article.txt").write_bytes(SEED_TEXT.read_bytes())
    path = tmp_path / "fuzz.yaml"
    path.write_text(
        "document:\n"
        "  id: fuzz\n"
        "  text_file: article.txt\n"
        f"  date: {doc_date}\n"
        "events:\n"
        "  - id: e1\n"
        "    kind: strike\n"
        f"    date: {event_date}\n"
        f"    label: {label}\n"
        "    evidence: Ukrainian strikes\n"
        f"    killed: {{min: {killed}}}\n"
        f"    injured: {{min: 1, max: {injured_max}}}\n"
        "reactions:\n"
        "  - {type: condemns, agent: RUS, evidence: "
        f"[{{text: Ukrainian strikes, start: {start}}}]}}\n",
        encoding="utf-8",
    )
    try:
        doc = load_annotation(path)
    except AnnotationError as exc:
        assert str(exc).startswith(f"{path}:")
        assert "\n" not in str(exc)
    else:
        assert doc.id == "fuzz"
        KnowledgeGraph.memory().add_document(doc)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_an_annotation_file_give_an_annotation_error(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(raw)
    with pytest.raises(AnnotationError):
        load_annotation(path)


#: Enough articles that ingesting them takes several seconds, so the kill lands mid-way:
#: with 80, a quiet machine ingested all of them before the poll saw the first five; the
#: poll now waits for two.
ARTICLES = 100


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_documents_and_a_rerun_adds_no_duplicates(
    tmp_path: Path,
) -> None:
    articles = []
    text = SEED_TEXT.read_text(encoding="utf-8")
    for i in range(ARTICLES):
        path = tmp_path / f"article-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        articles.append(path)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kg", "ingest", "--store", str(store), "--date", "2023-12-30"]
    command += [str(p) for p in articles]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once the first documents are committed
        time.sleep(0.05)
        try:
            with KnowledgeGraph.open(store, read_only=True) as kg:
                if len(kg.documents()) >= 2:
                    break
        except Exception:  # the store may not exist yet
            continue
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    with KnowledgeGraph.open(store) as kg:
        present = kg.documents()
        extracted = [reading_graph(d, ReadingKind.EXTRACTED) for d in present]
        sizes = {len(set(kg.store.quads(graph))) for graph in extracted}
    assert 2 <= len(present) < ARTICLES
    assert len(sizes) == 1 and 0 not in sizes  # every document complete, none half-written

    subprocess.run(command, check=True, capture_output=True)
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.documents()) == ARTICLES
        per_doc = len(kg.to_json()["reactions"]) / ARTICLES
        assert per_doc == int(per_doc) >= 7
