"""Mutation testing (``glassderive mutate``): catalogue, kills, survivors, declarations, CLI."""

import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest
import sympy as sp

import glassderive
from glassderive import registry
from glassderive.cli import main
from glassderive.verify import Asymptotic, Derivation, Equivalence, Identity, NumericValue
from glassderive.verify.mutate import mutants, mutate, plan

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", real=True)
t = sp.Symbol("t", real=True)


def toy(weak: bool = False) -> Derivation:
    d = Derivation("mutate-toy" + ("-weak" if weak else ""), "toy", "none", "1-3")
    d.add(Identity("square", (x + 1) ** 2, x**2 + 2 * x + 1))
    # a quadrature identity with an absurd tolerance (weak) accepts any right-hand side
    d.add(Identity("integral", sp.Integral(2 * t, (t, 0, x)), x**2, n_points=3,
                   **({"tol": 1e9} if weak else {})))
    d.add(NumericValue("half", x / 2, sp.Rational(3, 2), at={x: 3},
                       **({"rel_tol": 10} if weak else {})))
    d.add(Asymptotic("expm1", sp.exp(x) - 1, x + x**2 / 2, x, 0, order=2))
    # the equivalence holds for every real y: widening its domain is an equivalent mutant
    d.add(Equivalence("threshold", y**2 < 4, sp.Abs(y) < 2, domain={y: sp.Interval(-3, 3)},
                      equivalent_mutants={"domain[y]:lo": "holds for every real y",
                                          "domain[y]:hi": "holds for every real y"}))
    return d


@pytest.fixture(scope="module")
def correct():
    d = toy()
    return d, mutate(d)


def test_catalogue_kinds_and_ids():
    d = toy()
    kinds = {s.name: {m.kind for m in mutants(s)} for s in d.steps}
    assert {"const", "pow", "neg", "log"} <= kinds["square"]
    assert {"const", "neg"} <= kinds["half"]
    assert {"const", "pow", "neg", "log", "order", "log_power"} <= kinds["expm1"]
    assert {"rel", "domain"} <= kinds["threshold"]
    ids = [m.id for m in mutants(d.step("expm1"))]
    assert len(ids) == len(set(ids))
    assert {"order+0.5", "order-0.5", "log_power+1", "log_power-1"} <= set(ids)
    assert any(i.startswith("approx:const[") and i.endswith("*1.3") for i in ids)
    assert [m.id for m in mutants(d.step("threshold")) if m.kind == "domain"] == \
        ["domain[y]:lo", "domain[y]:hi"]
    # ids are stable: a fresh build gives the same catalogue
    again = toy()
    for s, t in zip(d.steps, again.steps):
        assert [m.id for m in mutants(s)] == [m.id for m in mutants(t)]
    # a mutant is a copy; the step is untouched, and no mutant equals the original
    st = d.step("square")
    before = (st.lhs, st.rhs)
    for m in mutants(st):
        new = m.apply()
        assert new is not st and (new.lhs, new.rhs, new.domain) != (st.lhs, st.rhs, st.domain)
    assert (st.lhs, st.rhs) == before


def test_positive_symbol_domain_not_widened_into_nothing():
    # x is declared positive: (0, oo) -> (-1, oo) would change nothing, so it is not listed
    st = Identity("pos", x, x, domain={x: sp.Interval.open(0, sp.oo)})
    assert not [m for m in mutants(st) if m.kind == "domain"]


def test_correct_steps_kill_every_mutant(correct):
    d, rep = correct
    assert rep.ok, str(rep)
    assert {(o.step, o.id) for o in rep.declared} == {("threshold", "domain[y]:lo"),
                                                       ("threshold", "domain[y]:hi")}
    assert rep.total > 30 and rep.killed == rep.total - 2 and not rep.survivors
    assert not rep.errors
    # the +-1 % threshold mutants are seen by the 2000 sampled points
    assert all(o.killed for o in rep.step("threshold").outcomes if "rel[" in o.id)
    assert all(s.baseline.status == "pass" for s in rep.steps)
    assert "total" in rep.table() and "100 %" in rep.table()
    assert "declared equivalent:" in str(rep) and "holds for every real y" in str(rep)


