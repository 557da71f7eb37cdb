"""Speed and accuracy of the soft-potential spectrum: ``levels`` and ``tunnel_splitting``.

Run:  python benchmarks/soft_potential.py [--quick] [--output benchmarks/soft_potential.md]

One core: the BLAS/OpenMP thread pools are pinned to one thread before numpy is imported, and
every time is CPU time (``time.process_time``), repeated, the median reported.

* ``levels(alpha, beta, 4)``, batched, on seeded random (alpha, beta) uniform in the whole
  allowed range [-100, 100]^2 and in the former range [-30, 30]^2, against the baseline a user
  had before: the previous per-pair solver (sinc-DVR, window by bisection of a semiclassical
  count on a 20001-point grid, grids refined until two agree), copied below verbatim. Both are
  checked against 30-digit mpmath shooting (``level_reference``) on a few of the pairs: the
  error is |eps - eps_ref| / max(1, |eps_ref|), the largest over the four levels.
* ``tunnel_splitting(alpha)`` for seeded random alpha in [-30, -4], one call per alpha (scalar
  calls, the way it used to be called) and one batched call, against the previous
  implementation (Newton on even/odd Taylor shooting in mpmath, copied below), both checked
  against the high-precision path ``tunnel_splitting(alpha, dps=...)``.

The table goes to stdout and, with ``--output``, to a Markdown file.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import math  # noqa: E402

import mpmath as mp  # noqa: E402
import numpy as np  # noqa: E402

from glassderive.numeric import soft_potential as spot  # noqa: E402
from _common import cpu_median as _cpu_median  # noqa: E402  (benchmarks/_common.py)
from _common import finish as _finish  # noqa: E402
from _common import machine as _common_machine  # noqa: E402

SEED = 20240611


# ---------------------------------------------------------------------------------------------
# Baseline 1: the previous levels solver (per pair), verbatim apart from names
# ---------------------------------------------------------------------------------------------
def _old_critical_points(alpha, beta):
    disc = 9 * beta * beta - 32 * alpha
    pts = [0.0]
    if disc >= 0:
        sq = math.sqrt(disc)
        pts += [(-3 * beta + sq) / 8, (-3 * beta - sq) / 8]
    return np.array(pts)


def _old_count(E, alpha, beta, y):
    p = np.sqrt(np.maximum(E - spot.potential(y, alpha, beta), 0.0))
    return float(np.trapezoid(p, y) / math.pi)


def _old_window(alpha, beta, n, tail=42.0):
    crit = _old_critical_points(alpha, beta)
    vmin = float(np.min(spot.potential(crit, alpha, beta)))
    span = 2.0 + math.sqrt(abs(alpha)) + abs(beta)
    ycoarse = np.linspace(-span - 6, span + 6, 20001)
    lo, hi = vmin, vmin + 1.0
    while _old_count(hi, alpha, beta, ycoarse) < n + 3:
        hi = vmin + 2 * (hi - vmin)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if _old_count(mid, alpha, beta, ycoarse) < n + 3:
            lo = mid
        else:
            hi = mid
    E_cut = hi
    V = spot.potential(ycoarse, alpha, beta)
    allowed = np.nonzero(V <= E_cut)[0]
    i0, i1 = allowed[0], allowed[-1]
    dy = ycoarse[1] - ycoarse[0]

    def extend(i, step):
        acc = 0.0
        while 0 < i < len(ycoarse) - 1 and acc < tail:
            i += step
            acc += math.sqrt(max(V[i] - E_cut, 0.0)) * dy
        return ycoarse[i]

    return extend(i0, -1), extend(i1, +1), E_cut, math.sqrt(max(E_cut - vmin, 1e-12))


def _old_dvr_levels(alpha, beta, n, yl, yr, h):
    from scipy.linalg import eigh

    N = int(math.ceil((yr - yl) / h)) + 1
    y = yl + h * np.arange(N)
    k = np.arange(N)
    diff = k[:, None] - k[None, :]
    with np.errstate(divide="ignore"):
        T = np.where(diff == 0, math.pi**2 / 3, 2.0 * (-1.0) ** diff / np.where(diff == 0, 1, diff) ** 2)
    H = T / (h * h)
    H[k, k] += spot.potential(y, alpha, beta)
    return eigh(H, eigvals_only=True, subset_by_index=[0, n - 1], driver="evr")


def old_levels_one(alpha, beta, n, rtol=1e-13):
    yl, yr, E_cut, p_max = _old_window(alpha, beta, n)
    c = 1.6
    prev = None
    for _ in range(8):
        h = math.pi / (c * p_max + 4.0)
        cur = _old_dvr_levels(alpha, beta, n, yl, yr, h)
        if prev is not None:
            scale = max(1.0, float(np.max(np.abs(cur))))
            if np.max(np.abs(cur - prev)) <= rtol * scale:
                return cur
        prev = cur
        c *= 1.3
    raise ArithmeticError(f"levels: no convergence for alpha={alpha}, beta={beta}")


# ---------------------------------------------------------------------------------------------
# Baseline 2: the previous tunnel_splitting (mpmath shooting, Newton per parity), verbatim
# ---------------------------------------------------------------------------------------------
def _old_taylor_shoot(eps, alpha, beta, y_start, y_end, psi0, dpsi0):
    y = mp.mpf(y_start)
    target = mp.mpf(y_end)
    c0, c1 = mp.mpf(psi0), mp.mpf(dpsi0)
    d0, d1 = mp.mpf(0), mp.mpf(0)
    direction = 1 if target > y else -1
    tol = mp.mpf(10) ** (-mp.mp.dps - 5)
    while (target - y) * direction > 0:
        v = [((y + beta) * y + alpha) * y * y, 4 * y**3 + 3 * beta * y**2 + 2 * alpha * y,
             6 * y**2 + 3 * beta * y + alpha, 4 * y + beta, mp.mpf(1)]
        v[0] = v[0] - eps
        local = mp.sqrt(abs(v[0])) + abs(v[1]) ** (mp.mpf(1) / 3) + abs(v[2]) ** 0.25 + 1
        h = min(mp.mpf(1) / local * 2, abs(target - y)) * direction
        c, d = [c0, c1], [d0, d1]
        k = 0
        hp = mp.mpf(1)
        psi, dpsi, pe, dpe = mp.mpf(0), mp.mpf(0), mp.mpf(0), mp.mpf(0)
        while True:
            if k >= 2:
                m = k - 2
                s_c = sum(v[j] * c[m - j] for j in range(min(4, m) + 1))
                s_d = sum(v[j] * d[m - j] for j in range(min(4, m) + 1)) - c[m]
                c.append(s_c / (k * (k - 1)))
                d.append(s_d / (k * (k - 1)))
            term = c[k] * hp
            psi += term
            pe += d[k] * hp
            if k >= 1:
                dpsi += k * c[k] * hp / h
                dpe += k * d[k] * hp / h
            if k > 8 and abs(term) < tol * (abs(psi) + tol) and abs(c[k - 1] * hp) < tol * (abs(psi) + tol):
                break
            hp *= h
            k += 1
            if k > 400:
                raise ArithmeticError("Taylor series did not converge")
        c0, c1, d0, d1 = psi, dpsi, pe, dpe
        y += h
    return c0, c1, d0, d1


def _old_start_point(eps, alpha, beta, side):
    crit = _old_critical_points(float(alpha), float(beta))
    y = mp.mpf(float(crit.max() if side > 0 else crit.min()))
    step = mp.mpf(side) / 16
    acc = mp.mpf(0)
    goal = mp.mp.dps * 2.4 + 10
    while True:
        y += step
        val = ((y + beta) * y + alpha) * y * y - eps
        if val > 0:
            acc += mp.sqrt(val) * abs(step)
            if acc > goal:
                return y, -side * mp.sqrt(val)


def _old_even_odd_level(eps0, alpha, parity, iters=60):
    eps = mp.mpf(eps0)
    for _ in range(iters):
        y1, slope = _old_start_point(eps, alpha, 0, +1)
        p, dp, pe, dpe = _old_taylor_shoot(eps, alpha, 0, y1, 0, mp.mpf(10) ** -20,
                                           slope * mp.mpf(10) ** -20)
        f, fe = (dp, dpe) if parity == 0 else (p, pe)
        delta = f / fe
        eps -= delta
        if abs(delta) < mp.mpf(10) ** (-mp.mp.dps + 8) * max(1, abs(eps)):
            return eps
    raise ArithmeticError("Newton iteration for the level did not converge")


def old_tunnel_splitting(a):
    guess = old_levels_one(a, 0.0, 2)
    dps = int(spot.wkb_exponent_bottom(a) / math.log(10) + math.log10(max(abs(guess[0]), 1))) + 25
    with mp.workdps(dps):
        e0 = _old_even_odd_level(guess[0], mp.mpf(a), 0)
        e1 = _old_even_odd_level(guess[1], mp.mpf(a), 1)
        return +(e1 - e0)


# ---------------------------------------------------------------------------------------------

def _level_error(a, b, lv):
    ref = np.array([float(spot.level_reference(a, b, x, dps=30)) for x in lv])
    return float(np.max(np.abs(lv - ref) / np.maximum(1.0, np.abs(ref))))


def bench_levels(label, lo, hi, n_pairs, n_old, n_ref, repeats, rows):
    rng = np.random.default_rng(SEED)
    a = rng.uniform(lo, hi, n_pairs)
    b = rng.uniform(lo, hi, n_pairs)
    spot.levels(a[:64], b[:64], 4)                          # warm-up (caches, imports)
    t_new, lv = _cpu_median(lambda: spot.levels(a, b, 4), repeats)
    t_old, lv_old = _cpu_median(lambda: np.array([old_levels_one(x, z, 4)
                                                  for x, z in zip(a[:n_old], b[:n_old])]), repeats)
    err_new = max(_level_error(x, z, lv[i]) for i, (x, z) in enumerate(zip(a[:n_ref], b[:n_ref])))
    err_old = max(_level_error(x, z, lv_old[i]) for i, (x, z) in enumerate(zip(a[:n_ref], b[:n_ref])))
    rate_new, rate_old = n_pairs / t_new, n_old / t_old
    rows.append((f"levels(alpha, beta, 4), batched, {label}", f"{n_pairs} pairs", f"{t_new:.3f}",
                 f"{rate_new:,.0f} solves/s", f"{err_new:.1e}"))
    rows.append((f"previous per-pair solver, {label}", f"{n_old} pairs", f"{t_old:.3f}",
                 f"{rate_old:,.1f} solves/s", f"{err_old:.1e}"))
    rows.append((f"ratio ({label})", "", "", f"{rate_new / rate_old:,.0f}x", ""))
    return rate_new


def bench_tunnel(n_calls, n_old, n_ref, repeats, rows):
    rng = np.random.default_rng(SEED + 1)
    al = rng.uniform(-30.0, -4.0, n_calls)
    spot.tunnel_splitting(-10.0)                            # warm-up
    t_scalar, d = _cpu_median(lambda: np.array([spot.tunnel_splitting(x) for x in al]), repeats)
    t_batch, d_b = _cpu_median(lambda: spot.tunnel_splitting(al), repeats)
    t_old, d_old = _cpu_median(lambda: [old_tunnel_splitting(x) for x in al[:n_old]], 1)
    refs = []
    for i, x in enumerate(al[:n_ref]):
        need = int(-math.log10(float(d[i])) + math.log10(max(1.0, x * x / 4)) + 25)
        refs.append(spot.tunnel_splitting(float(x), dps=need))
    err = max(abs(float((mp.mpf(float(d[i])) - r) / r)) for i, r in enumerate(refs))
    err_b = max(abs(float((mp.mpf(float(d_b[i])) - r) / r)) for i, r in enumerate(refs))
    err_old = max(abs(float((d_old[i] - r) / r)) for i, r in enumerate(refs[:n_old]))
    rows.append(("tunnel_splitting(alpha), scalar calls, alpha in [-30, -4]", f"{n_calls} calls",
                 f"{t_scalar:.3f}", f"{n_calls / t_scalar:,.1f} calls/s", f"{err:.1e}"))
    rows.append(("tunnel_splitting(array), one batched call", f"{n_calls} alphas", f"{t_batch:.3f}",
                 f"{n_calls / t_batch:,.1f} alphas/s", f"{err_b:.1e}"))
    rows.append(("previous tunnel_splitting (mpmath shooting)", f"{n_old} calls", f"{t_old:.3f}",
                 f"{n_old / t_old:,.2f} calls/s", f"{err_old:.1e}"))
    rows.append(("ratio (scalar calls)", "", "", f"{(n_calls / t_scalar) / (n_old / t_old):,.0f}x", ""))
    t_log, _ = _cpu_median(lambda: spot.log_tunnel_splitting(-1000.0), 1)
    rows.append(("log_tunnel_splitting(-1000) (splitting e^-14897)", "1 call", f"{t_log:.3f}",
                 f"{1 / t_log:,.2f} calls/s", "see tests"))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small samples (< 30 s)")
    p.add_argument("--output", help="also write the report to this Markdown file")
    args = p.parse_args()
    machine, load = _common_machine()
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    if args.quick:
        cfg = dict(n_pairs=2000, n_old=8, n_ref=3, repeats=3, n_calls=10, t_old=1, t_ref=3)
    else:
        cfg = dict(n_pairs=20000, n_old=40, n_ref=8, repeats=5, n_calls=40, t_old=3, t_ref=6)
    rows = []
    bench_levels("alpha, beta in [-100, 100]", -100.0, 100.0, cfg["n_pairs"], cfg["n_old"],
                 cfg["n_ref"], cfg["repeats"], rows)
    bench_levels("alpha, beta in [-30, 30]", -30.0, 30.0, cfg["n_pairs"], cfg["n_old"],
                 cfg["n_ref"], cfg["repeats"], rows)
    bench_tunnel(cfg["n_calls"], cfg["t_old"], cfg["t_ref"], cfg["repeats"], rows)
    head = ("what", "sample", "median CPU s", "rate", "max error")
    lines = [
        "# Soft-potential spectrum: `levels` and `tunnel_splitting`",
        "",
        f"Generated by `python benchmarks/soft_potential.py{' --quick' if args.quick else ''}` on {started}.",
        "",
        f"* machine: {machine}",
        f"* load average at start: {load} (shared machine: the numbers include contention)",
        f"* CPU time (`time.process_time`), median of {cfg['repeats']} repeats (the previous "
        f"tunnel_splitting: 1 run); seed {SEED}",
        "* error: levels |eps - eps_ref| / max(1, |eps_ref|), max over 4 levels and "
        f"{cfg['n_ref']} pairs, eps_ref from 30-digit mpmath shooting (`level_reference`); "
        f"tunnel splitting: relative error against `tunnel_splitting(alpha, dps=...)` "
        f"(mpmath, 25 digits beyond the splitting) at {cfg['t_ref']} alphas",
    ]
    _finish(lines, head, rows, args.output)


if __name__ == "__main__":
    main()
