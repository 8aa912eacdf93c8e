"""Hostile or broken annotation files: one located error line, never a traceback, never a
read outside the annotation's folder, and the store exactly as it was."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION, SEED_TEXT
from kg import KnowledgeGraph
from kg.annotation import AnnotationError, load_annotation
from kg.extract.batch import MAX_BYTES
from kg.model import MAX_CASUALTIES

#: Enough address space for ``python -m kg add`` (about 1 GB of it mapped at start), far
#: less than reading ``/dev/zero`` without bound would take.
ADDRESS_SPACE = 3 * 1024**3


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def kg_add(store: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """``kg add`` in a child process with bounded memory and time: a regression that reads
    without bound or blocks fails the test instead of taking the machine down."""
    return subprocess.run(
        [sys.executable, "-m", "kg", "add", "--store", str(store), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )


def store_content(store: Path) -> list[str]:
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return sorted(str(q) for q in kg.store.quads())


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk holding the seed document, which every refused file must leave."""
    store = tmp_path_factory.mktemp("safety") / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.add_annotation(SEED_ANNOTATION)
    return store


def annotation_with_text_file(folder: Path, text_file: str) -> Path:
    """An annotation whose ``text_file`` (on line 3) is ``text_file``."""
    path = folder / "annotation.yaml"
    path.write_text(
        f"document:\n  id: hostile\n  text_file: {text_file!r}\nreactions: []\n", "utf-8"
    )
    return path


def assert_refused_at_line(
    run: subprocess.CompletedProcess[str], path: Path, line: int, message: str
) -> None:
    assert run.returncode == 1, run.stderr
    assert run.stderr == f"error: {path}:{line}: {message}\n"
    assert run.stdout == ""


# ----------------------------------------------------------------------------- text_file


def test_text_file_naming_an_absolute_path_outside_the_folder_is_refused(
    tmp_path: Path, seeded_store: Path
) -> None:
    before = store_content(seeded_store)
    path = annotation_with_text_file(tmp_path, "/etc/passwd")
    run = kg_add(seeded_store, path)
    assert_refused_at_line(
        run,
        path,
        3,
        f"text_file '/etc/passwd' is outside the annotation file's folder ({tmp_path.resolve()})",
    )
    assert store_content(seeded_store) == before


def test_text_file_climbing_out_with_dot_dot_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("not for publication", "utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    path = annotation_with_text_file(inner, "../secret.txt")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == (
        f"{path}:3: text_file '../secret.txt' is outside the annotation file's folder "
        f"({inner.resolve()})"
    )


def test_text_file_that_is_a_symlink_pointing_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("not for publication", "utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "article.txt").symlink_to(tmp_path / "secret.txt")
    path = annotation_with_text_file(inner, "article.txt")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == (
        f"{path}:3: text_file 'article.txt' is outside the annotation file's folder "
        f"({inner.resolve()})"
    )


def test_text_file_that_is_a_symlink_inside_the_folder_is_read(tmp_path: Path) -> None:
    """Links are resolved, not banned: one that stays in the folder is an ordinary file."""
    (tmp_path / "original.txt").write_bytes(SEED_TEXT.read_bytes())
    (tmp_path / "article.txt").symlink_to("original.txt")
    path = tmp_path / "annotation.yaml"
    path.write_text(SEED_ANNOTATION.read_text("utf-8"), "utf-8")
    assert load_annotation(path).text == SEED_TEXT.read_text("utf-8")


def test_text_file_naming_dev_zero_fails_at_once_without_reading(
    tmp_path: Path, seeded_store: Path
) -> None:
    """Through a link in the folder, so that the folder rule alone would not stop it."""
    (tmp_path / "article.txt").symlink_to("/dev/zero")
    path = annotation_with_text_file(tmp_path, "article.txt")
    before = store_content(seeded_store)
    run = kg_add(seeded_store, path)
    assert_refused_at_line(
        run, path, 3, f"text_file 'article.txt' is outside the annotation file's folder "
        f"({tmp_path.resolve()})"
    )  # fmt: skip
    assert store_content(seeded_store) == before


def test_text_file_that_is_a_device_in_the_folder_is_refused_as_not_a_regular_file(
    tmp_path: Path,
) -> None:
    """A folder may hold a device node (``/dev`` itself): the regular-file rule stops it."""
    path = Path("/dev") / "annotation.yaml"  # never written: only its parent matters
    with pytest.raises(AnnotationError) as caught:
        from kg.annotation import _read_text_file

        _read_text_file(path, 3, "zero")
    assert str(caught.value) == "/dev/annotation.yaml:3: text_file 'zero' is not a regular file"


def test_text_file_that_is_a_fifo_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, seeded_store: Path
) -> None:
    os.mkfifo(tmp_path / "article.txt")
    path = annotation_with_text_file(tmp_path, "article.txt")
    before = store_content(seeded_store)
    run = kg_add(seeded_store, path)  # would block on open() for ever without O_NONBLOCK
    assert_refused_at_line(run, path, 3, "text_file 'article.txt' is not a regular file")
    assert store_content(seeded_store) == before


