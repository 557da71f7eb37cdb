"""Benchmarks of glassderive's numeric paths against the baselines a user would otherwise write.

Run:  python benchmarks/run.py [--quick]

1. Random-quartic Monte Carlo (seed 004): vectorised closed-form cubic roots and classification
   vs a Python loop over ``numpy.roots`` (timed on a subsample), in quartics per second, with
   the largest disagreement in b2 between the two.
2. Lambdified kernels vs an mpmath loop over the reference (the high-precision baseline), in
   points per second, with the largest relative error against that reference.
"""

from __future__ import annotations

import argparse
import time

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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    scale = 10 if a.quick else 1
    bench_montecarlo(1_000_000 // scale, 20_000 // scale)
    bench_kernel(1_000_000 // scale, 2_000 // scale)


if __name__ == "__main__":
    main()
