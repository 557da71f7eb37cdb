"""The incremental verification cache: hits, misses after an edit (and for the steps that use the
edited one), corrupted entries, concurrent writers, uncached errors, and the CLI end to end.

Synthetic derivations of a few cheap identities keep these fast; the cache always lives in
``tmp_path`` (never the user's cache directory)."""

import json
import os
import subprocess
import sys
import textwrap
import warnings

import pytest
import sympy as sp

from glassderive.verify import Derivation, Identity
from glassderive.verify.cache import CacheWarning, StepCache
from glassderive.verify.steps import Step

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", positive=True)


class Crashing(Identity):
    """An identity whose check raises (an "error" outcome)."""

    def _check(self):
        raise RuntimeError("boom")


def build(c=2, extra=0, crash=False, bad=False, name="synthetic-cache"):
    """a, b (with the constant ``c``), u (uses b by name), r (takes b's claim by d.ref), e;
    ``extra`` more independent identities; optionally a crashing and a failing step."""
    d = Derivation(name, "synthetic", "test", "1")
    d.add(Identity("a", (x + 1) ** 2, x ** 2 + 2 * x + 1))
    d.add(Identity("b", c * x * y, c * y * x))
    d.add(Identity("u", x * y, y * x), uses=("b",))   # content does not involve c
    d.add(Identity("r", d.ref("b") + x, x + c * x * y))
    d.add(Identity("e", sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.S.One))
    for k in range(extra):
        d.add(Identity(f"x{k}", (x + k) * (y + 1), x * y + x + k * y + k))
    if bad:
        d.add(Identity("bad", x + 1, x + 2))
    if crash:
        d.add(Crashing("crash", x, x))
    return d


@pytest.fixture
def checks(monkeypatch):
    """Names of the steps whose check actually ran."""
    ran = []
    orig = Step.check

    def counting(self):
        ran.append(self.name)
        return orig(self)

    monkeypatch.setattr(Step, "check", counting)
    return ran


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("GLASSDERIVE_CACHE_DIR", str(tmp_path / "default-cache"))


def _entries(path):
    return sorted(p for p in path.rglob("*.json") if not p.name.startswith(".tmp-"))


def test_second_run_hits_every_step(tmp_path, checks):
    cache = StepCache(tmp_path / "c")
    first = build().verify(cache=cache)
    assert first.ok and not any(s.cached for s in first.steps)
    assert checks == ["a", "b", "u", "r", "e"]
    assert len(_entries(cache.path)) == 5
    checks.clear()
    second = build().verify(cache=StepCache(tmp_path / "c"))
    assert checks == []
    assert second.ok and all(s.cached for s in second.steps)
    assert [s.key for s in second.steps] == [s.key for s in first.steps]
    assert [(s.step, s.status, s.residual) for s in second.steps] == \
        [(s.step, s.status, s.residual) for s in first.steps]
    assert second["u"].uses == ("b",) and second["r"].uses == ("b",)


def test_edit_reruns_the_step_and_its_users_only(tmp_path, checks):
    build(c=2).verify(cache=StepCache(tmp_path))
    checks.clear()
    rep = build(c=3).verify(cache=StepCache(tmp_path))
    assert rep.ok
    # b changed; u uses b by name (its own content is unchanged), r takes b's claim by ref
    assert sorted(checks) == ["b", "r", "u"]
    assert {s.step for s in rep.steps if s.cached} == {"a", "e"}
    # both versions are now stored: going back is all hits
    checks.clear()
    assert all(s.cached for s in build(c=2).verify(cache=StepCache(tmp_path)).steps)
    assert checks == []


def test_without_cache_every_step_runs(tmp_path, checks):
    build().verify(cache=StepCache(tmp_path))
    checks.clear()
    rep = build().verify()
    assert checks == ["a", "b", "u", "r", "e"] and not any(s.cached for s in rep.steps)


