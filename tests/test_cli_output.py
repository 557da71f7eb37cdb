"""``glassderive verify`` machine-readable output (--json, --junit), the cache flags, --version,
and the ``glassderive.verify`` function/subpackage name clash.

Small synthetic derivations are registered for the duration of a test, so these are fast; the
cache always lives under ``tmp_path``."""

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
import sympy as sp

import glassderive
from glassderive import registry
from glassderive.cli import JSON_SCHEMA, main
from glassderive.verify import Derivation, Identity

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", positive=True)


class _Crashing(Identity):
    def _check(self):
        raise RuntimeError("boom <&> \x01")


def _build_ok():
    d = Derivation("synth-ok", "synthetic, passing", "test paper", "1-2")
    d.add(Identity("square", (x + 1) ** 2, x ** 2 + 2 * x + 1, eq="(1)"))
    d.add(Identity("commute", x * y, y * x, eq="(2)"))
    d.add(Identity("uses-square", d.ref("square") - 1, x ** 2 + 2 * x, eq="(2')"))
    return d


def _build_bad():
    d = Derivation("synth-bad", "synthetic, failing", "test paper", "3")
    d.add(Identity("fine", x + x, 2 * x, eq="(3)"))
    d.add(Identity("wrong", x + 1, x + 2, eq="(3a)"))
    d.add(_Crashing("crash", x, x, eq="(3b)"))
    return d


STEP_FIELDS = {"name", "equation", "kind", "method", "status", "residual", "tolerance",
               "seconds", "cached", "uses", "detail", "key"}


@pytest.fixture(autouse=True)
def synthetic(monkeypatch, tmp_path):
    monkeypatch.setenv("GLASSDERIVE_CACHE_DIR", str(tmp_path / "env-cache"))
    for name, b in (("synth-ok", _build_ok), ("synth-bad", _build_bad)):
        monkeypatch.setitem(registry._REGISTRY, name,
                            registry.DerivationInfo(name, b().title, "test paper", "1-3", b))
        monkeypatch.delitem(registry._CACHE, name, raising=False)


def _json(capsys, *argv):
    rc = main(["verify", "--no-progress", "--json", *argv])
    out = capsys.readouterr().out
    return rc, json.loads(out)


def test_json_document(capsys, tmp_path):
    rc, doc = _json(capsys, "synth-ok", "synth-bad", "--cache-dir", str(tmp_path / "c"))
    assert rc == 1
    assert doc["schema"] == JSON_SCHEMA and doc["glassderive_version"] == glassderive.__version__
    assert isinstance(doc["engine_version"], str) and doc["engine_version"]
    assert doc["ok"] is False
    assert doc["cache"] == {"dir": str(tmp_path / "c"), "hits": 0, "steps": 6}
    assert doc["summary"] == {**doc["summary"], "derivations": 2, "steps": 6, "passed": 4,
                              "failed": 1, "errors": 1, "cached": 0}
    ok, bad = doc["derivations"]
    assert ok["name"] == "synth-ok" and ok["ok"] is True and ok["paper"] == "test paper"
    assert bad["name"] == "synth-bad" and bad["ok"] is False
    for d in doc["derivations"]:
        for s in d["steps"]:
            assert set(s) == STEP_FIELDS
            assert isinstance(s["seconds"], float) and s["cached"] is False
            assert isinstance(s["uses"], list) and len(s["key"]) == 64
    steps = {s["name"]: s for d in doc["derivations"] for s in d["steps"]}
    assert steps["square"]["equation"] == "(1)" and steps["square"]["kind"] == "algebra"
    assert steps["square"]["status"] == "pass" and steps["square"]["residual"] <= \
        steps["square"]["tolerance"]
    assert steps["uses-square"]["uses"] == ["square"]
    assert steps["wrong"]["status"] == "fail" and steps["wrong"]["residual"] > 0
    assert steps["crash"]["status"] == "error" and "boom" in steps["crash"]["detail"]
    assert steps["crash"]["residual"] is None          # inf: JSON has no infinity
    # second run: the pass and fail outcomes come from the cache, the crash is re-run
    rc, doc = _json(capsys, "synth-ok", "synth-bad", "--cache-dir", str(tmp_path / "c"))
    steps = {s["name"]: s for d in doc["derivations"] for s in d["steps"]}
    assert rc == 1 and doc["cache"]["hits"] == 5 and doc["summary"]["cached"] == 5
    assert not steps["crash"]["cached"] and all(s["cached"] for n, s in steps.items()
                                                if n != "crash")


def test_json_stdout_is_only_json_even_verbose(capsys, tmp_path):
    rc = main(["verify", "synth-ok", "--json", "--verbose", "--no-progress"])
    captured = capsys.readouterr()
    assert rc == 0
    assert json.loads(captured.out)["ok"] is True


