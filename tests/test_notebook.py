"""The notebooks run top to bottom in a real kernel, and print no warnings."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: Each notebook, and what its outputs must show.
EXPECTED = {
    "explore.ipynb": ["Ukraine", "condemned"],
    # The coreference figures, the Belgorod accounts' tolls (14 to 25), its timeline, and
    # the two figures (the timeline and the balance per month).
    "episodes.ipynb": [
        "B3        precision 1.0000  recall 0.9683  F1 0.9839",
        "killed across sources: {'min': 14, 'max': 25}",
        "strike in Belgorod",
        "2023-12",
    ],
}
FIGURES = {"explore.ipynb": 0, "episodes.ipynb": 2}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_has_no_committed_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_runs_top_to_bottom(tmp_path: Path, name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    # A clean run prints no warnings: nothing on stderr (where warnings go), no warning text.
    assert [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"] == []
    assert [str(o) for o in outputs if re.search(r"\b[A-Z]\w*Warning\b", str(o))] == []
    text = "".join(
        o.text if o.output_type == "stream" else str(o.get("data", {}).get("text/plain", ""))
        for o in outputs
    )
    assert [s for s in EXPECTED[name] if s not in text] == []
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == FIGURES[name]
