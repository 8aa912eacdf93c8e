"""``kg extract`` and ``kg ingest`` on files they must refuse: too long, or not text.

A refused file is named on one ``error:`` line. ``kg extract`` stops there; a ``kg ingest``
batch skips it, counts it, adds the other files and exits 1. A real process, a real store.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SEED_TEXT

KG = [sys.executable, "-m", "kg"]
LIMIT = 3_000  # the seed article has 2,067 characters
NUL_LINE = 79  # the line of binary_file's NUL: 78 line ends in the 10,000 bytes before it


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True)


def long_article(folder: Path) -> Path:
    """Two copies of the seed article: 4,135 characters."""
    path = folder / "long-2023-12-30.txt"
    text = SEED_TEXT.read_text(encoding="utf-8")
    path.write_text(text + "\n" + text, encoding="utf-8")
    return path


def binary_file(folder: Path) -> Path:
    """Text for 10,000 bytes, then a NUL: past the first 8 KiB, where a sniff would stop."""
    path = folder / "binary.txt"
    text = SEED_TEXT.read_bytes() * 5
    path.write_bytes(text[:10_000] + b"\0\x01\x02" + text[:500])
    return path


def test_extract_names_the_file_over_the_character_limit(tmp_path: Path) -> None:
    path = long_article(tmp_path)
    run = kg("extract", "--max-chars", str(LIMIT), path)
    assert run.returncode == 1
    assert run.stderr == (
        f"error: {path}: text of 4,135 characters is over the limit of 3,000 (--max-chars)\n"
    )
    assert run.stdout == ""


def test_extract_refuses_a_file_with_a_nul_byte_past_the_first_block(tmp_path: Path) -> None:
    path = binary_file(tmp_path)
    run = kg("extract", path)
    assert run.returncode == 1
    refused = f"{path}:{NUL_LINE}: looks like a binary file (NUL bytes), not text"
    assert run.stderr == f"error: {refused}\n"


def test_ingest_skips_and_counts_the_files_it_refuses_and_adds_the_others(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    good = tmp_path / "belgorod-2023-12-30.txt"
    good.write_text(SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    long, binary = long_article(tmp_path), binary_file(tmp_path)
    run = kg("ingest", "--store", store, "--max-chars", str(LIMIT), long, good, binary)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"error: {long}: text of 4,135 characters is over the limit of 3,000 (--max-chars)",
        f"error: {binary}:{NUL_LINE}: looks like a binary file (NUL bytes), not text",
        "1 of 3 file(s) ingested; 2 skipped with an error",
    ]
    assert [line.split(" (")[0] for line in run.stdout.splitlines()] == [
        "added: belgorod-2023-12-30"
    ]
    documents = kg("documents", "--store", store)
    assert documents.stdout == "belgorod-2023-12-30\n"
