"""Speed and accuracy of ``tls_from_path`` against a finite-difference ``eigsh`` baseline.

Run:  python benchmarks/double_well.py [--quick] [--output benchmarks/double_well.md]

One core: the BLAS/OpenMP thread pools are pinned to one thread before numpy is imported; every
time is CPU time (``time.process_time``), repeated, the median reported.

Paths: seeded random double wells -psi'' + (y^4 + beta y^3 + alpha y^2) psi (hbar = 1,
m = 1/2, atomic units), alpha uniform in [-14, -4], beta in [-0.3, 0.3] (splittings from
~0.5 down to ~1e-8 of the level spacing), sampled at 61 points out to where the walls no longer
matter.  The interpolating quintic spline reproduces a quartic exactly, so the exact answers
are those of the quartic: E and Delta_0 of the symmetric paths (beta = 0) from
``soft_potential.tunnel_splitting`` (double precision, ~1e-14) and E, Delta, Delta_0 of every
asymmetric one from ``soft_potential.tls_splitting`` (mpmath).

Baseline: what a user would write: second-order finite differences on a uniform grid of n
points over the sampled range, the potential from a cubic spline of the samples,
``scipy.sparse.linalg.eigsh(H, k=2, sigma=V.min())`` (shift-invert), E = eps_2 - eps_1, at
n = 2,000 and 20,000.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import cpu_median as cpu  # noqa: E402  (benchmarks/_common.py)
from _common import machine as _common_machine  # noqa: E402

from glassderive.numeric import double_well as dw  # noqa: E402
from glassderive.numeric import soft_potential as spot  # noqa: E402

SEED = 20240611


def make_paths(n_paths, rng, symmetric=False):
    alpha = rng.uniform(-14.0, -4.0, n_paths)
    beta = np.zeros(n_paths) if symmetric else rng.uniform(-0.3, 0.3, n_paths)
    paths = []
    for a, b in zip(alpha, beta):
        x0 = np.sqrt(-a / 2) + abs(b)
        s = np.linspace(-x0 - 3.5, x0 + 3.5, 61)
        paths.append((s, s**4 + b * s**3 + a * s**2))
    return alpha, beta, paths


def fd_eigsh(s, V, n):
    """E = eps_2 - eps_1 by second-order finite differences and shift-invert eigsh."""
    from scipy.interpolate import CubicSpline
    from scipy.sparse import diags
    from scipy.sparse.linalg import eigsh

    x = np.linspace(s[0], s[-1], n)
    h = x[1] - x[0]
    v = CubicSpline(s, V)(x)
    H = diags([np.full(n - 1, -1 / h**2), 2 / h**2 + v, np.full(n - 1, -1 / h**2)], [-1, 0, 1],
              format="csc")
    vals = np.sort(eigsh(H, k=2, sigma=v.min() - 1.0, which="LM", return_eigenvectors=False))
    return vals[1] - vals[0]


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    p.add_argument("--output", default=None)
    a = p.parse_args(argv)
    n_paths = 40 if a.quick else 100
    repeat = 1 if a.quick else 7
    rng = np.random.default_rng(SEED)
    mach, load = _common_machine()
    rows = []

    # 1. symmetric paths: exact E = Delta_0 = tunnel_splitting(alpha)
    alpha, _, paths = make_paths(n_paths, rng, symmetric=True)
    # one path first: the per-process tables (double-double Si/Cin, the cached kinetic and
    # projector matrices with their Ozaki splits) are built once, not per path
    dw.tls_from_path(*make_paths(1, np.random.default_rng(1))[2][0], 0.5, "atomic")
    exact = spot.tunnel_splitting(alpha)
    modes = ((False, "off"), (True, "on (perturbative)"), ("resolve", "on (re-solved)"))
    for ie, label in modes:
        t, res = cpu(lambda: dw.tls_from_paths(paths, 0.5, "atomic", interpolation_error=ie),
                     repeat)
        err = max(abs(r.Delta0 - e) / e for r, e in zip(res, exact))
        errE = max(abs(r.E - e) / e for r, e in zip(res, exact))
        meth = sum(r.method == "dvr" for r in res)
        rows.append((f"tls_from_path, symmetric, interpolation error {label}",
                     f"{n_paths} paths", t, f"{n_paths / t:,.0f} paths/s",
                     f"Delta_0 {err:.1e}, E {errE:.1e}", f"{meth}/{n_paths} dvr"))

    # 2. asymmetric paths: E, Delta, Delta_0 of every path against tls_splitting (mpmath)
    alpha, beta, paths = make_paths(n_paths, rng)
    exact = [spot.tls_splitting(al, be) for al, be in zip(alpha, beta)]
    ratio = np.array([abs(D) / D0 for _, D, D0 in exact])
    for ie, label in modes:
        t, res = cpu(lambda: dw.tls_from_paths(paths, 0.5, "atomic", interpolation_error=ie),
                     repeat)
        wE = max(abs(r.E - E) / E for r, (E, D, D0) in zip(res, exact))
        wD = max(abs(r.Delta - D) / E for r, (E, D, D0) in zip(res, exact))
        wD0 = max(abs(r.Delta0 - D0) / D0 for r, (E, D, D0) in zip(res, exact))
        # the solver's error estimate against the actual error (> 1: not bounded)
        over = max(max(abs(r.Delta0 - D0) / r.Delta0_err_solver, abs(r.E - E) / r.E_err_solver)
                   for r, (E, D, D0) in zip(res, exact))
        meth = sum(r.method == "dvr" for r in res)
        conv = sum(r.converged for r in res)
        rows.append((f"tls_from_path, asymmetric, interpolation error {label}",
                     f"{n_paths} paths", t, f"{n_paths / t:,.0f} paths/s",
                     f"E {wE:.1e}, Delta {wD:.1e}, Delta_0 {wD0:.1e}",
                     f"{meth}/{n_paths} dvr, {conv} certified; max actual/estimated "
                     f"solver error {over:.2f}"))
    rows.append(("  (asymmetric set: Delta / Delta_0)", "", None, "",
                 f"{ratio.min():.1e} to {ratio.max():.1e}", "reference: tls_splitting"))

    # 3. the finite-difference baseline on a subsample of the symmetric paths
    alpha_s, _, paths_s = make_paths(20 if a.quick else 40, np.random.default_rng(SEED),
                                     symmetric=True)
    ex = spot.tunnel_splitting(alpha_s)
    for n in (2000, 20000):
        t, out = cpu(lambda: [fd_eigsh(s, V, n) for s, V in paths_s], 1)
        err = max(abs(o - e) / e for o, e in zip(out, ex))
        rows.append((f"finite differences + eigsh, n = {n:,}", f"{len(paths_s)} paths", t,
                     f"{len(paths_s) / t:,.1f} paths/s", f"E {err:.1e}", "cubic spline"))

    lines = [
        "# Double wells from sampled paths: `tls_from_path` against finite differences",
        "",
        f"Generated by `python benchmarks/double_well.py{' --quick' if a.quick else ''}` on "
        f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}.",
        "",
        f"* machine: {mach}",
        f"* load average at start: {load} (shared machine: the numbers include contention)",
        f"* CPU time (`time.process_time`), median of {repeat} repeats, after one warm-up path "
        f"(per-process tables); seed {SEED}",
        "* paths: -psi'' + (y^4 + beta y^3 + alpha y^2) psi, alpha in [-14, -4], beta in "
        "[-0.3, 0.3] (0 for the symmetric set), 61 samples; splittings from 0.5 to 1e-8 of "
        "the level spacing; rtol = 1e-10",
        "* error: maximum over the paths, relative, against `tunnel_splitting` (symmetric) "
        "and `tls_splitting` (mpmath; every asymmetric path; Delta relative to E)",
        "* interpolation error: `interpolation_error=True` (perturbation theory from the "
        "converged doublet) and `\"resolve\"` (the second interpolant solved again)",
        "",
        "| what | sample | median CPU s | rate | max error | notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, sample, t, rate, err, note in rows:
        lines.append(f"| {name} | {sample} | {'' if t is None else f'{t:.3f}'} | {rate} | "
                     f"{err} | {note} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
