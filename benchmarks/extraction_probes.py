"""Pass rates of the extractor's behavioural probes (``tests/data/extraction/probes``).

Each probe is a short text testing one construction (see :mod:`kg.extract.probes`); this
prints, per probe file and per group (the probe id up to its construction), how many pass,
and with ``--failures`` what each failing probe misses or adds::

    python benchmarks/extraction_probes.py
    python benchmarks/extraction_probes.py --failures
    python benchmarks/extraction_probes.py --write-known   # rewrite known_failures.txt

``tests/test_extract_probes.py`` checks that the probes failing are exactly those listed
in ``known_failures.txt``: fixing a construction means removing its line.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kg.extract.probes import ProbeResult, load_probes, run_probe

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction"
PROBES = DATA / "probes"
#: Probes nothing is fixed from: only their pass rate is printed (``--heldout``).
HELDOUT = DATA / "probes-heldout"
KNOWN = PROBES / "known_failures.txt"
HEADER = """\
# Probes the extractor fails today, one id per line with what goes wrong (written by
# benchmarks/extraction_probes.py --write-known). tests/test_extract_probes.py checks that
# exactly these fail: remove a line when its construction is fixed.
"""


def results(folder: Path = PROBES) -> list[tuple[str, ProbeResult]]:
    """Every probe of every file of a folder, run: (file stem, result)."""
    return [
        (path.stem, run_probe(probe))
        for path in sorted(folder.glob("*.yaml"))
        for probe in load_probes(path)
    ]


def what_fails(result: ProbeResult) -> str:
    """One line: what a failing probe misses and adds."""
    parts = []
    if result.missing:
        parts.append(f"missing {result.missing}")
    if result.extra:
        parts.append(f"extra {result.extra}")
    if result.events_missing:
        parts.append(f"events missing {result.events_missing}")
    if result.events_extra:
        parts.append(f"events extra {result.events_extra}")
    return "; ".join(parts)


def group(probe_id: str) -> str:
    """The probe's group: the reaction type of a reaction probe ("condemns"), the kind of
    trap of a hard case ("hard-layout"), "event" for an event probe."""
    parts = probe_id.split("-")
    return "-".join(parts[:2]) if parts[0] == "hard" else parts[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list the failing probes")
    parser.add_argument("--write-known", action="store_true", help="rewrite known_failures.txt")
    parser.add_argument(
        "--heldout", action="store_true", help="only the pass rate of the held-out probes"
    )
    args = parser.parse_args()
    if args.heldout:
        held = results(HELDOUT)
        for stem in [*sorted({s for s, _ in held}), "all"]:
            runs = [r for s, r in held if stem in (s, "all")]
            passed_held = sum(r.passed for r in runs)
            print(f"held-out probes, {stem}: {passed_held} / {len(runs)} "
                  f"({passed_held / len(runs):.3f})")  # fmt: skip
        return
    found = results()
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for stem, result in found:
        for key in (stem, f"{stem}/{group(result.probe.id)}"):
            total[key] += 1
            passed[key] += result.passed
    print("| probes | pass | of | rate |\n|---|---|---|---|")
    for key in sorted(total, key=lambda k: (k.split("/")[0], "/" in k, k)):
        print(f"| {key} | {passed[key]} | {total[key]} | {passed[key] / total[key]:.2f} |")
    print(f"| all | {sum(r.passed for _, r in found)} | {len(found)} | "
          f"{sum(r.passed for _, r in found) / len(found):.2f} |")  # fmt: skip
    failing = [r for _, r in found if not r.passed]
    if args.failures:
        for result in failing:
            print(f"{result.probe.id} [{result.probe.capability}]: {what_fails(result)}")
    if args.write_known:
        lines = [f"{r.probe.id}  # {r.probe.capability}" for r in failing]
        KNOWN.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {KNOWN} ({len(lines)} failing probes)")


if __name__ == "__main__":
    main()