def test_text_file_larger_than_the_extraction_limit_is_refused(tmp_path: Path) -> None:
    with open(tmp_path / "article.txt", "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used
    path = annotation_with_text_file(tmp_path, "article.txt")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == (
        f"{path}:3: text_file 'article.txt' is larger than the limit of 2,000,000 bytes"
    )


def test_text_file_that_does_not_exist_is_named_at_its_line(tmp_path: Path) -> None:
    path = annotation_with_text_file(tmp_path, "missing.txt")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == f"{path}:3: text_file 'missing.txt' does not exist"


# ----------------------------------------------------------------------------- bad values

SEED_EVENT = """\
document:
  id: bad-values
  text: "Ukrainian strikes hit the city; 24 people were killed."
events:
  - id: e1
    kind: strike
    evidence: Ukrainian strikes
    killed:
      min: {killed}
"""


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        (
            "impossible-date.yaml",
            "document:\n  id: bad-date\n  date: 2023-02-30\n  text: some text\n",
            3,
            "'2023-02-30' is not a valid date: day is out of range for month",
        ),
        (
            "impossible-timestamp.yaml",
            "document:\n  id: bad-date\n  date: 2023-02-30T10:00:00Z\n  text: some text\n",
            3,
            "'2023-02-30T10:00:00Z' is not a valid date: day is out of range for month",
        ),
        (
            "huge-number.yaml",
            SEED_EVENT.format(killed="9" * 5001),
            9,
            "a number of 5,001 characters is too large",
        ),
        (
            "huge-number.json",
            '{"document": {"id": "x", "text": "y"},\n "events": [' + "7" * 5001 + "]}",
            2,
            "a number of 5,001 characters is too large",
        ),
        (
            "deep.yaml",
            "document:\n  id: deep\n  text: x\nevents: " + "[" * 5000 + "]" * 5000 + "\n",
            4,
            "malformed YAML: nested deeper than 64 levels",
        ),
        (
            "deep-block.yaml",
            "events:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
            65,
            "malformed YAML: nested deeper than 64 levels",
        ),
        (
            "too-many-killed.yaml",
            SEED_EVENT.format(killed="12345678901234567890123456"),
            9,
            "events.0.killed.min: Input should be less than or equal to 10000000",
        ),
    ],
)
def test_bad_values_give_one_located_line_and_leave_the_store_unchanged(
    tmp_path: Path, seeded_store: Path, name: str, content: str, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    before = store_content(seeded_store)
    run = kg_add(seeded_store, path)
    assert_refused_at_line(run, path, line, message)
    assert store_content(seeded_store) == before


def test_the_largest_casualty_figure_accepted_is_ten_million(tmp_path: Path) -> None:
    path = tmp_path / "bound.yaml"
    path.write_text(SEED_EVENT.format(killed=MAX_CASUALTIES), "utf-8")
    assert load_annotation(path).events[0].killed.min == 10_000_000  # type: ignore[union-attr]
    path.write_text(SEED_EVENT.format(killed=MAX_CASUALTIES + 1), "utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == (
        f"{path}:9: events.0.killed.min: Input should be less than or equal to 10000000"
    )
