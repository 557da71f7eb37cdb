"""Whole-derivation reuse: a warm ``glassderive verify`` builds nothing, and what decides it.

A stored report is reused only under the derivation's *source key*: the builder's module, the
derivation modules it imports, every other glassderive source file and the library versions.
Here the key is computed on a throw-away copy of a package layout, so editing files is safe.
"""

from __future__ import annotations

import json
import textwrap
import types
import warnings

import pytest

from glassderive import registry
from glassderive.verify import fingerprint as fp
from glassderive.verify.cache import CacheWarning, StepCache


# -- the key ------------------------------------------------------------------------------------
@pytest.fixture
def layout(tmp_path, monkeypatch):
    """A fake installed tree: engine/ (the other sources) and derivs/ (three modules)."""
    engine, derivs = tmp_path / "engine", tmp_path / "derivs"
    engine.mkdir()
    derivs.mkdir()
    (engine / "steps.py").write_text("TOL = 1e-10\n")
    (derivs / "__init__.py").write_text("")
    (derivs / "shared.py").write_text("def helper():\n    return 1\n")
    (derivs / "other.py").write_text("X = 2\n")
    (derivs / "mine.py").write_text(textwrap.dedent("""
        from .shared import helper

        def build():
            return helper()
    """))
    fp._others_hash_cached.cache_clear()
    monkeypatch.setattr(fp, "_package_dirs", lambda: {"glassderive": engine,
                                                      "glassderive.derivations": derivs})

    def builder():
        src = (derivs / "mine.py")
        code = compile(src.read_text(), str(src), "exec")
        ns: dict = {}
        fn = types.FunctionType(next(c for c in code.co_consts
                                     if isinstance(c, types.CodeType)), ns, "build")
        return fn

    def key():
        fp._others_hash_cached.cache_clear()
        return fp.derivation_source_key("mine", builder())

    return types.SimpleNamespace(engine=engine, derivs=derivs, key=key)


def test_source_key_follows_the_module_its_imports_and_the_engine(layout):
    k0 = layout.key()
    assert k0 and k0 == layout.key()
    (layout.derivs / "other.py").write_text("X = 3\n")          # not imported: same key
    assert layout.key() == k0
    (layout.derivs / "shared.py").write_text("def helper():\n    return 2\n")  # imported
    k1 = layout.key()
    assert k1 != k0
    (layout.engine / "steps.py").write_text("TOL = 1e-9\n")   # the checking code
    k2 = layout.key()
    assert k2 not in (k0, k1)
    with open(layout.derivs / "mine.py", "a") as fh:           # even a comment: rebuilt
        fh.write("# note\n")
    assert layout.key() not in (k0, k1, k2)


def test_no_key_for_a_builder_outside_the_package(tmp_path):
    def build():  # defined in this test file
        return None
    assert fp.derivation_source_key("x", build) is None


def test_key_of_a_built_in_derivation_is_stable():
    meta = registry.info("soft-potential-spectrum")
    a = fp.derivation_source_key(meta.name, meta.builder)
    b = fp.derivation_source_key(meta.name, meta.builder)
    other = registry.info("wkb-tunneling")
    assert a and a == b and a != fp.derivation_source_key(other.name, other.builder)


# -- callables: what they call, not the file they sit in ----------------------------------------
def _module_fn(src: str, name: str):
    mod = types.ModuleType("glassderive_test_userfile")
    exec(compile(src, "/nonexistent/userfile.py", "exec"), mod.__dict__)
    return getattr(mod, name)


def test_callable_fingerprint_sees_the_functions_it_calls():
    base = "import math\nC = 2\ndef g(x):\n    return C * x\ndef f(x):\n    return g(x) + math.pi\n"
    a = fp.fingerprint_value(_module_fn(base, "f"))
    assert a == fp.fingerprint_value(_module_fn(base + "\ndef unrelated():\n    pass\n", "f"))
    assert a != fp.fingerprint_value(_module_fn(base.replace("C * x", "C * x * x"), "f"))
    assert a != fp.fingerprint_value(_module_fn(base.replace("C = 2", "C = 3"), "f"))


# -- the warm run -------------------------------------------------------------------------------
NAME = "soft-potential-spectrum"


def _fresh_registry(monkeypatch):
    monkeypatch.delitem(registry._CACHE, NAME, raising=False)


def test_warm_run_builds_nothing_and_reports_the_same(tmp_path, monkeypatch):
    import glassderive.api as api

    _fresh_registry(monkeypatch)
    (cold,) = api.verify([NAME], cache=tmp_path)
    assert cold.ok and not any(s.cached for s in cold.steps)
    assert list((tmp_path / "reports").glob("*.json"))
    _fresh_registry(monkeypatch)
    (warm,) = api.verify([NAME], cache=tmp_path)
    assert NAME not in registry._CACHE, "a warm run must not build the derivation"
    assert all(s.cached for s in warm.steps)
    assert [(s.step, s.status, s.residual, s.key) for s in warm.steps] == \
           [(s.step, s.status, s.residual, s.key) for s in cold.steps]


def test_damaged_report_is_ignored_and_the_step_cache_answers(tmp_path, monkeypatch):
    import glassderive.api as api

    _fresh_registry(monkeypatch)
    api.verify([NAME], cache=tmp_path)
    (f,) = (tmp_path / "reports").glob("*.json")
    data = json.loads(f.read_text())
    data["steps"][0]["status"] = "maybe"
    f.write_text(json.dumps(data))
    _fresh_registry(monkeypatch)
    with pytest.warns(CacheWarning, match="corrupted"):
        (rep,) = api.verify([NAME], cache=tmp_path)
    assert rep.ok and all(s.cached for s in rep.steps)   # from the step entries
    assert NAME in registry._CACHE                         # built, since the report was not trusted
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)       # rewritten whole
        _fresh_registry(monkeypatch)
        api.verify([NAME], cache=tmp_path)
        assert NAME not in registry._CACHE


def test_report_of_another_derivation_is_not_taken(tmp_path):
    cache = StepCache(tmp_path)
    from glassderive.verify.report import Report, StepResult

    rep = Report("a", [StepResult("s", "", "identity", "pass", "m", 0.0, 1e-10)])
    cache.put_report("k" * 64, rep)
    assert cache.get_report("a", "k" * 64).steps[0].cached
    with pytest.warns(CacheWarning):
        assert cache.get_report("b", "k" * 64) is None
    crashed = Report("c", [StepResult("s", "", "identity", "error", "m", 0.0, 1e-10)])
    cache.put_report("e" * 64, crashed)
    assert cache.get_report("c", "e" * 64) is None
