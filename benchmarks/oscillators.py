"""Interacting anharmonic soft oscillators: cost per realisation, scaling with N, and the ensemble.

Run:  python benchmarks/oscillators.py [--quick] [--realisations R] [--jobs J]
                                       [--data DIR] [--output benchmarks/oscillators.md]

Two parts (Parshin, Schober, Gurevich, Phys. Rev. B 76, 064206 (2007), Figs. 1-2; Gurevich,
Parshin, Schober, Phys. Rev. B 67, 094203 (2003)):

* **timing**: one core (BLAS pinned to one thread before numpy is imported), wall time of each
  part of one realisation (model construction, kappa (a), (b) at three cuts, (c), the inertia of
  H, J_c, the relaxation with its Hessian spectrum) at N = 343, 1000, 2197 (``--quick``: 343,
  1000), and the fitted exponent of the total time in N.  The couplings are dense (1/r^3 to every
  oscillator), so memory is O(N^2): N = 13824 = 24^3 needs about 1.5 GB per matrix and several
  of them; it is not run here (see docs/oscillators.md).
* **ensemble** (skipped with ``--quick``): ``--realisations`` realisations (default 16) of the
  paper's system (N = 2197, g_0 = 3 omega^2, cubic lattice, g_ij = +-1, A = 1) at J = 0.07,
  0.10, 0.15, Poisson and minimal-distance positions at J = 0.1 (harmonic part only), and
  A_i spread over a decade at J = 0.1, 96 more relaxed realisations at J = 0.1 (the
  low-frequency exponent), three starts per realisation, and the mean-field model of Rainone,
  Urbani, Zamponi, Lerner, Bouchbinder (2021) at h = 0.05, 0.2 and five J (the prefactor A_g),
  over ``--jobs`` processes; the raw results go to
  ``--data`` (``.npz``, re-analysable with ``Ensemble.load``) and every number of
  :func:`glassderive.numeric.oscillators.summary` into the Markdown file.  Existing ``.npz``
  files in ``--data`` with the same parameters are reused (``--fresh`` re-runs).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from _common import machine as _common_machine  # noqa: E402  (benchmarks/_common.py)

from glassderive.numeric import oscillators as osc  # noqa: E402

SEED = 2003


def time_parts(N: int, J: float = 0.1, seed: int = SEED) -> dict:
    T = time.perf_counter
    out = {}
    t = T()
    m = osc.build_model(osc.ModelParams(N=N, J=J), seed)
    out["build"] = T() - t
    t = T()
    osc.kappa_adiabatic(m)
    out["kappa (a)"] = T() - t
    t = T()
    for c in (0.6, 0.75, 0.9):
        try:
            osc.kappa_high_frequency(m, c)
        except ValueError:
            pass
    out["kappa (b), 3 cuts"] = T() - t
    t = T()
    osc.kappa_schur(m)
    out["kappa (c)"] = T() - t
    t = T()
    osc.negative_eigenvalue_count(m)
    out["inertia of H"] = T() - t
    t = T()
    osc.critical_coupling(m)
    out["J_c (Lanczos)"] = T() - t
    t = T()
    r = osc.relax(m, seed)
    out["relaxation + spectrum"] = T() - t
    out["lbfgs iterations"] = r.lbfgs_iterations
    out["total"] = sum(v for k, v in out.items() if k != "lbfgs iterations")
    return out


#: name, model parameters, what to measure, realisations in units of --realisations, seed
RUNS = [
    ("cubic_J0.07", dict(J=0.07), {}, 1, SEED),
    ("cubic_J0.1", dict(J=0.1), {}, 1, SEED),
    ("cubic_J0.15", dict(J=0.15), {}, 1, SEED),
    ("poisson_J0.1", dict(J=0.1, geometry="random"), dict(relax=False), 1, SEED),
    ("rsa0.7_J0.1", dict(J=0.1, geometry="random", d_min=0.7), dict(relax=False), 1, SEED),
    ("cubic_J0.1_Aspread10", dict(J=0.1, A_spread=10.0), dict(harmonic=False), 1, SEED),
    # more relaxed spectra for the low-frequency exponent (a different seed: new realisations)
    ("cubic_J0.1_relaxed_x6", dict(J=0.1), dict(harmonic=False), 6, SEED + 1),
    # how much the minimum depends on the start: three noisy starts per realisation
    ("cubic_J0.1_3starts", dict(J=0.1), dict(harmonic=False, starts=3), 0.25, SEED + 2),
    # second minima along the 40 softest modes (two-level-system candidates)
    ("dw_J0.1", dict(J=0.1), dict(harmonic=False, double_wells=40), 1, SEED + 3),
]
#: the mean-field model of Rainone, Urbani, Zamponi, Lerner, Bouchbinder (2021): all-to-all
#: Gaussian couplings J/sqrt(N), a constant force h, k uniform on (0, 1), A x^4/4! (A = 6 here)
MF_H, MF_J = (0.05, 0.2), (0.4, 0.5, 0.6, 0.8, 1.0)
RUNS += [(f"mf_h{h}_J{J}", dict(N=1000, J=J, geometry="mean-field", h=h, stiffness="uniform",
                                A=6.0), dict(harmonic=False), 1.5, 2021)
         for h in MF_H for J in MF_J]


def mean_field_table(data: pathlib.Path, lines: list, upper: float = 0.3) -> None:
    """A_g = D(omega)/omega^4 from the number of modes below ``upper`` (per oscillator,
    assuming D = A_g omega^4 there), with its Poisson error, against x = h^(2/3)/J^2."""
    lines += ["### Mean-field model: the prefactor A_g against J at fixed h", "",
              f"A_g = 5 n(omega < {upper}) / (N_modes {upper}^5); exponent beta by maximum "
              f"likelihood below {upper}.", "",
              "| h | J | h^(2/3)/J^2 | lowest omega | modes below | A_g | beta |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for h in MF_H:
        for J in MF_J:
            e = osc.Ensemble.load(data / f"mf_h{h}_J{J}.npz")
            w = np.sqrt(np.clip(e.data["eigenvalues"], 0, None)).reshape(-1)
            n = int(np.sum(w < upper))
            Ag = 5 * n / (w.size * upper**5)
            try:
                b, be, _ = osc.power_law_exponent(w, upper)
                beta = f"{b:.2f} +- {be:.2f}"
            except ValueError:
                beta = "-"
            lines.append(f"| {h} | {J} | {h ** (2 / 3) / J**2:.3f} | {w.min():.4f} | {n} | "
                         f"{Ag:.2f} +- {Ag / max(n, 1) ** 0.5:.2f} | {beta} |")
    lines.append("")
    print("\n".join(lines[-14:]), flush=True)


def ensemble(R: int, jobs: int, data: pathlib.Path, fresh: bool, lines: list) -> None:
    from concurrent.futures import ProcessPoolExecutor

    data.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(jobs) as ex:
        for name, pkw, opt, factor, seed in RUNS:
            n = max(int(round(factor * R)), 1)
            path = data / f"{name}.npz"
            params = osc.ModelParams(**pkw)
            ens = None
            if path.exists() and not fresh:
                ens = osc.Ensemble.load(path)
                if osc.ModelParams(**ens.params) != params or ens.realisations < n or \
                        ens.seed != seed:
                    ens = None
            t = time.perf_counter()
            if ens is None:
                ens = osc.simulate(params, n, seed=seed, executor=ex, progress="log", **opt)
                ens.save(path)
                took = f"{time.perf_counter() - t:.0f} s wall on {jobs} processes"
            else:
                took = "reused"
            lines += [f"### {name} ({ens.realisations} realisations, seed {seed}, {took})", "",
                      "```", osc.summary(ens), "```", ""]
            print("\n".join(lines[-6:]), flush=True)
    a, b = (osc.Ensemble.load(data / f"{n}.npz") for n in ("cubic_J0.1", "cubic_J0.1_Aspread10"))
    for wmax in (0.3, 0.5):
        c = osc.compare_spectra(a, b, wmax)
        lines += [f"A-independence below omega = {wmax} (same realisations; A_i = 1 against A_i "
                  f"log-uniform over a decade): KS = {c['ks']:.4f}, p = {c['p_value']:.3f}; "
                  f"fraction of modes below: {c['fraction_below'][0]:.4f} vs "
                  f"{c['fraction_below'][1]:.4f}; fitted omega* {c['omega_star'][0]:.4f} vs "
                  f"{c['omega_star'][1]:.4f}", ""]
        print(lines[-2], flush=True)
    mean_field_table(data, lines)
    extra = data / "cli_J0.1_200.npz"      # the command, if it has been run into --data
    if extra.exists():
        ens = osc.Ensemble.load(extra)
        lines += [f"### `glassderive simulate oscillators --J 0.1 --realisations "
                  f"{ens.realisations} --jobs 2` (seed {ens.seed})", "", "```", osc.summary(ens),
                  "```", ""]
    big = osc.Ensemble.load(data / "cubic_J0.1_relaxed_x6.npz")
    w = np.sqrt(np.clip(big.data["eigenvalues"], 0, None)).reshape(-1)
    fit = osc.relaxed_report(big)["fit_to_omega_b"]
    lines += ["Low-frequency exponent against the window (cubic_J0.1_relaxed_x6; the fitted "
              "sea-gull law's expected value in the same window in brackets):", ""]
    for u in (0.1, 0.12, 0.15, 0.2, 0.25):
        b, e, n = osc.power_law_exponent(w, u)
        ref = osc._sea_gull_expected_exponent(u / fit.omega_star)
        lines.append(f"* omega < {u}: beta = {b:.2f} +- {e:.2f} ({n} modes) [{ref:.2f}]")
    lines.append("")
    print("\n".join(lines[-7:]), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--realisations", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", default="oscillator-data")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--output", default=None)
    args = ap.parse_args(argv)
    mach, load = _common_machine()
    sizes = [343, 1000] if args.quick else [343, 1000, 2197]
    lines = ["# Interacting anharmonic soft oscillators: cost and ensemble", "",
             f"Generated by `python benchmarks/oscillators.py` on "
             f"{datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()}.",
             "", f"* machine: {mach}", f"* load average at start: {load} (shared machine: the "
             f"numbers include contention)", "* wall time (`time.perf_counter`) of one "
             f"realisation, one process, J = 0.1, seed {SEED}, the faster of two runs after a "
             f"warm-up", ""]
    time_parts(64)                     # warm-up: imports and first-call costs not counted
    rows = {N: min((time_parts(N) for _ in range(2)), key=lambda r: r["total"]) for N in sizes}
    keys = list(rows[sizes[0]])
    lines.append("| part | " + " | ".join(f"N = {N}" for N in sizes) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    for k in keys:
        fmt = (lambda v: f"{v:d}") if k == "lbfgs iterations" else (lambda v: f"{v:.3f} s")
        lines.append(f"| {k} | " + " | ".join(fmt(rows[N][k]) for N in sizes) + " |")
    tot = np.array([rows[N]["total"] for N in sizes])
    slope = np.polyfit(np.log(sizes), np.log(tot), 1)[0]
    lines += ["", f"Total time ~ N^{slope:.2f} over N = {sizes[0]}..{sizes[-1]} (dense O(N^3) "
              f"linear algebra dominates at large N; O(N^2) memory).", ""]
    print("\n".join(lines), flush=True)
    if not args.quick:
        lines += ["## Ensemble", ""]
        ensemble(args.realisations, args.jobs, pathlib.Path(args.data), args.fresh, lines)
    text = "\n".join(lines) + "\n"
    if args.output:
        pathlib.Path(args.output).write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
