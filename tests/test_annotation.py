"""Reading curated annotation files: every mistake is one located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION, SEED_TEXT
from kg.annotation import AnnotationError, anchor, annotation_schema, load_annotation
from kg.model import Evidence

ARTICLE = "Moscow condemned the strike. Kyiv blamed Moscow.\n"


def write(tmp_path: Path, body: str, article: str = ARTICLE) -> Path:
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    path = tmp_path / "annotation.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """\
document:
  id: tiny
  text_file: article.txt
reactions:
  - type: condemns
    agent: RUS
    evidence: "Moscow condemned the strike."
"""


def test_the_seed_annotation_loads_with_every_span_anchored() -> None:
    doc = load_annotation(SEED_ANNOTATION)
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert doc.text == text
    assert all(text[e.start : e.end] == e.text for e in doc.all_evidence())  # type: ignore[misc]


def test_a_good_minimal_file_loads(tmp_path: Path) -> None:
    doc = load_annotation(write(tmp_path, GOOD))
    assert doc.reactions[0].evidence[0].start == 0


def test_malformed_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    agent: RUS", "    agent: [RUS"))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert str(info.value).startswith(f"{path}:")
    assert info.value.line is not None and info.value.line >= 6


def test_an_unknown_field_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    agent: RUS", "    agent: RUS\n    agnet: UKR"))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.line == 7
    assert "agnet" in info.value.message


def test_an_unknown_reaction_type_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("type: condemns", "type: praises"))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.line == 5


def test_an_unknown_actor_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("agent: RUS", "agent: XYZ"))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.line == 6
    assert "XYZ" in info.value.message


def test_an_evidence_quote_not_in_the_article_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("Moscow condemned the strike.", "Moscow denounced it."))
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.line == 7
    assert "does not occur" in info.value.message


def test_a_wrong_start_offset_is_reported(tmp_path: Path) -> None:
    body = GOOD.replace(
        '    evidence: "Moscow condemned the strike."',
        "    evidence:\n      - text: Moscow condemned the strike.\n        start: 3",
    )
    with pytest.raises(AnnotationError) as info:
        load_annotation(write(tmp_path, body))
    assert "offset 3" in info.value.message and "occurs at 0" in info.value.message


def test_an_ambiguous_quote_asks_for_a_start(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('"Moscow condemned the strike."', "Moscow"))
    with pytest.raises(AnnotationError, match="more than once"):
        load_annotation(path)


def test_straight_quotes_for_curly_ones_get_a_hint() -> None:
    with pytest.raises(ValueError, match="straightening"):
        anchor("it termed ‘terrorist actions’", Evidence(text="'terrorist actions'"))


def test_a_non_utf8_annotation_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "annotation.yaml"
    path.write_bytes(GOOD.encode() + b"# caf\xe9\n")
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.path == str(path) and info.value.line == 8
    assert "UTF-8" in info.value.message


def test_a_non_utf8_article_names_the_article(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    (tmp_path / "article.txt").write_bytes(b"Moscow condemned the strike. \xff\n")
    with pytest.raises(AnnotationError) as info:
        load_annotation(path)
    assert info.value.path.endswith("article.txt")


def test_a_reaction_about_an_unknown_event_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "    about: e9\n")
    with pytest.raises(AnnotationError, match="unknown event 'e9'"):
        load_annotation(path)


def test_a_casualty_range_with_max_below_min_is_an_error(tmp_path: Path) -> None:
    body = GOOD + (
        "events:\n  - id: e1\n    kind: strike\n    killed: {min: 5, max: 2}\n"
        '    evidence: "the strike"\n'
    )
    with pytest.raises(AnnotationError, match="below min"):
        load_annotation(write(tmp_path, body))


def test_a_country_must_be_a_state(tmp_path: Path) -> None:
    body = GOOD + (
        'events:\n  - id: e1\n    kind: strike\n    country: NATO\n    evidence: "the strike"\n'
    )
    with pytest.raises(AnnotationError, match="not a state"):
        load_annotation(write(tmp_path, body))


def test_a_json_annotation_file_is_read_like_yaml(tmp_path: Path) -> None:
    body = (
        '{"document": {"id": "tiny", "text_file": "article.txt"},\n'
        ' "reactions": [{"type": "blames", "agent": "UKR", "target": "RUS",\n'
        '                "evidence": "Kyiv blamed Moscow."}]}\n'
    )
    doc = load_annotation(write(tmp_path, body))
    assert doc.reactions[0].target == "RUS"


def test_the_schema_describes_the_annotation_file() -> None:
    schema = annotation_schema()
    assert schema["title"] == "AnnotationFile"
    assert {"document", "events", "reactions"} <= set(schema["properties"])
