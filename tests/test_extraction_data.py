"""The evaluation data's own tools: check_gold.py accepts every split and its rules are the
ones the data README states; agreement.py scores a second annotation like an extractor.

Both scripts are standard-library tools that live next to the data, so they are loaded by
path rather than imported from the package.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "extraction"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_gold = load("check_gold")
agreement = load("agreement")


def write_pair(folder: Path, ident: str, words: int, doc: dict[str, Any]) -> Path:
    """An article of `words` body words and its gold file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    body = " ".join(["Germany condemned the strike."] + ["word"] * (words - 4))
    (folder / f"{ident}.txt").write_text(f"Title\n\n{body}\n", encoding="utf-8")
    gold = {
        "id": ident,
        "title": "Title",
        "date": "2024-01-01",
        "article": f"{ident}.txt",
        "note": "test",
        "events": [],
        "reactions": [],
        "optional": [],
        "negatives": [
            {"agent": "FRA", "type": "blames", "target": None, "why": "x", "evidence": "word"},
            {"agent": "ITA", "type": "blames", "target": None, "why": "x", "evidence": "word"},
        ],
    } | doc
    path = folder / f"{ident}.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def reaction(agent: str, target: str | None, type_: str = "condemns") -> dict[str, Any]:
    return {
        "agent": agent,
        "type": type_,
        "target": target,
        "about_event": None,
        "hedged": False,
        "evidence": "Germany condemned the strike.",
    }


def test_every_committed_split_passes_check_gold(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_gold.main([]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.endswith("0 error(s), 0 warning(s)")


@pytest.mark.parametrize(
    ("split", "words", "warnings"),
    [
        ("dev", 120, 1),  # briefs are outside the dev range (250-450)
        ("dev", 300, 0),
        ("blind-dev", 120, 0),  # the blind splits take 100-1000 words
        ("blind-test", 950, 0),
        ("blind-test", 1200, 1),
        ("fresh", 120, 0),  # so does the fresh split
        ("fresh", 1200, 1),
    ],
)
def test_article_length_range_is_set_per_split(
    tmp_path: Path, split: str, words: int, warnings: int
) -> None:
    checker = check_gold.Checker({"DEU", "FRA", "ITA"})
    gold = write_pair(tmp_path / split, "a-2024-01-01", words, {})
    checker.check_file(gold)
    assert checker.errors == []
    assert len(checker.warnings) == warnings


def test_a_second_annotation_keeps_the_first_one_s_id(tmp_path: Path) -> None:
    checker = check_gold.Checker({"DEU", "FRA", "ITA"})
    write_pair(tmp_path / "blind-dev", "a-2024-01-01", 200, {})
    second = tmp_path / "second" / "a-2024-01-01.second.json"
    second.parent.mkdir()
    doc = json.loads((tmp_path / "blind-dev" / "a-2024-01-01.json").read_text())
    doc["article"] = "../blind-dev/a-2024-01-01.txt"
    second.write_text(json.dumps(doc), encoding="utf-8")
    checker.check_file(second)
    assert checker.errors == []
    assert checker.warnings == []  # the word range follows the article's split
    doc["id"] = "a-2024-01-01.second"
    second.write_text(json.dumps(doc), encoding="utf-8")
    checker.check_file(second)
    assert len(checker.errors) == 1
    assert checker.errors[0].endswith(
        "id 'a-2024-01-01.second' differs from the file name 'a-2024-01-01'"
    )


def test_agreement_scores_the_second_annotation_against_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = [reaction("DEU", "RUS"), reaction("FRA", "RUS"), reaction("ITA", None)]
    write_pair(tmp_path / "blind-dev", "a-2024-01-01", 200, {"reactions": first})
    # the second annotator agrees on two, reads Italy's target differently, adds one reading
    # that the first listed as optional
    second_doc = json.loads((tmp_path / "blind-dev" / "a-2024-01-01.json").read_text())
    second_doc["reactions"] = [
        reaction("DEU", "RUS"),
        reaction("FRA", "RUS"),
        reaction("ITA", "RUS"),
        reaction("DEU", "UKR", "supports"),
    ]
    first_path = tmp_path / "blind-dev" / "a-2024-01-01.json"
    first_doc = json.loads(first_path.read_text())
    first_doc["optional"] = [reaction("DEU", "UKR", "supports") | {"why": "x"}]
    first_path.write_text(json.dumps(first_doc), encoding="utf-8")
    second = tmp_path / "second" / "a-2024-01-01.second.json"
    second.parent.mkdir()
    second_doc["article"] = "../blind-dev/a-2024-01-01.txt"
    second.write_text(json.dumps(second_doc), encoding="utf-8")

    assert agreement.main([str(second)]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    # first 3 required, second 4, 2 agreed: P 2/4, R 2/3, F1 4/7; lenient: P 3/4, R 2/3
    assert rows[0].split() == [
        "blind-dev",
        "a-2024-01-01",
        "3",
        "4",
        "2",
        "0.50",
        "0.67",
        "0.57",
        "0.71",
    ]
