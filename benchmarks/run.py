"""Benchmarks of glassderive's numeric paths against the baselines a user would otherwise write.

Run:  python benchmarks/run.py [--quick]

1. Random-quartic Monte Carlo (Kumar, Procaccia, Singh 2021): vectorised closed-form cubic roots and classification
   vs a Python loop over ``numpy.roots`` (timed on a subsample), in quartics per second, with
   the largest disagreement in b2 between the two.
2. Lambdified kernels vs an mpmath loop over the reference (the high-precision baseline), in
   points per second, with the largest relative error against that reference.
3. The sea-gull DOS kernel ``reduced_dos`` at 10^6 log-spaced points (x = 1e-8 .. 1e8) vs a
   ``scipy.integrate.quad`` loop (the baseline a user would write) on a subsample, with the
   maximum relative error of both against the mpmath reference.
4. The sea-gull Monte Carlo (10^7 oscillators).
5. The soft-potential solver: levels per second over random (alpha, beta), against the
   mpmath Taylor-shooting reference (the high-precision baseline), and the cost of one
   specific-heat curve c(T)/T^3.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import mpmath as mp
import numpy as np

import glassderive
from glassderive.numeric.quartic import quartic_minima


def _timeit(f, repeat=3):
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_montecarlo(n: int, n_loop: int):
    rng = np.random.default_rng(0)
    a1, a2, a3 = rng.standard_normal((3, n))
    a4 = np.exp(0.5 * rng.standard_normal(n))
    t_vec, mins = _timeit(lambda: quartic_minima(a1, a2, a3, a4))

    def loop():
        b2 = []
        for i in range(n_loop):
            roots = np.roots([a4[i] / 6, a3[i] / 2, a2[i], a1[i]])
            for r in roots[np.abs(roots.imag) < 1e-9].real:
                upp = a2[i] + a3[i] * r + a4[i] * r * r / 2
                if upp > 0:
                    b2.append(upp)
        return np.sort(b2)

    t_loop, b2_loop = _timeit(loop, repeat=1)
    sub = np.sort(mins["b2"][mins["quartic"] < n_loop])
    err = np.max(np.abs(sub - b2_loop)) if sub.shape == b2_loop.shape else np.nan
    rate_vec, rate_loop = n / t_vec, n_loop / t_loop
    print(f"Monte Carlo: vectorised {rate_vec:,.0f} quartics/s; numpy.roots loop "
          f"{rate_loop:,.0f} quartics/s; ratio {rate_vec / rate_loop:,.0f}x; "
          f"max |b2 difference| on {n_loop:,} quartics: {err:.1e}")


def bench_kernel(n: int, n_ref: int):
    d = glassderive.get("gurarie-chalker")
    k = d.kernel("coefficient_a1")
    ref = d.reference("coefficient_a1", dps=30)
    rng = np.random.default_rng(1)
    args = rng.uniform(-3, 3, (4, n))
    t_k, out = _timeit(lambda: k(*args))
    t0 = time.perf_counter()
    refs = [ref(*args[:, i]) for i in range(n_ref)]
    t_ref = time.perf_counter() - t0
    rel = max(abs(float(out[i]) - float(r)) / max(abs(float(r)), 1e-300) for i, r in enumerate(refs))
    print(f"kernel coefficient_a1: {n / t_k:,.0f} points/s; mpmath loop {n_ref / t_ref:,.0f} "
          f"points/s; ratio {(n / t_k) / (n_ref / t_ref):,.0f}x; max rel. error {rel:.1e}")


def bench_soft_potential(n_pairs: int, n_ref: int, grid):
    from glassderive.numeric.soft_potential import level_reference, levels, specific_heat

    rng = np.random.default_rng(2)
    a = rng.uniform(-30, 30, n_pairs)
    b = rng.uniform(-30, 30, n_pairs)
    t0 = time.perf_counter()
    lv = levels(a, b, 4)
    t_dvr = time.perf_counter() - t0
    t0 = time.perf_counter()
    worst = 0.0
    mild = [(x, y) for x, y in zip(a, b) if abs(x) < 10 and abs(y) < 5][:n_ref] or [(0.0, 0.0)]
    for x, y in mild:
        e = levels(x, y, 1)[0]
        r = float(level_reference(x, y, e, dps=30))
        worst = max(worst, abs(e - r) / max(1, abs(r)))
    t_ref = (time.perf_counter() - t0) / len(mild)
    print(f"soft-potential levels: {4 * n_pairs / t_dvr:,.0f} levels/s ({t_dvr / n_pairs * 1e3:.1f} ms "
          f"per potential, 4 levels); mpmath shooting reference {t_ref:.2f} s per level; "
          f"max rel. error {worst:.1e} ({len(mild)} levels)")
    T = np.logspace(-1.3, 0.7, 25)
    t0 = time.perf_counter()
    res = specific_heat(T, **({} if grid is None else dict(n_alpha=grid[0], n_beta=grid[1])))
    t_heat = time.perf_counter() - t0
    nodes = "default" if grid is None else f"{grid[0]} x {grid[1]}"
    print(f"specific heat c/T^3: Gauss-Legendre ({nodes} nodes per panel/line, with the error "
          f"estimate) in {t_heat:.1f} s on one core; minimum at T = {res.minimum():.4f} W "
          f"+- {res.minimum_error():.1e}")


def main():
    warnings.simplefilter("ignore")  # scipy's IntegrationWarning in the baseline at large x
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    scale = 10 if a.quick else 1
    bench_montecarlo(1_000_000 // scale, 20_000 // scale)
    bench_kernel(1_000_000 // scale, 2_000 // scale)
    bench_seagull(1_000_000 // scale, 2_000 // scale, 200 // scale)
    from glassderive.numeric.seagull import sea_gull_monte_carlo
    n = 10_000_000 // scale
    t, mc = _timeit(lambda: sea_gull_monte_carlo(n), repeat=1)
    print(f"sea-gull Monte Carlo: {n:,} oscillators in {t:.1f} s ({n / t:,.0f}/s); "
          f"chi2 p-value of branch 'total': {mc.chi2('total')[2]:.2f}")
    bench_soft_potential(200 // scale, 5 if not a.quick else 1,
                         None if not a.quick else (6, 14))



def bench_seagull(n: int, n_quad: int, n_mp: int):
    """reduced_dos at n log-spaced points vs a scipy.integrate.quad loop (on a subsample);
    maximum relative error of both against the mpmath reference."""
    from scipy.integrate import quad

    from glassderive.numeric.seagull import reduced_dos
    from glassderive.verify.references import reduced_dos_reference

    x = np.logspace(-8, 8, n)
    t_k, out = _timeit(lambda: reduced_dos(x), repeat=3)
    sub = x[:: max(1, n // n_quad)]

    def quad_loop():
        res = []
        for xi in sub:
            lam = xi**3
            f = lambda t: 1.0 / (1.0 + lam * lam * t * t * (3 - 2 * t * t) ** 2)
            val, _ = quad(f, 0, math.sqrt(1.5), limit=200)
            res.append(12 / math.pi * xi**4 * val)
        return np.array(res)

    t_q, q = _timeit(quad_loop, repeat=1)

    def quad_loop_accurate():
        for xi in sub:
            lam = xi**3
            f = lambda t: 1.0 / (1.0 + lam * lam * t * t * (3 - 2 * t * t) ** 2)
            quad(f, 0, math.sqrt(1.5), limit=200, epsabs=0, epsrel=1e-12)

    t_qa, _ = _timeit(quad_loop_accurate, repeat=1)
    check = np.unique(np.concatenate([sub[:: max(1, len(sub) // n_mp)], [1e-8, 1.0, 1e8]]))
    refs = np.array([float(reduced_dos_reference(v)) for v in check])
    err_k = np.max(np.abs(reduced_dos(check) - refs) / refs)
    qc = quad_loop_at(check)
    err_q = np.max(np.abs(qc - refs) / refs)
    per_k, per_q = t_k / n, t_q / len(sub)
    per_qa = t_qa / len(sub)
    print(f"reduced_dos: {n / t_k:,.0f} points/s ({per_k * 1e9:.0f} ns/point), max rel. error "
          f"vs mpmath {err_k:.1e} ({len(check)} points)\n"
          f"  scipy quad loop, default tolerances: {len(sub) / t_q:,.0f} points/s, ratio "
          f"{per_q / per_k:,.0f}x, max rel. error {err_q:.1e}\n"
          f"  scipy quad loop, epsrel=1e-12 (matched accuracy): {len(sub) / t_qa:,.0f} points/s, "
          f"ratio {per_qa / per_k:,.0f}x")


def quad_loop_at(xs):
    from scipy.integrate import quad

    out = []
    for xi in xs:
        lam = xi**3
        f = lambda t: 1.0 / (1.0 + lam * lam * t * t * (3 - 2 * t * t) ** 2)
        out.append(12 / math.pi * xi**4 * quad(f, 0, math.sqrt(1.5), limit=200)[0])
    return np.array(out)


if __name__ == "__main__":
    main()
