"""Every built-in derivation verifies, and every step's check catches a corruption of that step
(the per-derivation test files check their own step lists, errata and numbers)."""

import inspect

import pytest
import sympy as sp

import glassderive
from glassderive import registry
from glassderive.derivations import gurarie_chalker as gc
from glassderive.derivations import soft_potential_parameters as spp

NAMES = sorted(glassderive.list_derivations())


@pytest.fixture(scope="module")
def reports():
    return {n: glassderive.get(n).verify() for n in NAMES}


def test_registered():
    assert {"gurarie-chalker", "soft-potential-parameters", "sea-gull-dos", "wkb-tunneling",
            "random-forces", "soft-potential-spectrum", "tls-tunneling-strength",
            "vibrational-instability", "holtsmark-width", "phonon-scattering-universality",
            "quasi-localized-modes", "rfot-mosaic", "soft-well-tls",
            "tls-heat-capacity-time"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_step_verifies(reports, name):
    rep = reports[name]
    assert rep.ok, str(rep)
    assert len(rep.steps) == len(glassderive.get(name).steps) >= 5


ALL_STEPS = [(n, s.name) for n in NAMES for s in glassderive.get(n).steps]


@pytest.mark.parametrize("name,step", ALL_STEPS)
def test_every_step_catches_its_corruption(name, step):
    """Scaling a step's claim by 8/7 must make that step fail: no check is a no-op.

    The other steps of the corrupted copy are the very objects verified in
    ``test_every_step_verifies``, so checking the corrupted step alone is enough."""
    d = glassderive.get(name)
    bad = d.corrupt(step)
    assert all(a is b for a, b in zip(d.steps, bad.steps) if a.name != step)
    res = bad.step(step).check()
    assert res.status == "fail", res.line()


# hand-made corruptions of the kinds a typo makes: a constant, an exponent, a sign
CORRUPTIONS = [
    ("gurarie-chalker", "jacobian", lambda e: e.xreplace({gc.b2: gc.b2**2})),            # exponent
    ("gurarie-chalker", "coefficient-matching", lambda e: e.subs(gc.b3, -gc.b3)),        # sign
    ("gurarie-chalker", "lowest-minimum-condition",
     lambda e: e.func(e.lhs, sp.sqrt(4 * gc.b2 * gc.b4)) if isinstance(e, sp.Rel) else e),
    ("gurarie-chalker", "marginal-lowest-minima",
     lambda e: e.subs(gc.b2 ** sp.Rational(3, 2), gc.b2)),                               # exponent
    ("gurarie-chalker", "expansion-about-minimum", lambda e: e.subs(sp.Rational(1, 6), sp.Rational(1, 3))),
    ("soft-potential-parameters", "jacobian", lambda e: e * 2),                           # constant
    ("soft-potential-parameters", "double-well-boundary",
     lambda e: e.func(e.lhs, sp.Rational(9, 16) * spp.t**2)),
    ("soft-potential-parameters", "invariants-at-every-extremum", lambda e: -e),         # sign
    ("soft-potential-parameters", "distribution-eta-positive", lambda e: e * spp.epsilon),
    # the printed (4.7) counts both signs of f: as a Jacobian it is twice too large
    ("wkb-tunneling", "jacobian-E-p", lambda e: 2 * e),
    # the garbled exponent of Il'in, Karpov, Parshin 1987 Eq. (12): 3 (or 2, for P = P0) instead of 4
    ("soft-potential-spectrum", "quasilocal-dos", lambda e: e.subs(sp.Symbol("E", positive=True) ** 4,
                                                                   sp.Symbol("E", positive=True) ** 3)),
    # the constant (3.7) drops
    ("random-forces", "omega-star", lambda e: e * 2 ** sp.Rational(1, 3) / sp.sqrt(3)),
    ("wkb-tunneling", "wkb-action", lambda e: e.subs(sp.sqrt(2), 2)),
    ("sea-gull-dos", "low-T-integral", lambda e: e.subs(sp.gamma(sp.Rational(1, 4)),
                                                         sp.sqrt(sp.pi))),
    ("sea-gull-dos", "limit-total-low", lambda e: e.subs(sp.sqrt(6) / 2, 1)),
    # the constant of the TLS density in terms of the Boson peak: 6^(5/6) -> 6^(1/2)
    ("sea-gull-dos", "tls-density-from-boson-peak",
     lambda e: e.xreplace({sp.Rational(5, 6): sp.Rational(1, 2)})),
]


@pytest.mark.parametrize("name,step,transform", CORRUPTIONS)
def test_typo_corruptions_are_caught(name, step, transform):
    d = glassderive.get(name)
    before = d.step(step)
    changed = d.corrupt(step, transform)
    after = changed.step(step)
    assert any(getattr(before, f) != getattr(after, f) for f in before.claim_fields)
    res = after.check()
    assert res.status == "fail", res.line()


@pytest.mark.parametrize("name,module,old,new,step", [
    ("gurarie-chalker", gc, "a2: b2 - b3 * s0 + b4 * s0**2 / 2",
     "a2: b2 - b3 * s0 + b4 * s0**2 / 3", "coefficient-matching"),
    ("soft-potential-parameters", spp, "return tt * (e - tt**2 / 4) / 2",
     "return tt * (e - tt**2 / 3) / 2", "shift-of-origin"),
])
def test_changing_a_coefficient_in_the_source_names_the_step(monkeypatch, capsys, name, module,
                                                              old, new, step):
    """Edit one coefficient in the derivation's source: `glassderive verify` fails, naming it."""
    src = inspect.getsource(module)
    assert src.count(old) == 1
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setattr(registry, "_CACHE", {})
    del registry._REGISTRY[name]
    exec(compile(src.replace(old, new), module.__file__, "exec"), {"__name__": module.__name__})
    from glassderive.cli import main
    assert main(["verify", name, "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  {step}" in out


def test_gurarie_chalker_results():
    d = glassderive.get("gurarie-chalker")
    assert d.results["jacobian"] == sp.Abs(gc.b2)
    assert sp.simplify(d.results["beta"] - gc.b3 / sp.sqrt(3 * gc.b2 * gc.b4)) == 0
    # the Jacobian is computed, not just claimed
    assert sp.simplify(d.step("jacobian").determinant() + gc.b2) == 0


def test_soft_potential_jacobian_factor_is_one_half():
    d = glassderive.get("soft-potential-parameters")
    assert sp.simplify(d.step("jacobian").determinant() + spp.eta / 2) == 0
    assert d.results["double_well_boundary"] == sp.Rational(9, 32) * spp.t**2


def test_unknown_derivation_name():
    with pytest.raises(KeyError, match="unknown derivation 'gurarie-chalkr'.*did you mean gurarie-chalker"):
        glassderive.get("gurarie-chalkr")
    with pytest.raises(TypeError):
        glassderive.get(3)


@pytest.mark.parametrize("name", NAMES)
def test_latex_is_one_align_with_every_step(name):
    d = glassderive.get(name)
    tex = d.latex()
    assert tex.count("\\begin{align*}") == 1
    body = tex.split("\\begin{align*}")[1].split("\\end{align*}")[0]
    lines = [l for l in body.split("\\\\\n")]
    assert len(lines) == len(d.steps) + len(d.definitions)
    assert tex.count("{") == tex.count("}")
