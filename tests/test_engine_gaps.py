"""Gaps of the step engine found after the hardening (issue: verification a theorist can
trust), each with a test that fails on the old behaviour:

* ``tol=`` given to a step kind that does not use it (Asymptotic, Equivalence, NumericValue,
  Dimensions) was silently ignored: it is now an error that names what the kind uses;
* Dimensions could not take exp/log/... of a dimensionless argument nor a symbolic exponent of
  a dimensionless base; a dimensionful argument is an error naming the step;
* ``Dimensions.corrupted()`` raised IndexError on a symbol-free expression, and multiplied by a
  dimensionless symbol (a corruption that cannot show);
* a Jacobian had no hunt points: a claim without its absolute value, negative on 1 % of the
  domain, passed on every seed;
* ``equivalent_mutants`` ids may use ``*`` as a wildcard.
"""

import pytest
import sympy as sp
from sympy.physics.units import energy, length, mass, temperature, time
from sympy.physics.units import Dimension

from glassderive.verify import (Asymptotic, Derivation, Dimensions, Equivalence, Identity,
                                Jacobian, NumericValue)
from glassderive.verify.mutate import declared_reason, mutants, mutate

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", real=True)
SEEDS = [f"seed-{i}" for i in range(4)]


def _check(step, seed="gaps"):
    step.derivation_name = seed
    step.validate()
    return step.check()


# -- tol= where a kind does not use it ---------------------------------------------------------

def test_asymptotic_refuses_tol_and_names_order_tol():
    with pytest.raises(ValueError, match="order_tol"):
        Asymptotic("a", sp.sin(x), x, x, 0, order=2, tol=0.05)
    st = Asymptotic("a", sp.sin(x), x, x, 0, order=2, order_tol=0.05)
    assert st.tol == 0.05 and _check(st).tolerance == 0.05


@pytest.mark.parametrize("tol", [1e-3, 0.5, 1])
def test_equivalence_refuses_a_nonzero_tol(tol):
    with pytest.raises(ValueError, match="disagree"):
        Equivalence("e", x**2 > 1, x > 1, domain={x: sp.Interval(0, 3)}, tol=tol)


def test_equivalence_accepts_tol_zero_which_is_what_it_does():
    st = Equivalence("e", x**2 > 1, x > 1, domain={x: sp.Interval(0, 3)}, tol=0)
    assert _check(st).status == "pass"


def test_numeric_value_refuses_tol_and_names_rel_tol():
    with pytest.raises(ValueError, match="rel_tol"):
        NumericValue("n", sp.pi, sp.Float("3.14"), tol=0.01)


def test_dimensions_refuses_a_nonzero_tol():
    E = sp.Symbol("E", positive=True)
    with pytest.raises(ValueError, match="Dimensions 'd'"):
        Dimensions("d", E, energy, {E: energy}, tol=0.1)
    assert _check(Dimensions("d", E, energy, {E: energy}, tol=0)).status == "pass"


def test_kinds_that_use_tol_still_take_it():
    assert Identity("i", x, x, tol=1e-20).tol == 1e-20
    assert Jacobian("j", {y: x}, (x,), 1, tol=1e-10).tol == 1e-10


# -- Dimensions of transcendental functions ------------------------------------------------------

E, kB, T, T0, m, v, t, w, alpha = sp.symbols("E k_B T T_0 m v t omega alpha", positive=True)
DIMS = {E: energy, kB: energy / temperature, T: temperature, T0: temperature, m: mass,
        v: length / time, t: time, w: 1 / time, alpha: Dimension(1)}


@pytest.mark.parametrize("expr,expected", [
    (E * sp.exp(-E / (kB * T)), energy),                      # Boltzmann factor
    (kB * sp.log(T / T0), energy / temperature),              # entropy of a ratio
    (m * v**2 * sp.sin(w * t) ** 2 / 2, energy),              # a phase
    (kB * T * sp.tanh(E / (2 * kB * T)), energy),
    (E * (T / T0) ** alpha, energy),                # symbolic exponent of a dimensionless base
    (sp.Abs(E - kB * T), energy),                             # Abs keeps the dimension
    (sp.Max(E, kB * T) * sp.coth(E / (kB * T)), energy),
])
def test_functions_of_dimensionless_arguments(expr, expected):
    res = _check(Dimensions("dims", expr, expected, DIMS))
    assert res.status == "pass", res.line()


@pytest.mark.parametrize("expr,what", [
    (sp.exp(E), "exp"),
    (kB * sp.log(T), "log"),
    (E * sp.sin(t), "sin"),
    (E * T ** alpha, "symbolic exponent"),
    (E * (T / T0) ** t, "exponent"),
    (E + kB, "adding"),
])
def test_dimensionful_argument_is_an_error_naming_the_step(expr, what):
    res = _check(Dimensions("my-dimension-step", expr, energy, DIMS))
    assert res.status == "error", res.line()
    assert "my-dimension-step" in res.detail and what in res.detail


def test_wrong_dimension_with_a_function_fails():
    res = _check(Dimensions("boltzmann", sp.exp(-E / (kB * T)), energy, DIMS))
    assert res.status == "fail", res.line()


# -- Dimensions.corrupted ------------------------------------------------------------------------

