#!/usr/bin/env python
"""``kg validate`` at scale: N imported GDELT events, validated cold, again, and after one
new document.

Builds N GDELT events as ``benchmarks/scale.py`` does (real rows resampled: new ids, days
over 2019), imports them and the seed example into a fresh on-disk store with ``kg import``
and ``kg add``, then times the real command, each run in its own process:

1. ``kg validate --all``: every graph, the datasets in chunks of records (cold);
2. ``kg validate``: nothing changed, so every graph is skipped;
3. ``kg add`` of one more document, then ``kg validate``: only that document;
4. ``kg import`` of 1,000 more events of one day (a daily update), then ``kg validate``:
   only the chunks of records that changed (the new records, that day's aggregates).

Usage::

    python benchmarks/validate.py --sizes 100000            # or 100000,1000000
    python benchmarks/validate.py --sizes 100000 --write-readme

``--write-readme`` replaces the results section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from scale import build_csv, machine  # noqa: E402

README = HERE / "README.md"
RESULTS_START = "<!-- validate.py results: start -->"
RESULTS_END = "<!-- validate.py results: end -->"
SEED = ROOT / "examples" / "belgorod-2023-12-30" / "annotation.yaml"
KG = [sys.executable, "-m", "kg"]


def kg(*args: str | Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run one ``kg`` command; its wall time, exit status and last output lines."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode not in ok:
        raise SystemExit(f"kg {' '.join(map(str, args))} failed:\n{done.stderr[-2000:]}")
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": after.ru_maxrss / 1024,
        "code": done.returncode,
        "stdout": done.stdout.splitlines()[:1],
        "stderr": done.stderr.strip().splitlines()[-1:],
    }


def second_document(workdir: Path) -> Path:
    """The seed annotation under another id: a new document graph of the same size."""
    folder = workdir / "copy"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SEED.parent, folder)
    copy = folder / SEED.name
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("id: belgorod-2023-12-30", "id: belgorod-copy", 1), "utf-8")
    return copy


def daily_update(workdir: Path, events: int = 1000) -> Path:
    """``events`` more GDELT rows of one day, with ids after every id of the base file."""
    base = build_csv(workdir / f"gdelt-update-base-{events}.csv", events, seed=9)
    update = workdir / f"gdelt-update-{events}.csv"
    with base.open(encoding="utf-8") as rows, update.open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows):
            fields = row.rstrip("\n").split("\t")
            fields[0] = str(3_000_000_000 + i)
            fields[1], fields[2], fields[4] = "20191231", "201912", "2019.9973"
            fields[59] = "20191231000000"
            out.write("\t".join(fields) + "\n")
    return update


def measure(n: int, workdir: Path, jobs: int = 1) -> dict[str, Any]:
    csv = build_csv(workdir / f"gdelt-{n}.csv", n)
    store = workdir / f"validate-store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    cache = workdir / f"validate-cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "KG_VALIDATION_CACHE": str(cache)}
    print(f"N={n:,}: importing ...", flush=True)
    result: dict[str, Any] = {"n": n}
    result["import"] = kg("import", "gdelt", "--store", store, csv, env=env)
    kg("add", "--store", store, SEED, env=env)
    from pyoxigraph import Store

    result["triples"] = len(Store.read_only(str(store)))
    print(f"  {result['triples']:,} triples; kg validate --all ...", flush=True)
    jobs_flag = ("--jobs", str(jobs))
    result["all"] = kg("validate", "--all", *jobs_flag, "--store", store, env=env, ok=(0, 1))
    print(f"  {result['all']['seconds']:.1f} s; kg validate (unchanged) ...", flush=True)
    result["again"] = kg("validate", *jobs_flag, "--store", store, env=env, ok=(0, 1))
    print(f"  {result['again']['seconds']:.1f} s; one more document ...", flush=True)
    kg("add", "--store", store, second_document(workdir), env=env)
    result["one_more"] = kg("validate", *jobs_flag, "--store", store, env=env, ok=(0, 1))
    print(f"  {result['one_more']['seconds']:.1f} s; a daily update ...", flush=True)
    kg("import", "gdelt", "--store", store, daily_update(workdir), env=env)
    result["update"] = kg("validate", *jobs_flag, "--store", store, env=env, ok=(0, 1))
    print(f"  {result['update']['seconds']:.1f} s", flush=True)
    return result


def table(results: list[dict[str, Any]], info: dict[str, str], command: str) -> str:
    lines = [
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `{command}`; "
        f"{info['nproc']} cores ({info['cpu']}), load {info['load']}, Python {info['python']}.",
        "",
        "| events | triples | import | `kg validate --all` | `kg validate`, unchanged "
        "| `kg validate` after one more document | `kg validate` after 1,000 more events "
        "| peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def cell(run: dict[str, Any]) -> str:
        return f"{run['seconds']:.1f} s ({run['cpu']:.1f} s CPU)"

    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['triples']:,} | {cell(r['import'])} | {cell(r['all'])} "
            f"| {cell(r['again'])} | {cell(r['one_more'])} | {cell(r['update'])} "
            f"| {r['all']['rss_mb']:.0f} MB |"
        )
    lines.append("")
    lines.append(
        "Wall time on a shared machine, CPU time of the `kg` process and its worker "
        "processes; peak RSS is the "
        "largest of the processes run so far."
    )
    lines.append("")
    for r in results:
        lines.append(f"N={r['n']:,}, `--all`: {' / '.join(r['all']['stdout'])}")
        after = " / ".join(r["one_more"]["stderr"])
        lines.append(f"N={r['n']:,}, after one more document: {after}")
        update = " / ".join(r["update"]["stderr"])
        lines.append(f"N={r['n']:,}, after 1,000 more events: {update}")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    content = README.read_text(encoding="utf-8")
    start, end = content.index(RESULTS_START), content.index(RESULTS_END)
    README.write_text(
        content[: start + len(RESULTS_START)] + "\n\n" + text + "\n" + content[end:],
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated N")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--jobs", type=int, default=1, help="kg validate --jobs")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    info = machine()
    results = [measure(int(n), args.workdir, args.jobs) for n in args.sizes.split(",") if n]
    command = "python benchmarks/validate.py " + " ".join(sys.argv[1:])
    text = table(results, info, command.strip())
    print(text)
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
