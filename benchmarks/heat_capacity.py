"""Speed and accuracy of the time-dependent TLS heat capacity kernel (Lubchenko, Wolynes 2007).

Run:  python benchmarks/heat_capacity.py [--quick] [--output benchmarks/heat_capacity.md]

One core: the BLAS/OpenMP thread pools are pinned to one thread before numpy is imported, and
every time is CPU time (``time.process_time``), repeated, the median reported.

* ``tls_heat_capacity(T, t, c)`` (Eq. 27 of V. Lubchenko, P. G. Wolynes, Adv. Chem. Phys. 136,
  95-206 (2007), reduced units) at seeded points log-uniform in T in [1e-7, 1],
  t in [1, 1e40], c uniform in [0, 1], one vectorised call; ``effective_exponents`` likewise.
* Against the baseline a user would write: nested ``scipy.integrate.quad``,

  - naive: the outer integral over E in [0, oo), the inner over z in [0, ln(t/tau_min(E))];
  - careful: the outer over x = E/T from the threshold x0 (``brentq``) to x0 + 60, the inner as
    before; default tolerances, and epsrel = 1e-10 on both levels (an accuracy near the
    kernel's);

  timed on a subsample, points per second and the ratio to the kernel.
* Errors: relative, against the 30-digit mpmath double integral of the tests
  (``tests/test_heat_capacity.py``: ``mpmath.quad`` of Eq. (27) as written, the inner integral
  by quadrature) at a few of the points where C is a normal double (where it underflows,
  quad returns 0 and the kernel's ``log_tls_heat_capacity`` is the only answer).

The table goes to stdout and, with ``--output``, to a Markdown file.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import importlib.util  # noqa: E402
import math  # noqa: E402
import pathlib  # noqa: E402
import warnings  # noqa: E402

import mpmath as mp  # noqa: E402
import numpy as np  # noqa: E402
from scipy.integrate import IntegrationWarning, quad  # noqa: E402
from scipy.optimize import brentq  # noqa: E402

from glassderive.numeric import heat_capacity as hc  # noqa: E402
from _common import cpu_median as _cpu_median  # noqa: E402  (benchmarks/_common.py)
from _common import finish as _finish  # noqa: E402
from _common import machine as _common_machine  # noqa: E402

SEED = 20070506
ROOT = pathlib.Path(__file__).resolve().parent.parent


def _reference():
    """log_c_reference of the tests (the independent 30-digit mpmath double integral)."""
    spec = importlib.util.spec_from_file_location("_hc_tests",
                                                  ROOT / "tests" / "test_heat_capacity.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.log_c_reference


# ---------------------------------------------------------------------------------------------
# Baselines: nested scipy quad
# ---------------------------------------------------------------------------------------------
def _inner_quad(L, c, **kw):
    if L <= 0:
        return 0.0
    return quad(lambda z: math.exp(c * z / 2) / (2 * math.sqrt(-math.expm1(-z))), 0, L, **kw)[0]


def quad_naive(T, t, c):
    """What a first attempt looks like: E on [0, oo), nothing else."""
    def outer(E):
        L = math.log(t * E**3 / math.tanh(E / (2 * T)))
        return (E / (2 * T * math.cosh(E / (2 * T)))) ** 2 * E ** (-c) * _inner_quad(L, c)

    def safe(E):
        try:
            return outer(E)
        except (OverflowError, ValueError, ZeroDivisionError):
            return 0.0
    return quad(safe, 0, np.inf, limit=200)[0]


def quad_careful(T, t, c, epsrel=1.49e-8):
    """x = E/T from the threshold x0 (tau_min(x0 T) = t, by brentq) to x0 + 60."""
    lam0 = math.log(t) + 3 * math.log(T)

    def phi(lx):
        x = math.exp(lx)
        return 3 * lx - math.log(math.tanh(x / 2)) + lam0
    x0 = math.exp(brentq(phi, -200.0, 60.0, xtol=1e-15))
    kw = dict(epsabs=0, epsrel=epsrel, limit=200)

    def outer(x):
        L = lam0 + 3 * math.log(x) - math.log(math.tanh(x / 2))
        w = x * x * math.exp(-(x - x0)) / (1 + math.exp(-x)) ** 2
        return w * x ** (-c) * _inner_quad(L, c, **kw)
    val = quad(outer, x0, x0 + 60, **kw)[0]
    return T ** (1 - c) * math.exp(-x0) * val


# ---------------------------------------------------------------------------------------------

def _points(n, rng):
    return (10 ** rng.uniform(-7, 0, n), 10 ** rng.uniform(0, 40, n), rng.uniform(0, 1, n))


def bench(cfg, rows, notes):
    rng = np.random.default_rng(SEED)
    T, t, c = _points(cfg["n"], rng)
    t_k, C = _cpu_median(lambda: hc.tls_heat_capacity(T, t, c), cfg["repeats"])
    t_e, _ = _cpu_median(lambda: hc.effective_exponents(T, t, c), cfg["repeats"])
    t_c, _ = _cpu_median(lambda: hc.tls_heat_capacity(T, t, 0.1), cfg["repeats"])
    # error points: normal C only (quad cannot represent the others)
    ref_fn = _reference()
    Tr, tr, cr = _points(4 * cfg["n_ref"], np.random.default_rng(SEED + 1))
    keep = hc.log_tls_heat_capacity(Tr, tr, cr) > -700
    Tr, tr, cr = Tr[keep][: cfg["n_ref"]], tr[keep][: cfg["n_ref"]], cr[keep][: cfg["n_ref"]]
    refs = np.array([float(mp.exp(ref_fn(*p))) for p in zip(Tr, tr, cr)])
    err_k = np.max(np.abs(hc.tls_heat_capacity(Tr, tr, cr) / refs - 1))
    rows.append(("tls_heat_capacity, vectorised, c uniform in [0, 1]", f"{cfg['n']:,} points",
                 f"{t_k:.3f}", f"{cfg['n'] / t_k:,.0f} points/s", f"{err_k:.1e}"))
    rows.append(("tls_heat_capacity, one c = 0.1 for all", f"{cfg['n']:,} points", f"{t_c:.3f}",
                 f"{cfg['n'] / t_c:,.0f} points/s", ""))
    rows.append(("effective_exponents (n_T, n_t)", f"{cfg['n']:,} points", f"{t_e:.3f}",
                 f"{cfg['n'] / t_e:,.0f} points/s", "see tests"))
    sub = [(T[i], t[i], c[i]) for i in range(cfg["n_quad"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IntegrationWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        for label, short, fn in (
                ("nested quad, naive (E in [0, oo))", "naive", quad_naive),
                ("nested quad, careful (x = E/T from x0), default tolerances",
                 "careful, default", quad_careful),
                ("nested quad, careful, epsrel = 1e-10", "careful, 1e-10",
                 lambda a, b, cc: quad_careful(a, b, cc, epsrel=1e-10))):
            t_q, _ = _cpu_median(lambda: [fn(*p) for p in sub], 1)
            got = np.array([fn(*p) for p in zip(Tr, tr, cr)])
            err = np.max(np.abs(got / refs - 1))
            rate = len(sub) / t_q
            rows.append((label, f"{len(sub)} points", f"{t_q:.3f}", f"{rate:,.1f} points/s",
                         f"{err:.1e}"))
            rows.append((f"ratio: kernel / quad ({short})", "", "",
                         f"{(cfg['n'] / t_k) / rate:,.0f}x", ""))
    notes.append(f"error: max |C/C_ref - 1| at {len(refs)} points where C is a normal double "
                 f"(C_ref: 30-digit mpmath double integral of the tests); the timed quad "
                 f"subsample is the first {len(sub)} of the kernel's points")


def lab_exponents():
    """Effective exponents at laboratory times for silica (c = 0.1, Fig. 11 calibration)."""
    tau_u, D0 = hc.tau_unit_silica("fig11"), 342.0
    lines = ["", "Effective exponents of Eq. (27) at laboratory times (silica, c = 0.1, "
             "tau_min = 2.0 us at E = 5.7e-4 T_D, Delta_0 = k_B T_D; Eq. (28): n_T = 1.05, "
             "n_t = 0.05), and the amplitude of the power law (28) over C:", "",
             "| t | T (K) | C (J/K/m^3) | n_T = dlnC/dlnT | n_t = dlnC/dlnt | C_(28)/C |",
             "|---|---:|---:|---:|---:|---:|"]
    for ts, lab in ((1e-5, "10 us"), (1.0, "1 s"), (3600.0, "1 h")):
        for T in (0.01, 0.1, 1.0):
            n_T, n_t = hc.effective_exponents(T / D0, ts / tau_u, 0.1)
            ratio = hc.long_time_law(T / D0, ts / tau_u, 0.1) / hc.tls_heat_capacity(
                T / D0, ts / tau_u, 0.1)
            lines.append(f"| {lab} | {T:g} | {float(hc.tls_heat_capacity_silica(T, ts)):.3g} | "
                         f"{float(n_T):.3f} | {float(n_t):.3f} | {float(ratio):.3g} |")
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small samples (< 30 s)")
    p.add_argument("--output", help="also write the report to this Markdown file")
    args = p.parse_args()
    machine, load = _common_machine()
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if args.quick:
        cfg = dict(n=10_000, n_quad=5, n_ref=3, repeats=3)
    else:
        cfg = dict(n=100_000, n_quad=20, n_ref=6, repeats=5)
    rows, notes = [], []
    bench(cfg, rows, notes)
    head = ("what", "sample", "median CPU s", "rate", "max rel. error")
    lines = [
        "# TLS heat capacity of Lubchenko and Wolynes (2007), Eq. (27): `tls_heat_capacity`",
        "",
        f"Generated by `python benchmarks/heat_capacity.py{' --quick' if args.quick else ''}` "
        f"on {started}.",
        "",
        f"* machine: {machine}",
        f"* load average at start: {load} (shared machine: the numbers include contention)",
        f"* CPU time (`time.process_time`), median of {cfg['repeats']} repeats (the quad "
        f"baselines: 1 run); points log-uniform in T in [1e-7, 1], t in [1, 1e40], c uniform "
        f"in [0, 1]; seed {SEED}",
    ] + [f"* {n}" for n in notes]
    _finish(lines, head, rows, args.output, lab_exponents())


if __name__ == "__main__":
    main()
