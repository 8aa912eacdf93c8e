"""Without Virtuoso, ``make test`` still passes: every test that needs it is skipped, and
says why. Checked by running pytest on ``tests/test_remote.py`` in a child process with
``KG_VIRTUOSO_BIN`` naming a file that does not exist (nothing is uninstalled)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MISSING = "/nonexistent/virtuoso-t"
REASON = f"KG_VIRTUOSO_BIN={MISSING} is not an executable file. Virtuoso is not installed"


def run_remote_tests(*options: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update(KG_VIRTUOSO_BIN=MISSING, **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *options,
         str(TESTS / "test_remote.py")],
        capture_output=True, text=True, cwd=TESTS.parent, env=environment, timeout=600,
    )  # fmt: skip


def test_without_virtuoso_every_remote_test_skips_with_the_reason() -> None:
    run = run_remote_tests()
    assert run.returncode == 0, run.stdout[-3000:]
    summary = run.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed, \d+ skipped in [\d.]+s", summary), summary
    skipped = [line for line in run.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all(REASON in line for line in skipped)
    counted = sum(int(line.split("[", 1)[1].split("]", 1)[0]) for line in skipped)
    assert f"{counted} skipped" in summary
    # The test that used to raise VirtuosoError is among them (line of its definition).
    source = (TESTS / "test_remote.py").read_text(encoding="utf-8").splitlines()
    killed = next(
        n for n, line in enumerate(source, 1)
        if "def test_a_kg_import_killed_mid_way_reruns_to_what_a_clean_import_writes" in line
    )  # fmt: skip
    assert any(
        line.startswith(f"SKIPPED [1] tests/test_remote.py:{killed - 1}:") for line in skipped
    )


def test_under_ci_a_missing_virtuoso_fails_the_remote_tests() -> None:
    # Each of the ~120 tests that need Virtuoso errors: one line each (the message, which
    # names the missing Virtuoso), not a full traceback each, which took most of the time.
    run = run_remote_tests("--tb=line", CI="true")
    assert run.returncode == 1
    assert "CI needs Virtuoso for the remote store tests." in run.stdout