def test_junit_xml(capsys, tmp_path):
    f = tmp_path / "out" / "junit.xml"
    f.parent.mkdir()
    rc = main(["verify", "synth-ok", "synth-bad", "--no-progress", "--no-cache",
               "--junit", str(f)])
    out = capsys.readouterr().out
    assert rc == 1
    assert out.splitlines()[0].split()[:2] == ["derivation", "steps"]   # the table still prints
    root = ET.parse(f).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "1", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["synth-ok", "synth-bad"]
    counts = [(s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped"))
              for s in suites]
    assert counts == [("3", "0", "0", "0"), ("3", "1", "1", "0")]
    for s in suites:
        float(s.get("time"))
        assert s.get("timestamp")
        cases = s.findall("testcase")
        assert len(cases) == int(s.get("tests"))
        for c in cases:
            assert c.get("classname") == f"glassderive.{s.get('name')}"
            assert float(c.get("time")) >= 0
            assert c.find("system-out") is not None
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"square", "commute", "uses-square", "fine", "wrong", "crash"}
    for name in ("square", "commute", "uses-square", "fine"):
        assert cases[name].find("failure") is None and cases[name].find("error") is None
    fail = cases["wrong"].find("failure")
    assert fail is not None and "residual" in fail.get("message") and "wrong" in fail.text
    err = cases["crash"].find("error")
    assert err is not None and "boom <&>" in err.get("message")   # escaped, control char dropped
    assert cases["crash"].find("failure") is None


def test_junit_and_json_together(capsys, tmp_path):
    f = tmp_path / "j.xml"
    rc, doc = _json(capsys, "synth-ok", "--junit", str(f), "--cache-dir", str(tmp_path / "c"))
    assert rc == 0 and doc["ok"]
    assert ET.parse(f).getroot().get("failures") == "0"


def test_junit_unwritable(capsys, tmp_path):
    assert main(["verify", "synth-ok", "--no-progress", "--junit",
                 str(tmp_path / "missing-dir" / "j.xml")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_no_cache_reruns_and_writes_nothing(capsys, tmp_path):
    c = str(tmp_path / "c")
    _json(capsys, "synth-ok", "--cache-dir", c)
    rc, warm = _json(capsys, "synth-ok", "--cache-dir", c)
    assert all(s["cached"] for s in warm["derivations"][0]["steps"])
    rc, cold = _json(capsys, "synth-ok", "--no-cache")
    assert rc == 0 and cold["cache"] is None
    assert not any(s["cached"] for s in cold["derivations"][0]["steps"])
    assert not (tmp_path / "env-cache").exists()


def test_default_cache_is_glassderive_cache_dir(capsys, tmp_path):
    rc, doc = _json(capsys, "synth-ok")
    assert rc == 0 and doc["cache"]["dir"] == str(tmp_path / "env-cache")
    assert len(list((tmp_path / "env-cache").rglob("*.json"))) == 3
    main(["verify", "synth-ok", "--no-progress"])
    captured = capsys.readouterr()
    assert "cache: 3 of 3 steps reused" in captured.err


def test_cache_flags_exclusive(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["verify", "synth-ok", "--no-cache", "--cache-dir", str(tmp_path)])
    assert exc.value.code == 2


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the synthetic derivations are registered in this process only")
def test_jobs_share_the_cache(capsys, tmp_path):
    c = str(tmp_path / "c")
    rc, doc = _json(capsys, "synth-ok", "synth-bad", "--jobs", "2", "--cache-dir", c)
    assert rc == 1 and doc["summary"]["cached"] == 0
    rc, doc = _json(capsys, "synth-ok", "synth-bad", "--jobs", "2", "--cache-dir", c)
    assert rc == 1 and doc["summary"]["cached"] == 5
    assert [d["name"] for d in doc["derivations"]] == ["synth-ok", "synth-bad"]


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"glassderive {glassderive.__version__}"
    proc = subprocess.run([sys.executable, "-m", "glassderive", "--version"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == f"glassderive {glassderive.__version__}"


_SHADOW = textwrap.dedent("""
    import sympy as sp
    import glassderive
    from glassderive import registry
    assert callable(glassderive.verify)

    def build():
        from glassderive.verify import Derivation, Identity
        x = sp.Symbol("x", positive=True)
        d = Derivation("tiny", "t", "p", "1")
        d.add(Identity("sq", (x + 1) ** 2, x ** 2 + 2 * x + 1))
        return d

    registry.register("tiny", title="t", paper="p", equations="1")(build)
    glassderive.get("tiny")              # imports the subpackage glassderive.verify
    assert callable(glassderive.verify), type(glassderive.verify)
    reports = glassderive.verify(["tiny"])
    assert len(reports) == 1 and reports[0].ok and reports[0].derivation == "tiny"
    assert not reports[0].steps[0].cached
    from glassderive.verify import Identity, StepResult
    import glassderive.verify as gv
    assert gv.Identity is Identity and gv is glassderive.verify
    from glassderive import verify
    assert verify(["tiny"])[0].ok
    import inspect
    assert list(inspect.signature(glassderive.verify).parameters)[:4] == \\
        ["names", "executor", "progress", "cache"]
    print("ok")
""")


def test_verify_function_not_shadowed_by_subpackage(tmp_path):
    env = dict(os.environ, GLASSDERIVE_CACHE_DIR=str(tmp_path / "env-cache"))
    proc = subprocess.run([sys.executable, "-c", _SHADOW], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
    assert not (tmp_path / "env-cache").exists()   # the Python API writes no cache by default


def test_verify_callable_in_this_process():
    import glassderive.verify  # noqa: F401  (already imported by this module; idempotent)
    assert callable(glassderive.verify)
    (rep,) = glassderive.verify(["synth-ok"])
    assert rep.ok