def test_corrupted_entries_are_ignored_and_reverified(tmp_path, checks):
    first = build().verify(cache=StepCache(tmp_path))
    files = {s.step: tmp_path / s.key[:2] / f"{s.key}.json" for s in first.steps}
    assert all(f.exists() for f in files.values())
    files["a"].write_bytes(b"\x00\x01 garbage {{{ not json")
    text = files["b"].read_text()
    files["b"].write_text(text[: len(text) // 2])                       # truncated JSON
    files["e"].write_text(files["u"].read_text())                      # another step's entry
    checks.clear()
    with pytest.warns(CacheWarning) as rec:
        rep = build().verify(cache=StepCache(tmp_path))
    assert len([w for w in rec if issubclass(w.category, CacheWarning)]) == 3
    assert rep.ok
    assert sorted(checks) == ["a", "b", "e"]
    assert {s.step for s in rep.steps if s.cached} == {"u", "r"}
    # the damaged entries were overwritten: a third run hits everywhere, silently
    checks.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        rep = build().verify(cache=StepCache(tmp_path))
    assert checks == [] and all(s.cached for s in rep.steps)
    assert json.loads(files["e"].read_text())["key"] == first["e"].key


def test_non_utf8_entry_is_ignored(tmp_path, checks):
    first = build().verify(cache=StepCache(tmp_path))
    f = tmp_path / first["a"].key[:2] / f"{first['a'].key}.json"
    f.write_bytes(b"\x00\xff\xfe garbage \x89PNG")
    checks.clear()
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        rep = build().verify(cache=StepCache(tmp_path))
    assert any(issubclass(w.category, CacheWarning) for w in rec)
    assert rep.ok and checks == ["a"]


def test_error_is_not_cached_but_failure_is(tmp_path, checks):
    cache = StepCache(tmp_path)
    rep = build(crash=True, bad=True).verify(cache=cache)
    assert rep["crash"].status == "error" and "boom" in rep["crash"].detail
    assert rep["bad"].status == "fail"
    assert cache.get(rep["crash"].key) is None
    assert cache.get(rep["bad"].key).status == "fail"
    checks.clear()
    rep = build(crash=True, bad=True).verify(cache=StepCache(tmp_path))
    assert checks == ["crash"]                    # the crash is re-run every time
    assert rep["crash"].status == "error" and not rep["crash"].cached
    assert rep["bad"].status == "fail" and rep["bad"].cached
    assert not rep.ok


_WORKER = textwrap.dedent("""
    import json, os, sys, time
    sys.path.insert(0, {tests!r})
    from test_cache import build
    from glassderive.verify.cache import StepCache
    me, cache_dir, barrier = sys.argv[1], sys.argv[2], sys.argv[3]
    open(os.path.join(barrier, me), "w").close()
    t0 = time.time()
    while len(os.listdir(barrier)) < 2 and time.time() - t0 < 60:
        time.sleep(0.005)
    rep = build(extra=25).verify(cache=StepCache(cache_dir))
    print(json.dumps({{"ok": rep.ok, "n": len(rep.steps),
                      "cached": sum(s.cached for s in rep.steps)}}))
""")


def test_two_concurrent_runs_share_the_cache(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(_WORKER.format(tests=os.path.dirname(__file__)))
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    cache_dir = tmp_path / "shared"
    env = dict(os.environ, GLASSDERIVE_CACHE_DIR=str(tmp_path / "unused"))
    procs = [subprocess.Popen([sys.executable, str(script), str(i), str(cache_dir), str(barrier)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "CacheWarning" not in err, err
        res = json.loads(out.strip().splitlines()[-1])
        assert res["ok"] and res["n"] == 30
    assert not list(cache_dir.rglob(".tmp-*"))
    assert len(_entries(cache_dir)) == 30
    for f in _entries(cache_dir):
        data = json.loads(f.read_text())
        assert data["key"] == f.stem and data["result"]["status"] == "pass"
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        rep = build(extra=25).verify(cache=StepCache(cache_dir))
    assert rep.ok and all(s.cached for s in rep.steps)


def test_python_api_default_writes_no_cache(tmp_path, monkeypatch):
    import glassderive
    from glassderive import registry

    monkeypatch.setitem(registry._REGISTRY, "synthetic-cache",
                        registry.DerivationInfo("synthetic-cache", "t", "p", "1", build))
    monkeypatch.delitem(registry._CACHE, "synthetic-cache", raising=False)
    (rep,) = glassderive.api.verify(["synthetic-cache"])
    assert rep.ok and not (tmp_path / "default-cache").exists()
    (rep,) = glassderive.api.verify(["synthetic-cache"], cache=tmp_path / "c")
    assert not any(s.cached for s in rep.steps)
    (rep,) = glassderive.api.verify(["synthetic-cache"], cache=str(tmp_path / "c"))
    assert all(s.cached for s in rep.steps)
    (rep,) = glassderive.api.verify(["synthetic-cache"], cache=True)  # GLASSDERIVE_CACHE_DIR
    assert (tmp_path / "default-cache").is_dir() and not any(s.cached for s in rep.steps)
    with pytest.raises(TypeError):
        glassderive.api.verify(["synthetic-cache"], cache=3)


def test_cli_end_to_end_second_run_hits(tmp_path):
    env = dict(os.environ, GLASSDERIVE_CACHE_DIR=str(tmp_path / "unused"))
    cmd = [sys.executable, "-m", "glassderive", "verify", "gurarie-chalker", "--no-progress",
           "--cache-dir", str(tmp_path / "c"), "--json"]
    docs = []
    for _ in range(2):
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        docs.append(json.loads(proc.stdout))
    first, second = (d["derivations"][0]["steps"] for d in docs)
    assert first and not any(s["cached"] for s in first)
    assert all(s["cached"] for s in second) and len(second) == len(first)
    assert docs[1]["cache"] == {"dir": str(tmp_path / "c"), "hits": len(first),
                                "steps": len(first)}
    assert not (tmp_path / "unused").exists()