def test_corrupting_a_symbol_free_expression_uses_a_symbol_of_dims():
    st = Dimensions("pure-number", sp.Integer(2) * sp.pi, Dimension(1), {E: energy})
    assert _check(st).status == "pass"
    bad = st.corrupted()
    assert bad.expr != st.expr
    assert _check(bad).status == "fail"


def test_corrupting_without_any_dimensionful_symbol_says_none_exists():
    st = Dimensions("ratio", sp.Integer(3), Dimension(1), {alpha: Dimension(1)})
    with pytest.raises(ValueError, match="no corruption can change the dimension"):
        st.corrupted()
    st = Dimensions("empty", sp.Integer(3), Dimension(1), {})
    with pytest.raises(ValueError, match="no corruption"):
        st.corrupted()


def test_corruption_skips_a_dimensionless_symbol():
    # alpha sorts before omega; multiplying by alpha would not change the dimension
    st = Dimensions("rate", alpha * w, 1 / time, DIMS)
    assert _check(st).status == "pass"
    assert _check(st.corrupted()).status == "fail"


def test_corruption_with_a_transform_is_that_transform():
    st = Dimensions("speed", v, length / time, DIMS)
    assert st.corrupted(lambda e: e * t).expr == v * t


# -- Jacobian hunt points ------------------------------------------------------------------------

u, s = sp.symbols("u s", positive=True)
X, Y = sp.symbols("X Y", real=True)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("c,sign", [(sp.Rational(1, 100), 1), (sp.Rational(1, 50), 1),
                                    (sp.Rational(99, 100), -1)])
def test_jacobian_without_its_absolute_value_fails_where_det_changes_sign(seed, c, sign):
    """det = +-(u - c) changes sign inside (0, 1); the claim det itself is negative (wrong)
    on 1-2 % of the domain, next to an end, where the uniform points (2 % inside the ends)
    never go: the old check passed it on every seed."""
    st = Jacobian("no-abs", {X: sign * (u**2 / 2 - c * u), Y: s}, (u, s), sign * (u - c),
                  domain={u: sp.Interval.open(0, 1), s: sp.Interval.open(0, 1)})
    res = _check(st, seed)
    assert res.status == "fail", res.line()
    assert "more points" in res.detail


@pytest.mark.parametrize("seed", SEEDS)
def test_jacobian_with_its_absolute_value_passes(seed):
    c = sp.Rational(1, 100)
    st = Jacobian("abs", {X: u**2 / 2 - c * u, Y: s}, (u, s), sp.Abs(u - c),
                  domain={u: sp.Interval.open(0, 1), s: sp.Interval.open(0, 1)})
    res = _check(st, seed)
    assert res.status == "pass", res.line()


def test_jacobian_whose_sign_sympy_cannot_decide_is_hunted_and_passes():
    # |d(X, Y)/d(u, s)| = u/(2 sqrt(s) sqrt(1 - s)) > 0 on the domain, but SymPy cannot
    # tell the sign of sqrt(1 - s) for a positive s: the step is checked at more points
    st = Jacobian("stm-like", {X: u, Y: u * sp.sqrt(s)}, (u, s), u / (2 * sp.sqrt(s)),
                  domain={s: sp.Interval.open(0, 1)})
    res = _check(st)
    assert res.status == "pass", res.line()


# -- equivalent mutants with wildcards -----------------------------------------------------------

def _toy(decl):
    d = Derivation("gaps-wildcards", "toy", "none", "1")
    d.add(Equivalence("threshold", y**2 < 4, sp.Abs(y) < 2, domain={y: sp.Interval(-3, 3)},
                      equivalent_mutants=decl))
    return d


def test_wildcard_declares_every_matching_survivor():
    d = _toy({"domain[y]:*": "holds for every real y"})
    rep = mutate(d)
    assert rep.ok, str(rep)
    assert {o.id for o in rep.declared} == {"domain[y]:lo", "domain[y]:hi"}
    assert not rep.unknown_declared and not rep.declared_but_killed


def test_pattern_declares_only_survivors_exact_ids_stay_strict():
    d = _toy({"*": "everything"})
    rep = mutate(d)
    # the threshold edits are killed: a pattern does not make them stale declarations
    assert rep.killed > 0 and not rep.declared_but_killed
    assert {o.id for o in rep.declared} == {"domain[y]:lo", "domain[y]:hi"}


def test_pattern_matching_nothing_is_reported_unknown():
    d = _toy({"domain[y]:*": "ok", "lhs:nothing[*]": "matches no id"})
    rep = mutate(d)
    assert rep.unknown_declared == [("threshold", "lhs:nothing[*]")]


def test_literal_stars_of_mutant_ids_are_not_wildcards():
    st = Identity("lit", x**2 + 3, x**2 + 3,
                  equivalent_mutants={"rhs:const[0]*2": "exact id with a literal *"})
    ids = [m.id for m in mutants(st)]
    assert "rhs:const[0]*2" in ids
    assert declared_reason(st, "rhs:const[0]*2") == "exact id with a literal *"
    # "const[0]*2" must not match "const[0]*1/2" as if * were a wildcard
    assert declared_reason(st, "rhs:const[0]*1/2") == ""
    st.equivalent_mutants = {"rhs:const[*]*2": "any constant doubled"}
    assert declared_reason(st, "rhs:const[0]*2") == "any constant doubled"
    assert declared_reason(st, "rhs:const[0]*1/2") == ""
    # a killed mutant is not declared by a pattern
    assert declared_reason(st, "rhs:const[0]*2", survived=False) == ""
