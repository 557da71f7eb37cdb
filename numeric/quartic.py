"""Random quartics: a vectorised Monte Carlo check of the Gurarie-Chalker densities (Kumar, Procaccia, Singh 2021).

Independent of the algebra in :mod:`glassderive.derivations.gurarie_chalker`: random quartics
``U(s) = a1 s + a2 s^2/2 + a3 s^3/6 + a4 s^4/24`` are drawn from a smooth density of
(a1, a2, a3, a4), all their minima found by solving the cubic U'(s) = 0 in closed form (then
polished by Newton steps), each minimum classified (lowest or higher; single or double well) and
the small-curvature tail of P(b2), b2 = U''(s0), fitted by maximum likelihood.  The theory says
the exponent is 1 for all minima (D ~ omega^3) and 3/2 for the lowest minima (D ~ omega^4).

Everything is numpy, seeded (``numpy.random.SeedSequence``), chunked, and can be spread over any
``concurrent.futures.Executor``.
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Dict, Optional

import numpy as np

from .kernel import check_array

__all__ = ["cubic_real_roots", "quartic_minima", "sample_minima", "fit_power_law",
           "PowerLawFit", "GurarieChalkerMC", "gurarie_chalker_slopes", "soft_potential_extrema",
           "SoftPotentialMC", "soft_potential_slopes"]


def cubic_real_roots(c3, c2, c1, c0, polish: int = 2) -> np.ndarray:
    """Real roots of c3 x^3 + c2 x^2 + c1 x + c0 (c3 != 0), shape (..., 3), NaN where absent.

    Closed form (trigonometric for three real roots, Cardano otherwise) on the depressed cubic,
    followed by ``polish`` Newton steps on the original polynomial.  Roots are sorted.
    """
    c3, c2, c1, c0 = np.broadcast_arrays(*(check_array(n, c, where="cubic_real_roots: ")
                                           for n, c in (("c3", c3), ("c2", c2), ("c1", c1),
                                                        ("c0", c0))))
    if np.any(c3 == 0):
        raise ValueError("cubic_real_roots: leading coefficient c3 must be nonzero")
    p2, p1, p0 = c2 / c3, c1 / c3, c0 / c3
    shift = p2 / 3
    p = p1 - p2 * p2 / 3
    q = 2 * p2**3 / 27 - p2 * p1 / 3 + p0
    disc = (q / 2) ** 2 + (p / 3) ** 3          # < 0: three distinct real roots
    out = np.full(c3.shape + (3,), np.nan)
    three = disc < 0
    with np.errstate(invalid="ignore", divide="ignore"):
        m = 2 * np.sqrt(-p[three] / 3)
        arg = np.clip(3 * q[three] / (p[three] * m), -1.0, 1.0)
        theta = np.arccos(arg) / 3
        for k in range(3):
            out[three, k] = m * np.cos(theta - 2 * np.pi * k / 3) - shift[three]
        one = ~three
        sd = np.sqrt(disc[one])
        qq = -q[one] / 2
        # the larger-magnitude cube root first avoids cancellation
        u = np.cbrt(qq + np.copysign(sd, qq))
        v = np.where(u != 0, -p[one] / (3 * np.where(u != 0, u, 1)), 0.0)
        out[one, 0] = u + v - shift[one]
    for _ in range(polish):
        x = out
        f = ((c3[..., None] * x + c2[..., None]) * x + c1[..., None]) * x + c0[..., None]
        df = (3 * c3[..., None] * x + 2 * c2[..., None]) * x + c1[..., None]
        with np.errstate(invalid="ignore", divide="ignore"):
            step = np.where(df != 0, f / df, 0.0)
        out = np.where(np.isfinite(step), x - step, x)
    return np.sort(out, axis=-1)


def quartic_minima(a1, a2, a3, a4) -> Dict[str, np.ndarray]:
    """All local minima of U(s) = a1 s + a2 s^2/2 + a3 s^3/6 + a4 s^4/24 with a4 > 0.

    Returns flat arrays, one entry per minimum: ``b2`` (= U''), ``b3`` (= U'''), ``b4`` (= a4),
    ``s0``, ``lowest`` (the global minimum of its quartic), ``double`` (its quartic is a double
    well) and ``quartic`` (index of the quartic).
    """
    a1, a2, a3, a4 = np.broadcast_arrays(*(check_array(n, a, where="quartic_minima: ")
                                           for n, a in (("a1", a1), ("a2", a2), ("a3", a3),
                                                        ("a4", a4))))
    if np.any(a4 <= 0):
        raise ValueError("quartic_minima: a4 must be > 0 (a quartic bounded below)")
    r = cubic_real_roots(a4 / 6, a3 / 2, a2, a1)
    U = lambda s: ((a4[..., None] / 24 * s + a3[..., None] / 6) * s + a2[..., None] / 2) * s \
        * s + a1[..., None] * s
    Upp = lambda s: (a4[..., None] / 2 * s + a3[..., None]) * s + a2[..., None]
    n_real = np.sum(np.isfinite(r), axis=-1)
    double = n_real == 3
    # sorted roots: single well -> r[0] is the minimum; double well -> r[0], r[2] minima
    b2 = Upp(r)
    vals = U(r)
    idx = np.arange(a1.size)
    a1f, a4f, a3f = a1.ravel(), a4.ravel(), a3.ravel()
    r2, b2f, vf, dbl = r.reshape(-1, 3), b2.reshape(-1, 3), vals.reshape(-1, 3), double.ravel()
    # single wells
    sw = ~dbl
    s_single = r2[sw, 0]
    # double wells: two minima
    left_lower = vf[dbl, 0] <= vf[dbl, 2]
    s0 = np.concatenate([s_single, r2[dbl, 0], r2[dbl, 2]])
    quartic = np.concatenate([idx[sw], idx[dbl], idx[dbl]])
    out = {
        "s0": s0,
        "b2": np.concatenate([b2f[sw, 0], b2f[dbl, 0], b2f[dbl, 2]]),
        "lowest": np.concatenate([np.ones(sw.sum(), bool), left_lower, ~left_lower]),
        "double": np.concatenate([np.zeros(sw.sum(), bool), np.ones(2 * dbl.sum(), bool)]),
        "quartic": quartic,
    }
    out["b4"] = a4f[quartic]
    out["b3"] = a3f[quartic] + a4f[quartic] * s0
    return out


def _draw_coefficients(rng: np.random.Generator, n: int, sigma4: float = 0.5):
    """A smooth density of (a1..a4): a1, a2, a3 ~ N(0, 1); a4 log-normal(0, sigma4)."""
    a = rng.standard_normal((3, n))
    a4 = np.exp(sigma4 * rng.standard_normal(n))
    return a[0], a[1], a[2], a4


def _chunk(seed_seq: np.random.SeedSequence, n: int, b2_max: float) -> Dict[str, np.ndarray]:
    rng = np.random.default_rng(seed_seq)
    mins = quartic_minima(*_draw_coefficients(rng, n))
    keep = mins["b2"] < b2_max
    out = {k: v[keep] for k, v in mins.items() if k != "quartic"}
    out["n_minima"] = np.array([mins["b2"].size])
    out["n_lowest_total"] = np.array([int(mins["lowest"].sum())])
    return out


def sample_minima(n_quartics: int, seed: int = 0, b2_max: float = 0.5,
                  chunk: int = 250_000, executor: Optional[Executor] = None,
                  progress: bool = False) -> Dict[str, np.ndarray]:
    """Minima with b2 < ``b2_max`` of ``n_quartics`` seeded random quartics (see module doc)."""
    n_quartics = int(n_quartics)
    if n_quartics < 1:
        raise ValueError(f"n_quartics must be >= 1, got {n_quartics}")
    check_array("b2_max", b2_max)
    if not b2_max > 0:
        raise ValueError(f"b2_max must be > 0, got {b2_max}")
    sizes = [chunk] * (n_quartics // chunk) + ([n_quartics % chunk] if n_quartics % chunk else [])
    seqs = np.random.SeedSequence(seed).spawn(len(sizes))
    if executor is None:
        it = (_chunk(sq, sz, b2_max) for sq, sz in zip(seqs, sizes))
    else:
        it = executor.map(_chunk, seqs, sizes, [b2_max] * len(sizes))
    if progress:  # True: a live bar; "log": a line every 30 s (numeric.progress)
        from .progress import progress_iter
        it = progress_iter(it, len(sizes), "quartics", "chunk", progress)
    parts = list(it)
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


@dataclass
class PowerLawFit:
    """Maximum-likelihood fit of P(b) ~ b^gamma (1 + c b) on 0 < b < b_max."""

    gamma: float
    gamma_err: float
    c: float
    n: int
    b_max: float

    def __str__(self) -> str:
        return f"gamma = {self.gamma:.4f} +- {self.gamma_err:.4f} (n = {self.n}, b < {self.b_max:g})"


def fit_power_law(b: np.ndarray, b_max: float, correction: bool = True,
                  delta: float = 1.0) -> PowerLawFit:
    """Fit the exponent of P(b) ~ b^gamma (1 + c b^delta) for the samples 0 < b < b_max.

    ``delta`` is the order of the leading correction (1 for a smooth correction; 1/2 where a
    b^(gamma + 1/2) term is subtracted, as for the higher minima).  The density on (0, b_max)
    is normalised exactly, Z = x^(g+1)/(g+1) + c x^(g+1+delta)/(g+1+delta); the
    statistical error comes from the observed information (inverse Hessian of the negative
    log-likelihood).  ``correction=False`` fixes c = 0 (a pure power law, closed-form MLE).
    """
    from scipy.optimize import minimize

    b = np.asarray(b, dtype=float)
    b = b[(b > 0) & (b < b_max)]
    n = b.size
    if n < 20:
        raise ValueError(f"fit_power_law: only {n} samples below b_max={b_max}")
    logs = np.log(b / b_max)
    y = (b / b_max) ** delta  # scaled: density ~ y^g (1 + c' y^delta) on (0, 1)

    if not correction:
        g = -1.0 - n / logs.sum()
        return PowerLawFit(g, (g + 1) / math.sqrt(n), 0.0, n, b_max)

    def nll(theta):
        g, c = theta
        if g <= -1 or c <= -1:
            return np.inf
        Z = 1 / (g + 1) + c / (g + 1 + delta)
        return -(g * logs.sum() + np.log1p(c * y).sum()) + n * math.log(Z)

    g0 = -1.0 - n / logs.sum()
    res = minimize(nll, [g0, 0.0], method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 4000})
    g, c = res.x
    # numerical Hessian of the NLL at the optimum
    h = np.array([1e-4 * max(1, abs(g)), 1e-4 * max(1, abs(c))])
    H = np.empty((2, 2))
    for i in range(2):
        for j in range(2):
            e_i, e_j = np.eye(2)[i] * h[i], np.eye(2)[j] * h[j]
            H[i, j] = (nll(res.x + e_i + e_j) - nll(res.x + e_i - e_j)
                       - nll(res.x - e_i + e_j) + nll(res.x - e_i - e_j)) / (4 * h[i] * h[j])
    cov = np.linalg.inv(H)
    return PowerLawFit(float(g), float(math.sqrt(cov[0, 0])), float(c / b_max ** delta), n, b_max)


@dataclass
class GurarieChalkerMC:
    """Fitted small-b2 exponents for all, lowest and higher minima of random quartics."""

    n_quartics: int
    seed: int
    fits: Dict[str, PowerLawFit] = field(default_factory=dict)
    expected: Dict[str, float] = field(default_factory=lambda: {
        "all minima": 1.0, "lowest minima": 1.5, "higher minima": 1.0,
        "single-well minima": 1.5})
    condition8_mismatches: int = 0
    lowest_double_wells: int = 0
    n_small: int = 0

    def deviations(self) -> Dict[str, float]:
        """(fitted - expected) / statistical error, per class."""
        return {k: (f.gamma - self.expected[k]) / f.gamma_err for k, f in self.fits.items()}

    def consistent(self, n_sigma: float = 4.0) -> bool:
        return self.condition8_mismatches == 0 and all(
            abs(z) < n_sigma for z in self.deviations().values())

    def summary(self) -> str:
        lines = [f"random quartics: {self.n_quartics:,} (seed {self.seed}); "
                 f"minima with small b2: {self.n_small:,}",
                 f"{'class':20s} {'gamma':>8s} {'+-':>7s} {'expected':>8s} {'z':>6s} {'n':>9s}"]
        for k, f in self.fits.items():
            z = (f.gamma - self.expected[k]) / f.gamma_err
            lines.append(f"{k:20s} {f.gamma:8.4f} {f.gamma_err:7.4f} {self.expected[k]:8.2f} "
                         f"{z:6.2f} {f.n:9d}")
        lines.append(f"condition (8) |b3| <= sqrt(3 b2 b4) vs 'lowest minimum': "
                     f"{self.condition8_mismatches} mismatches")
        lines.append(f"lowest minima that sit in a double well (satisfy (8), 2 sqrt(2)/3 < |beta| "
                     f"<= 1): {self.lowest_double_wells}")
        return "\n".join(lines)


def gurarie_chalker_slopes(n_quartics: int = 1_000_000, seed: int = 20070806,
                           b2_max: float = 0.3, executor: Optional[Executor] = None,
                           progress: bool = False) -> GurarieChalkerMC:
    """The Monte Carlo of Kumar, Procaccia, Singh 2021, Eqs. (7)-(9): exponents of P(b2) at small b2."""
    m = sample_minima(n_quartics, seed=seed, b2_max=b2_max, executor=executor, progress=progress)
    res = GurarieChalkerMC(n_quartics, seed, n_small=int(m["b2"].size))
    classes = {
        "all minima": np.ones(m["b2"].size, bool),
        "lowest minima": m["lowest"],
        "higher minima": ~m["lowest"],
        "single-well minima": ~m["double"],
    }
    for k, sel in classes.items():
        # higher minima = all - lowest ~ b2 - c' b2^(3/2): the leading correction is b2^(1/2)
        res.fits[k] = fit_power_law(m["b2"][sel], b2_max, delta=0.5 if k == "higher minima" else 1)
    cond8 = np.abs(m["b3"]) <= np.sqrt(3 * m["b2"] * m["b4"])
    # exact ties (|beta| = 1 within rounding) are measure zero; count real disagreements
    beta = np.abs(m["b3"]) / np.sqrt(3 * m["b2"] * m["b4"])
    clear = np.abs(beta - 1) > 1e-6
    res.condition8_mismatches = int(np.sum((cond8 != m["lowest"]) & clear))
    res.lowest_double_wells = int(np.sum(m["lowest"] & m["double"]))
    return res


def soft_potential_extrema(hp, etap, tp) -> Dict[str, np.ndarray]:
    """Re-expand V(x') = h'x' + eta'x'^2 - t'x'^3 + x'^4 about each of its extrema (Il'in, Karpov, Parshin 1987).

    Returns one entry per extremum: ``eta`` (= V''/2 there), ``t`` (= t' - 4 x_e, the cubic
    coefficient about x_e) and ``minimum`` (V'' > 0).
    """
    hp, etap, tp = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (hp, etap, tp)))
    r = cubic_real_roots(4.0, -3 * tp, 2 * etap, hp)           # V'(x') = 0
    eta = (12 * r**2 - 6 * tp[..., None] * r + 2 * etap[..., None]) / 2
    t = tp[..., None] - 4 * r
    ok = np.isfinite(r)
    return {"eta": eta[ok], "t": t[ok], "minimum": eta[ok] > 0}


@dataclass
class SoftPotentialMC:
    """Fitted exponents of P(eta) ~ |eta|^gamma near eta = 0 on each side (Il'in, Karpov, Parshin 1987, Eq. 2)."""

    n_potentials: int
    fits: Dict[str, PowerLawFit] = field(default_factory=dict)

    def consistent(self, n_sigma: float = 4.0) -> bool:
        return all(abs(f.gamma - 1.0) < n_sigma * f.gamma_err for f in self.fits.values())

    def summary(self) -> str:
        return "\n".join(f"{k:28s} {f}" for k, f in self.fits.items())


def soft_potential_slopes(n_potentials: int = 2_000_000, seed: int = 19870101,
                          eta_max: float = 0.3, t_band: float = 1.0) -> SoftPotentialMC:
    """Monte Carlo of P(eta, t) ~ |eta| (Il'in, Karpov, Parshin 1987): (h', eta', t') from a smooth density
    (h', t' ~ N(0, 1), eta' ~ N(1/2, 1), as in the derivation), every extremum re-expanded, and
    the exponent of |eta| fitted on both sides of 0 for |t| < ``t_band``."""
    rng = np.random.default_rng(seed)
    hp, tp = rng.standard_normal((2, int(n_potentials)))
    etap = 0.5 + rng.standard_normal(int(n_potentials))
    ex = soft_potential_extrema(hp, etap, tp)
    band = np.abs(ex["t"]) < t_band
    res = SoftPotentialMC(int(n_potentials))
    res.fits["eta > 0 (minima)"] = fit_power_law(ex["eta"][band & (ex["eta"] > 0)], eta_max)
    res.fits["eta < 0 (barrier tops)"] = fit_power_law(-ex["eta"][band & (ex["eta"] < 0)], eta_max)
    return res
