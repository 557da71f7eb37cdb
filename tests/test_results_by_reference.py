"""Every exported result is the expression of a verified step, and changing it is caught.

A result (the kernel users import) is registered by reference to the step that verifies it
(``d.result(name, d.ref(step), ...)``).  For every result of every derivation this test

* checks that the result names its step and is one of that step's verified expressions;
* retypes the result (the coefficient changed by 30 %) and asserts that registering it fails
  at build time: a result checked by nothing cannot be exported;
* changes the expression where it is written, inside the step's claim (scaled by 13/10, or
  its sign flipped), and asserts that the step's check fails:
  the kernel handed to users cannot change while ``glassderive verify`` stays green.
"""

import copy

import pytest
import sympy as sp

import glassderive
from glassderive.verify import Derivation, Identity

RESULTS = [(name, res) for name in glassderive.list_derivations()
           for res in glassderive.get(name).result_info]


def _changed_step(step, old, new):
    """A copy of ``step`` whose claim has ``old`` replaced by ``new``: the edit a user makes
    when they change the result where it is written (the step's claimed side; the left side
    only for a result taken from it, such as the integrand of a verified integral)."""
    outs = step.outputs()
    fields = [f for f in step.claim_fields if f in outs] + \
        [f for f in outs if f not in step.claim_fields]
    for field in fields:
        value = outs[field]
        if isinstance(value, sp.Basic) and value.xreplace({old: new}) != value:
            changed = copy.copy(step)
            setattr(changed, field, value.xreplace({old: new}))
            return changed
    raise AssertionError(f"{old} does not occur in the outputs of {step.name}")


def test_every_derivation_requires_verified_results():
    for name in glassderive.list_derivations():
        if not glassderive.info(name).source.startswith("built-in"):
            continue  # an author's derivation loaded by another test
        d = glassderive.get(name)
        assert d.require_verified_results, name
        assert d.unverified_results() == [], name


@pytest.mark.parametrize("name,result", RESULTS, ids=[f"{n}:{r}" for n, r in RESULTS])
def test_result_is_a_verified_expression(name, result):
    d = glassderive.get(name)
    r = d.result_info[result]
    assert r.step, f"{name}: result {result} names no step"
    st = d.step(r.step)
    assert any(v.has(r.expr) or v == r.expr for v in st.outputs().values()
               if isinstance(v, sp.Basic))
    # retyped with a wrong coefficient: refused when the derivation is built
    with pytest.raises(ValueError, match="not an expression verified by step"):
        d.result(result + "_retyped", sp.Rational(13, 10) * r.expr, r.args, r.domain,
                 step=r.step)


@pytest.mark.parametrize("name,result", RESULTS, ids=[f"{n}:{r}" for n, r in RESULTS])
def test_changing_a_result_fails_verification(name, result):
    d = glassderive.get(name)
    r = d.result_info[result]
    st = d.step(r.step)
    assert st.check().status == "pass"
    for new in (sp.Rational(13, 10) * r.expr, -r.expr):
        res = _changed_step(st, r.expr, new).check()
        assert res.status in ("fail", "error"), \
            f"{name}: {result} -> {new} left step {st.name} green ({res.detail[:200]})"


def test_retyped_result_refused_when_required():
    x = sp.Symbol("x", positive=True)
    d = Derivation("toy-results", "toy", "none", "1")
    d.require_verified_results = True
    d.add(Identity("square", (x + 1) ** 2, x**2 + 2 * x + 1))
    with pytest.raises(ValueError, match="names no verified step"):
        d.result("typed", x**2 + 2 * x + 1, (x,))
    # by reference it is accepted and records the step
    d.result("square", d.ref("square"), (x,))
    assert d.result_info["square"].step == "square"
