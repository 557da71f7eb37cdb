"""The API reference (``docs/api``, Sphinx with napoleon for the numpydoc docstrings) builds
with warnings as errors: a docstring that does not render is a test failure."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_api_reference_builds_without_warnings(tmp_path):
    pytest.importorskip("sphinx")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-E", "-W", "--keep-going", "-q",
                           "-b", "html", str(ROOT / "docs" / "api"), str(tmp_path / "html")],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (tmp_path / "html" / "authoring.html").read_text(encoding="utf-8")
    for name in ("Identity", "Jacobian", "Asymptotic", "NumericValue", "Equivalence",
                 "Extremum", "Dimensions", "Derivation"):
        assert name in page
