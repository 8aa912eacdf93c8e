"""Unresolved actors: the agents and targets of reactions that no reference actor stands for,
reported with their label and exact span (json, yaml, ``kg evaluate``) instead of being lost.

The texts are made up here; the Freedom Council of Atlantis, the Arab Gulf Forum and the
Sinai Liberation Front are in no actor list.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from kg.annotation import load_annotation
from kg.extract import extract_document
from kg.extract.batch import evaluate_directory
from kg.model import AnnotationFile, Document, Evidence, UnresolvedActor

DATE = dt.date(2024, 3, 4)
#: A reaction aimed at an organisation without a code: kept, aimed at no one.
TARGET = (
    "Egypt condemned the Sinai Liberation Front on Monday for the bombing of a bus near El Arish.\n"
)
#: A reaction whose agent has no code: no reaction. The Markdown heading shifts the
#: normalised text against the original, so the spans must be mapped back.
AGENT = (
    "# Atlantis council *reacts*\n\n"
    "The Freedom Council of Atlantis condemned Russia's strike on Kyiv.\n"
)

Item = tuple[str, str, int, int, str, str]


def extracted(text: str) -> Document:
    return extract_document(text, doc_id="t", date=DATE)


def items(document: Document) -> list[Item]:
    return [
        (u.text, u.label, u.start, u.end, u.role, u.type.value) for u in document.unresolved_actors
    ]


def reactions(document: Document) -> list[tuple[str, str, str | None]]:
    return [(r.agent, r.type.value, r.target) for r in document.reactions]


# ------------------------------------------------------------------ what the extractor finds


def test_an_uncoded_organisation_as_target_is_reported_and_the_reaction_kept() -> None:
    document = extracted(TARGET)
    assert items(document) == [("the Sinai Liberation Front", "ORG", 16, 42, "target", "condemns")]
    assert document.unresolved_actors[0].evidence == Evidence(text=TARGET.strip(), start=0, end=92)
    assert reactions(document) == [("EGY", "condemns", None)]


def test_an_armed_group_asked_for_restraint_is_an_unresolved_target() -> None:
    document = extracted("Egypt urged Hamas to exercise restraint.")
    assert items(document) == [("Hamas", "ORG", 12, 17, "target", "callsForCeasefire")]
    assert reactions(document) == [("EGY", "callsForCeasefire", None)]


def test_a_blame_laid_on_an_uncoded_group_names_it_as_target() -> None:
    document = extracted("Egypt blamed the bombing on the Sinai Liberation Front.")
    assert items(document) == [("the Sinai Liberation Front", "ORG", 28, 54, "target", "blames")]
    assert reactions(document) == [("EGY", "blames", None)]


def test_an_agent_no_reference_actor_stands_for_is_reported_and_gives_no_reaction() -> None:
    document = extracted(AGENT)
    assert items(document) == [
        ("The Freedom Council of Atlantis", "ORG", 29, 60, "agent", "condemns")
    ]
    assert AGENT[29:60] == "The Freedom Council of Atlantis"
    assert (
        document.unresolved_actors[0].evidence.start,
        document.unresolved_actors[0].evidence.end,
    ) == (29, 95)
    assert reactions(document) == []


def test_both_sides_unresolved_give_two_items_and_no_reaction() -> None:
    document = extracted("The Arab Gulf Forum blamed the Sinai Liberation Front for the attack.")
    assert items(document) == [
        ("The Arab Gulf Forum", "ORG", 0, 19, "agent", "blames"),
        ("the Sinai Liberation Front", "ORG", 27, 53, "target", "blames"),
    ]
    assert reactions(document) == []


def test_one_of_a_list_of_agents_is_unresolved_and_the_other_still_reacts() -> None:
    document = extracted("France and the Arab Gulf Forum condemned Russia's strike on Kyiv.")
    assert items(document) == [("the Arab Gulf Forum", "ORG", 11, 30, "agent", "condemns")]
    assert reactions(document) == [("FRA", "condemns", "RUS")]


def test_the_same_span_in_the_same_role_is_listed_once_with_the_first_type() -> None:
    # two triggers, "condemned" and "called for", share the one agent
    document = extracted(
        "The Arab Gulf Forum condemned the attack and called for an immediate ceasefire."
    )
    assert items(document) == [("The Arab Gulf Forum", "ORG", 0, 19, "agent", "condemns")]


@pytest.mark.parametrize(
    "text",
    [
        "Poland condemned the attack on the Freedom Council of Atlantis.",  # a victim
        "Egypt did not condemn the Sinai Liberation Front.",  # no reaction
        "Germany condemned the attack.",  # nobody named
    ],
)
def test_victims_negations_and_known_actors_are_no_unresolved_actors(text: str) -> None:
    assert items(extracted(text)) == []


# ------------------------------------------------------------------ the model


def test_an_item_whose_span_does_not_fit_its_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="differs from the length"):
        UnresolvedActor(
            text="Hamas", label="ORG", start=0, end=4, role="target", type="blames", evidence="x"
        )


def test_a_document_refuses_an_item_that_is_not_its_text() -> None:
    item = UnresolvedActor(
        text="Hamas",
        label="ORG",
        start=0,
        end=5,
        role="agent",
        type="condemns",
        evidence=Evidence(text="Hamas condemned it.", start=0, end=19),
    )
    with pytest.raises(ValidationError, match="'Hamas' is not the text at"):
        Document(id="d", text="Hamat condemned it.", unresolved_actors=[item])


# ------------------------------------------------------------------ the commands

KG = [sys.executable, "-m", "kg"]


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [*KG, *map(str, args)], capture_output=True, text=True, env=env, timeout=300
    )


def test_extract_lists_them_in_json_and_in_yaml_that_loads_back(tmp_path: Path) -> None:
    article = tmp_path / "atlantis.txt"
    article.write_text(AGENT + "\n" + TARGET, encoding="utf-8")
    expected = [
        {
            "text": "The Freedom Council of Atlantis",
            "label": "ORG",
            "start": 29,
            "end": 60,
            "role": "agent",
            "type": "condemns",
            "evidence": {
                "text": "The Freedom Council of Atlantis condemned Russia's strike on Kyiv.",
                "start": 29,
                "end": 95,
            },
        },
        {
            "text": "the Sinai Liberation Front",
            "label": "ORG",
            "start": 113,
            "end": 139,
            "role": "target",
            "type": "condemns",
            "evidence": {"text": TARGET.strip(), "start": 97, "end": 189},
        },
    ]
    run = kg("extract", article, "--date", "2024-03-04")
    assert run.returncode == 0, run.stderr
    view = json.loads(run.stdout)
    assert view["unresolved_actors"] == [{"document": "atlantis", **item} for item in expected]

    run = kg("extract", article, "--date", "2024-03-04", "--format", "yaml")
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(run.stdout)
    assert data["unresolved_actors"] == expected
    annotation = AnnotationFile.model_validate(data)
    assert annotation.model_dump(mode="json", exclude_none=True) == data  # round trip
    # kg add reads the file and keeps the reactions (here the rules aim Egypt's at the
    # author of the strike the article tells of: the reviewer sees whom it names instead)
    path = tmp_path / "atlantis.yaml"
    path.write_text(run.stdout, encoding="utf-8")
    document = load_annotation(path)
    assert reactions(document) == [("EGY", "condemns", "RUS")]
    assert document.unresolved_actors == []


def _gold_folder(tmp_path: Path) -> Path:
    """Two articles with their gold readings, as the extraction gold files are written."""
    folder = tmp_path / "gold"
    folder.mkdir()
    articles = {
        "sinai-2024-03-04": TARGET,
        "atlantis-2024-03-04": AGENT
        + "\nThe Arab Gulf Forum blamed the Sinai Liberation Front for the attack.\n",
    }
    golds = {
        "sinai-2024-03-04": [{"agent": "EGY", "type": "condemns", "target": None}],
        "atlantis-2024-03-04": [],
    }
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = {
            "id": name,
            "date": "2024-03-04",
            "article": f"{name}.txt",
            "events": [],
            "reactions": [{**r, "evidence": "..."} for r in golds[name]],
            "optional": [],
            "negatives": [],
        }
        (folder / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_evaluate_counts_them_apart_from_the_scores(tmp_path: Path) -> None:
    report = evaluate_directory(_gold_folder(tmp_path))
    assert (report.unresolved_agents, report.unresolved_targets) == (2, 2)
    assert (report.reactions.tp, report.reactions.fp, report.reactions.fn) == (1, 0, 0)
    summary = report.to_json()
    assert summary["unresolved_actors"] == {"agents": 2, "targets": 2}
    assert [(d["id"], d["unresolved_actors"]) for d in summary["documents"]] == [
        ("atlantis-2024-03-04", {"agents": 2, "targets": 1}),
        ("sinai-2024-03-04", {"agents": 0, "targets": 1}),
    ]
    assert "unresolved actors (not scored): 4 (agents 2, targets 2)" in report.text(details=False)


def test_kg_evaluate_brief_prints_the_count(tmp_path: Path) -> None:
    run = kg("evaluate", _gold_folder(tmp_path), "--brief")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-2:] == [
        "casualty ranges right: 0/0",
        "unresolved actors (not scored): 4 (agents 2, targets 2)",
    ]
