#!/usr/bin/env python3
"""Validate the extraction evaluation gold files (tests/data/extraction/<split>/*.json).

Checks, per gold file:
  * the top-level keys of the seed gold format, ``id`` equal to the file name, ISO dates;
  * the article file exists next to the gold, its first line equals ``title``;
  * events: unique ids, ``kind`` in the allowed set, country / perpetrator codes exist,
    casualty ranges are {min, max} with 0 <= min <= max (max may be null);
  * reactions, optional, negatives: the keys of the seed format, ``type`` in the allowed
    set, agent and target codes exist in ontology/actors.ttl (target may be null),
    ``about_event`` null or an event id of the file, ``hedged`` a boolean;
  * every ``evidence`` is an exact substring of the article;
  * consistency: no reading listed twice among required + optional, no negative that is
    also a required or optional reading (same agent, type, target), at least 2 negatives;
and across files (every split): ids unique, no article text used twice.

A second, independent annotation of an article is ``second/<id>.second.json`` (same ``id``
and ``article`` text as the first; kept out of the split directories so that an evaluator
pointed at a split never reads it twice). It is checked like any gold file, but left out of
the uniqueness checks and of the counts; ``agreement.py`` compares it with the first.

Usage: python check_gold.py [--actors PATH] [--markdown] [GOLD.json ...]
Standard library only. Exit status 1 if any error was found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ACTORS = HERE.parents[2] / "ontology" / "actors.ttl"

REACTION_TYPES = {
    "condemns",
    "blames",
    "supports",
    "solidarity",
    "threatens",
    "calls_for_ceasefire",
}
EVENT_KINDS = {"strike", "airspace_violation", "explosion", "sabotage", "vote"}

TOP_KEYS = {
    "id",
    "title",
    "date",
    "article",
    "note",
    "events",
    "reactions",
    "optional",
    "negatives",
}
EVENT_KEYS = {
    "id",
    "kind",
    "place",
    "country_iso3",
    "date",
    "alleged_perpetrator_iso3",
    "killed",
    "injured",
    "evidence",
}
EVENT_OPTIONAL_KEYS = {"children_killed"}
REACTION_KEYS = {"agent", "type", "target", "about_event", "hedged", "evidence"}
OPTIONAL_KEYS = REACTION_KEYS | {"why"}
NEGATIVE_KEYS = {"agent", "type", "target", "why", "evidence"}
SPLITS = (
    "dev", "blind-dev", "calib", "calib2", "calib3", "blind-test", "fresh", "fresh2", "fresh3",
    "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "calib4", "fresh9", "calib5", "fresh10",
    "fresh11", "fresh12", "fresh13", "calib6", "fresh14", "calib7", "calib8", "fresh15", "calib9",
    "calib10", "fresh16", "calib11", "fresh17", "heldout",
)  # fmt: skip
SECOND_DIR = "second"
WORDS_RANGE = dict.fromkeys(
    (
        "blind-dev",
        "calib",
        "calib2",
        "calib3",
        "blind-test",
        "fresh",
        "fresh2",
        "fresh3",
        "fresh4",
        "fresh5",
        "fresh6",
        "fresh7",
        "fresh8",
        "calib4",
        "fresh9",
        "calib5",
        "fresh10",
        "fresh11",
        "fresh12",
        "fresh13",
        "calib6",
        "fresh14",
        "calib7",
        "calib8",
        "fresh15",
        "calib9",
        "calib10",
        "fresh16",
        "calib11",
        "fresh17",
    ),
    (100, 1000),
)
DEFAULT_WORDS_RANGE = (250, 450)
SECOND_SUFFIX = ".second"


def is_second(path: Path) -> bool:
    """True for a second annotation ``<id>.second.json``."""
    return path.stem.endswith(SECOND_SUFFIX)


def load_codes(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r'dkg:code\s+"([^"]+)"', text))


def key_diff(expected: set[str], actual: set[str]) -> str:
    missing, extra = sorted(expected - actual), sorted(actual - expected)
    return f"keys differ: missing {missing}, extra {extra}"


def is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class Checker:
    def __init__(self, codes: set[str]) -> None:
        self.codes = codes
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")

    def code(self, where: str, value: object, *, nullable: bool) -> None:
        if value is None:
            if not nullable:
                self.err(where, "code must not be null")
            return
        if not isinstance(value, str) or value not in self.codes:
            self.err(where, f"unknown actor code {value!r} (not in actors.ttl)")

    def evidence(self, where: str, value: object, article: str) -> None:
        if not isinstance(value, str) or not value.strip():
            self.err(where, "evidence missing or empty")
        elif value not in article:
            self.err(where, f"evidence is not a substring of the article: {value!r}")

    def casualty(self, where: str, value: object) -> None:
        if value is None:
            return
        if not isinstance(value, dict) or set(value) != {"min", "max"}:
            self.err(where, f"casualty range must be null or {{min, max}}, got {value!r}")
            return
        lo, hi = value["min"], value["max"]
        if not isinstance(lo, int) or isinstance(lo, bool) or lo < 0:
            self.err(where, f"min must be a non-negative integer, got {lo!r}")
            return
        if hi is not None and (not isinstance(hi, int) or isinstance(hi, bool) or hi < lo):
            self.err(where, f"max must be null or an integer >= min, got {hi!r}")

    def check_file(self, path: Path) -> dict | None:
        where = str(path.relative_to(HERE)) if path.is_relative_to(HERE) else str(path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            self.err(where, f"cannot read JSON: {exc}")
            return None
        if not isinstance(doc, dict):
            self.err(where, "top level must be an object")
            return None
        keys = set(doc)
        if keys != TOP_KEYS:
            self.err(where, key_diff(TOP_KEYS, keys))
        stem = path.stem.removesuffix(SECOND_SUFFIX)
        if doc.get("id") != stem:
            self.err(where, f"id {doc.get('id')!r} differs from the file name {stem!r}")
        if not is_iso_date(doc.get("date")):
            self.err(where, f"date {doc.get('date')!r} is not an ISO date")
        article_path = path.parent / str(doc.get("article", ""))
        if not article_path.is_file():
            self.err(where, f"article file {doc.get('article')!r} not found")
            return None
        article = article_path.read_text(encoding="utf-8")
        first_line, _, body = article.partition("\n")
        if doc.get("title") != first_line:
            self.err(where, "title differs from the article's first line")
        if not body.startswith("\n"):
            self.err(where, "the article must have a blank line after the title")
        n_words = len(body.split())
        words_min, words_max = WORDS_RANGE.get(
            article_path.resolve().parent.name, DEFAULT_WORDS_RANGE
        )
        if n_words < words_min or n_words > words_max:
            self.warn(where, f"article body has {n_words} words (expected {words_min}-{words_max})")

        # events
        event_ids: set[str] = set()
        for i, e in enumerate(doc.get("events") or []):
            w = f"{where}: events[{i}]"
            if not isinstance(e, dict):
                self.err(w, "must be an object")
                continue
            ek = set(e) - EVENT_OPTIONAL_KEYS
            if ek != EVENT_KEYS:
                self.err(w, key_diff(EVENT_KEYS, ek))
            eid = e.get("id")
            if not isinstance(eid, str) or not eid:
                self.err(w, "id missing")
            elif eid in event_ids:
                self.err(w, f"duplicate event id {eid!r}")
            else:
                event_ids.add(eid)
            if e.get("kind") not in EVENT_KINDS:
                self.err(w, f"kind {e.get('kind')!r} not in {sorted(EVENT_KINDS)}")
            if e.get("place") is not None and not isinstance(e.get("place"), str):
                self.err(w, "place must be a string or null")
            self.code(f"{w}.country_iso3", e.get("country_iso3"), nullable=True)
            self.code(
                f"{w}.alleged_perpetrator_iso3", e.get("alleged_perpetrator_iso3"), nullable=True
            )
            if e.get("date") is not None and not is_iso_date(e.get("date")):
                self.err(w, f"date {e.get('date')!r} is not an ISO date or null")
            for k in ("killed", "injured", "children_killed"):
                self.casualty(f"{w}.{k}", e.get(k))
            self.evidence(w, e.get("evidence"), article)

        # reactions, optional, negatives
        seen: dict[tuple, str] = {}
        positives: set[tuple] = set()
        for section, allowed in (
            ("reactions", REACTION_KEYS),
            ("optional", OPTIONAL_KEYS),
            ("negatives", NEGATIVE_KEYS),
        ):
            items = doc.get(section)
            if not isinstance(items, list):
                self.err(where, f"{section} must be a list")
                continue
            for i, r in enumerate(items):
                w = f"{where}: {section}[{i}]"
                if not isinstance(r, dict):
                    self.err(w, "must be an object")
                    continue
                rk = set(r)
                if rk != allowed:
                    self.err(w, key_diff(allowed, rk))
                if r.get("type") not in REACTION_TYPES:
                    self.err(w, f"type {r.get('type')!r} not in {sorted(REACTION_TYPES)}")
                self.code(f"{w}.agent", r.get("agent"), nullable=False)
                self.code(f"{w}.target", r.get("target"), nullable=True)
                if (
                    r.get("agent") is not None
                    and r.get("agent") == r.get("target")
                    and section != "negatives"
                ):
                    self.warn(w, "agent equals target")
                if section != "negatives":
                    about = r.get("about_event")
                    if about is not None and about not in event_ids:
                        self.err(w, f"about_event {about!r} is not an event id of this file")
                    if not isinstance(r.get("hedged"), bool):
                        self.err(w, "hedged must be true or false")
                    key = (r.get("agent"), r.get("type"), r.get("target"), about)
                    if key in seen:
                        self.err(w, f"reading {key} already listed in {seen[key]}")
                    seen[key] = f"{section}[{i}]"
                    positives.add(key[:3])
                else:
                    if not isinstance(r.get("why"), str) or not r.get("why"):
                        self.err(w, "why missing")
                    if (r.get("agent"), r.get("type"), r.get("target")) in positives:
                        self.err(w, "negative reading is also a required or optional reading")
                if section == "optional" and (
                    not isinstance(r.get("why"), str) or not r.get("why")
                ):
                    self.err(w, "why missing")
                self.evidence(w, r.get("evidence"), article)
        if len(doc.get("negatives") or []) < 2:
            self.err(where, "fewer than 2 negatives")
        return {
            "id": doc.get("id"),
            "article": article,
            "words": n_words,
            "events": len(doc.get("events") or []),
            "reactions": len(doc.get("reactions") or []),
            "optional": len(doc.get("optional") or []),
            "negatives": len(doc.get("negatives") or []),
        }


COLS = ("events", "reactions", "optional", "negatives", "words")
HEADER = ("split", "id", "events", "required", "optional", "negatives", "words")


def print_counts(rows: list[dict], *, markdown: bool) -> None:
    """Per-file counts, then totals per split and overall."""
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        t = totals.setdefault(row["split"], dict.fromkeys(COLS, 0) | {"files": 0})
        t["files"] += 1
        for c in COLS:
            t[c] += row[c]
    grand = {c: sum(t[c] for t in totals.values()) for c in (*COLS, "files")}
    lines = [[row["split"], row["id"], *(str(row[c]) for c in COLS)] for row in rows]
    for name, t in [*totals.items(), ("all", grand)]:
        lines.append([f"total {name}", f"{t['files']} files", *(str(t[c]) for c in COLS)])
    if markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("|---|---|" + "---:|" * len(COLS))
        for line in lines:
            print("| " + " | ".join(line) + " |")
        return
    widths = [max(len(x) for x in col) for col in zip(HEADER, *lines, strict=True)]
    for line in [list(HEADER), *lines]:
        cells = [
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--actors", type=Path, default=DEFAULT_ACTORS, help="actors.ttl (default: %(default)s)"
    )
    ap.add_argument(
        "--markdown", action="store_true", help="print the per-file counts as a Markdown table"
    )
    ap.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="gold files (default: the *.json of "
        + ", ".join(f"{s}/" for s in (*SPLITS, SECOND_DIR))
        + ")",
    )
    args = ap.parse_args(argv)

    codes = load_codes(args.actors)
    if not codes:
        print(f"error: no dkg:code found in {args.actors}", file=sys.stderr)
        return 1
    checker = Checker(codes)
    files = [f.resolve() for f in args.files] or [
        f for split in (*SPLITS, SECOND_DIR) for f in sorted((HERE / split).glob("*.json"))
    ]
    rows = []
    seconds = 0
    for f in files:
        info = checker.check_file(f)
        if info is None:
            continue
        if is_second(f):
            seconds += 1
            continue
        info["split"] = f.parent.name
        rows.append(info)

    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for row in rows:
        if row["id"] in ids:
            checker.err(row["id"], f"id also used in {ids[row['id']]}/")
        ids[row["id"]] = row["split"]
        if row["article"] in texts:
            checker.err(row["id"], f"same article text as {texts[row['article']]}")
        texts[row["article"]] = row["id"]

    print_counts(rows, markdown=args.markdown)
    for w in checker.warnings:
        print(f"warning: {w}")
    for e in checker.errors:
        print(f"error: {e}")
    print(
        f"{len(rows)} gold files (and {seconds} second annotations) checked against "
        f"{len(codes)} actor codes: "
        f"{len(checker.errors)} error(s), {len(checker.warnings)} warning(s)"
    )
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
