"""docs/coverage.md: every numbered equation of the encoded papers is a step, a definition or
"not encoded" with a reason, and the committed table is what the derivations say now."""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("make_coverage", ROOT / "docs" / "make_coverage.py")
make_coverage = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_coverage)


def test_every_equation_is_accounted_for():
    text, missing = make_coverage.render()
    assert not missing, missing
    # the three papers of the soft-potential chains are complete except for stated reasons
    for key in ("Parshin, Schober, Gurevich (2007)", "Il'in, Karpov, Parshin (1987)",
                "Kumar, Procaccia, Singh (2021)"):
        assert f"## {key}" in text


def test_label_parsing():
    num = make_coverage.PSG
    assert make_coverage.labels("(6.1)-(6.4), (2.4)", num) == ["6.1", "6.2", "6.3", "6.4", "2.4"]
    assert make_coverage.labels("(4.26)\u2013(4.29)", num) == ["4.26", "4.27", "4.28", "4.29"]
    assert make_coverage.labels("U-8, footnote 5", num) == []
    assert make_coverage.labels("(4a),(4b)", [str(i) for i in range(1, 14)]) == ["4"]


@pytest.mark.skipif(not make_coverage.CATALOG.exists(),
                    reason="the equation catalogs (../shared/catalog) give the titles")
def test_committed_table_is_up_to_date():
    assert make_coverage.main(["--check"]) == 0, "run: python docs/make_coverage.py"