def test_weak_steps_leave_survivors_and_declarations_fix_ok():
    d = toy(weak=True)
    rep = mutate(d, steps=["integral", "half"])
    assert not rep.ok
    surv = {(o.step, o.id) for o in rep.survivors}
    assert any(s == "integral" for s, _ in surv) and any(s == "half" for s, _ in surv)
    assert "surviving mutants" in str(rep)
    for st in (d.step("integral"), d.step("half")):
        st.equivalent_mutants = {i: "weak on purpose" for s, i in surv if s == st.name}
    rep2 = mutate(d, steps=["integral", "half"])
    assert rep2.ok and not rep2.survivors
    assert {(o.step, o.id) for o in rep2.declared} == surv
    assert all(o.declared == "weak on purpose" for o in rep2.declared)
    # a declaration that no longer matches a catalogue id is reported
    d.step("half").equivalent_mutants["value:no-such"] = "stale"
    assert ("half", "value:no-such") in mutate(d, steps=["half"], limit=1).unknown_declared


def test_limit_is_a_deterministic_stratified_sample():
    d = toy()
    p1 = [(s.name, [m.id for m in ms]) for s, ms, _ in plan(d, limit=3)]
    p2 = [(s.name, [m.id for m in ms]) for s, ms, _ in plan(toy(), limit=3)]
    assert p1 == p2
    assert all(len(ids) <= 3 for _, ids in p1)
    ms = dict(p1)["expm1"]
    kinds = {m.kind for m in mutants(d.step("expm1")) if m.id in ms}
    assert len(kinds) == 3  # one of each of three kinds, not three constants


def test_ids_stable_across_processes():
    code = ("import glassderive; from glassderive.verify.mutate import mutants; "
            "print('\\n'.join(m.id for m in mutants(glassderive.get('gurarie-chalker')"
            ".step('coefficient-matching'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert out.returncode == 0, out.stderr
    here = [m.id for m in mutants(glassderive.get("gurarie-chalker").step("coefficient-matching"))]
    assert out.stdout.split() == here


def test_process_pool_on_a_registered_derivation():
    seen = []
    with ProcessPoolExecutor(max_workers=2) as ex:
        rep = mutate("gurarie-chalker", steps=["jacobian", "expansion-about-minimum"],
                     executor=ex, limit=2, progress=seen.append, timeout=120)
    assert rep.total == 4 and len(seen) == 4 + 2  # and the two unmutated steps
    assert rep.ok and rep.kill_rate == 1.0, str(rep)
    assert [s.step for s in rep.steps] == ["jacobian", "expansion-about-minimum"]
    with pytest.raises(ValueError, match="registered"):
        with ProcessPoolExecutor(max_workers=1) as ex:
            mutate(toy(), executor=ex)


def test_cli_exit_codes(capsys, monkeypatch):
    assert main(["mutate", "no-such-derivation"]) == 2
    err = capsys.readouterr().err
    assert "unknown derivation 'no-such-derivation'" in err and "Traceback" not in err
    assert main(["mutate", "gurarie-chalker", "--step", "nope"]) == 2
    assert "no step 'nope'" in capsys.readouterr().err
    assert main(["mutate", "gurarie-chalker", "--limit", "0"]) == 2
    capsys.readouterr()

    assert main(["mutate", "gurarie-chalker", "--step", "jacobian", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "jacobian" in out and "100 %" in out

    weak, good = toy(weak=True), toy()
    for d in (weak, good):   # registered as an author's derivations are (built already)
        monkeypatch.setitem(registry._REGISTRY, d.name, registry.DerivationInfo(
            d.name, d.title, d.paper, d.equations, lambda d=d: d, "the test session"))
        monkeypatch.setitem(registry._CACHE, d.name, d)
    assert main(["mutate", "mutate-toy-weak", "--step", "half", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert "surviving mutants" in out and "half  value:" in out
    assert main(["mutate", "mutate-toy", "--step", "half", "--json", "--no-progress"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["kill_rate"] == 1.0 and data["steps"][0]["step"] == "half"


def test_trivial_step_is_noted_and_a_hanging_check_times_out():
    import time as _time

    d = Derivation("mutate-toy-notes", "toy", "none", "1")
    d.add(Identity("evaluated", sp.diff(x**2, x) - 2 * x, 0))  # SymPy made it 0 = 0
    d.add(NumericValue("slow", lambda dps: (_time.sleep(5), sp.Integer(1))[1] and
                       __import__("mpmath").mpf(1), 1, tex="s"))
    rep = mutate(d, steps=["evaluated"])
    assert any("compares an expression with itself" in n for n in rep.step("evaluated").notes)
    assert "note: evaluated" in str(rep)
    t0 = _time.perf_counter()
    rep = mutate(d, steps=["slow"], limit=1, timeout=0.3, baseline=False)
    assert _time.perf_counter() - t0 < 3
    (o,) = rep.outcomes
    assert o.status == "timeout" and o.killed and rep.errors == [o]
