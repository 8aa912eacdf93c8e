#!/usr/bin/env python3
"""Agreement between the first and the second, independent annotation of the same articles.

For every ``second/<id>.second.json``, the first gold ``<split>/<id>.json`` (next to the
article) is the reference, and the second is scored against it like an extractor's output:
precision, recall and F1 of the set of (agent, type, target) over the required reactions
(``reactions``), per article, micro-averaged over all pairs (one long article weighs by its
many readings) and macro-averaged (each article weighs the same). This is the ceiling an
extractor can be expected to reach on the same data.

A second, lenient figure counts a required reading of one annotation as agreed when the other
lists it as required or optional (it separates "read differently" from "judged borderline").

Usage: python agreement.py [--markdown] [SECOND.json ...]   (default: second/*.second.json)
Standard library only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
Triple = tuple[str, str, str | None]


def triples(items: list[dict]) -> set[Triple]:
    return {(r["agent"], r["type"], r["target"]) for r in items}


def prf(tp: int, n_pred: int, n_ref: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_ref if n_ref else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairs(seconds: list[Path]) -> list[tuple[Path, Path]]:
    """(first gold, second gold) for each second annotation; the first sits next to the
    article the second one points at."""
    found = []
    for second in seconds:
        doc = json.loads(second.read_text(encoding="utf-8"))
        article = (second.parent / doc["article"]).resolve()
        first = article.with_suffix(".json")
        if first.is_file():
            found.append((first, second))
        else:
            print(f"warning: no first gold for {second}")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("files", nargs="*", type=Path, help="second annotations (default: all)")
    args = ap.parse_args(argv)
    found = pairs(args.files or sorted((HERE / "second").glob("*.second.json")))
    if not found:
        print("no second annotations found")
        return 1
    rows = []
    tot = {"tp": 0, "pred": 0, "ref": 0, "ltp_p": 0, "ltp_r": 0}
    for first, second in found:
        a = json.loads(first.read_text(encoding="utf-8"))
        b = json.loads(second.read_text(encoding="utf-8"))
        ref, pred = triples(a["reactions"]), triples(b["reactions"])
        ref_any = ref | triples(a["optional"])
        pred_any = pred | triples(b["optional"])
        tp = len(ref & pred)
        # lenient: a second-required reading agreed if first has it anywhere, and vice versa
        ltp_p, ltp_r = len(pred & ref_any), len(ref & pred_any)
        tot["tp"] += tp
        tot["pred"] += len(pred)
        tot["ref"] += len(ref)
        tot["ltp_p"] += ltp_p
        tot["ltp_r"] += ltp_r
        p, r, f = prf(tp, len(pred), len(ref))
        lp = ltp_p / len(pred) if pred else 1.0
        lr = ltp_r / len(ref) if ref else 1.0
        lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
        rows.append((first.parent.name, a["id"], len(ref), len(pred), tp, p, r, f, lf))
    p, r, f = prf(tot["tp"], tot["pred"], tot["ref"])
    lp = tot["ltp_p"] / tot["pred"] if tot["pred"] else 1.0
    lr = tot["ltp_r"] / tot["ref"] if tot["ref"] else 1.0
    lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    n = len(found)
    macro = [sum(row[i] for row in rows) / n for i in (5, 6, 7, 8)]
    rows.append(("all", f"{n} articles, micro", tot["ref"], tot["pred"], tot["tp"], p, r, f, lf))
    rows.append(("all", f"{n} articles, macro", "", "", "", *macro))
    header = ("split", "id", "first", "second", "agreed", "P", "R", "F1", "lenient F1")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|---|---|" + "---:|" * (len(header) - 2))
    for row in rows:
        cells = [*map(str, row[:5]), *(f"{x:.2f}" for x in row[5:])]
        if args.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print("  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
