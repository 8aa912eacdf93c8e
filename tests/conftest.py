"""Shared fixtures: the example annotation, the gold reading, fresh graphs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg import KnowledgeGraph
from kg.annotation import EXAMPLES

DATA = Path(__file__).parent / "data"
SEED_DIR = EXAMPLES / "belgorod-2023-12-30"
SEED_ANNOTATION = SEED_DIR / "annotation.yaml"
SEED_TEXT = SEED_DIR / "article.txt"
GOLD = DATA / "gold" / "belgorod-2023-12-30.json"

#: The gold file's spellings of reaction types, as the json view spells them.
GOLD_TYPES = {"solidarity": "expressesSolidarityWith", "calls_for_ceasefire": "callsForCeasefire"}


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture()
def seed_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    return kg


@pytest.fixture(scope="session")
def seed_view() -> dict[str, Any]:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    return kg.to_json()


def reaction_keys(view: dict[str, Any]) -> set[tuple[str, str, str | None]]:
    """(agent code, type, target code) of every reaction in a json view."""
    return {
        (r["agent"]["code"], r["type"], r["target"]["code"] if r["target"] else None)
        for r in view["reactions"]
    }


def gold_key(item: dict[str, Any]) -> tuple[str, str, str | None]:
    return (item["agent"], GOLD_TYPES.get(item["type"], item["type"]), item["target"])
