"""Every notebook runs top to bottom (code cells executed in order, figures on the Agg backend)."""

import json
import pathlib

import pytest

NOTEBOOKS = sorted((pathlib.Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    nb = json.loads(path.read_text())
    namespace = {"__name__": "__notebook__"}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{path.name}", "exec"), namespace)
    import matplotlib.pyplot as plt
    assert plt.get_fignums(), "the notebook should draw its figure"
    plt.close("all")


def test_benchmarks_run():
    import subprocess
    import sys
    root = pathlib.Path(__file__).parent.parent
    proc = subprocess.run([sys.executable, str(root / "benchmarks" / "run.py"), "--quick"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "ratio" in proc.stdout
