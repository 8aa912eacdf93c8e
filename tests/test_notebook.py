"""The notebook runs top to bottom in a real kernel, and prints no warnings."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_the_notebook_has_no_committed_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.slow
def test_the_notebook_runs_top_to_bottom(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    # A clean run prints no warnings: nothing on stderr (where warnings go), no warning text.
    assert [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"] == []
    assert [str(o) for o in outputs if re.search(r"\b[A-Z]\w*Warning\b", str(o))] == []
    text = "".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "Ukraine" in text and "condemned" in text
