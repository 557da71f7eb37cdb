"""Interacting anharmonic soft oscillators: cost per realisation, scaling with N, and the ensemble.

Run:  python benchmarks/oscillators.py [--quick] [--realisations R] [--jobs J]
                                       [--data DIR] [--output benchmarks/oscillators.md]
      python benchmarks/oscillators.py --large | --double-wells | --mean-field
                                       [--data DIR] [--output benchmarks/oscillators.md]
      (each of these parts alone, appended to --output)

Two parts (Parshin, Schober, Gurevich, Phys. Rev. B 76, 064206 (2007), Figs. 1-2; Gurevich,
Parshin, Schober, Phys. Rev. B 67, 094203 (2003)):

* **timing**: one core (BLAS pinned to one thread before numpy is imported), wall time of each
  part of one realisation (model construction, kappa (a), (b) at three cuts, (c), the inertia of
  H, J_c, the relaxation with its Hessian spectrum) at N = 343, 1000, 2197 (``--quick``: 343,
  1000), and the fitted exponent of the total time in N.  The couplings are dense (1/r^3 to every
  oscillator), so memory is O(N^2): N = 13824 = 24^3 needs 1.5 GB per matrix (see ``--large``).
* **large N** (``--large``, alone; BLAS not pinned: both cores): one realisation at
  N = 2197, 4096 and 13824 = 24^3 (J = 0.1, seed 2003, the O(N^3) reading (c) and inertia of H
  skipped: ``schur=False``), the seconds of every part as :func:`realisation` records them, and
  the exponent of the total in N.  The N = 13824 realisation is the one of
  ``glassderive simulate oscillators --N 13824 --realisations 1 --no-schur -o
  DATA/large_N13824.npz`` (reused when present).  Peak memory at N = 13824: 4.35 GB
  (the couplings and one work array, both float64).
* **double wells** (``--double-wells``, alone): 300 realisations of N = 216 = 6^3 at J = 0.1
  and 0.07, 100 of N = 343 at J = 0.1, second minima searched along *every* Hessian mode, and
  their asymmetry/barrier ratio against the soft-potential shape
  (:func:`glassderive.numeric.oscillators.double_well_shape`), each run and pooled.
* **mean-field conventions** (``--mean-field``, alone): the model of Rainone et al. in their
  units (quartic A x^4/4! with A = 1: our A = 1/6), A_g against their kappa_0 h^(2/3)/J^2.
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

import sys as _sys  # noqa: E402

if "--large" not in _sys.argv:           # the large-N part uses every BLAS thread
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
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
#: Gaussian couplings J/sqrt(N), a constant force h, k uniform on (0, 1).  A = 6 here is their
#: A = 36 in A x^4/4! (their A = 1 is our 1/6); by the exact scaling y = sqrt(A) x these runs
#: are their A = 1 model at h_theirs = 6 h (see mean_field_conventions for runs in their units)
MF_H, MF_J = (0.05, 0.2), (0.4, 0.5, 0.6, 0.8, 1.0)
RUNS += [(f"mf_h{h}_J{J}", dict(N=1000, J=J, geometry="mean-field", h=h, stiffness="uniform",
                                A=6.0), dict(harmonic=False), 1.5, 2021)
         for h in MF_H for J in MF_J]


def mean_field_table(data: pathlib.Path, lines: list, upper: float = 0.3) -> None:
    """A_g = D(omega)/omega^4 from the number of modes below ``upper`` (per oscillator,
    assuming D = A_g omega^4 there), with its Poisson error, against x = h^(2/3)/J^2."""
    lines += ["### Mean-field model: the prefactor A_g against J at fixed h (our A = 6: in the "
              "units of Rainone et al., A = 1 in A x^4/4!, these are h = 0.3, 1.2)", "",
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
    for J in (0.1, 0.07, 0.15):           # the issue's command, if it has been run into --data
        extra = data / f"cli_J{J}_200.npz"
        if extra.exists():
            ens = osc.Ensemble.load(extra)
            lines += [f"### `glassderive simulate oscillators --J {J} --realisations "
                      f"{ens.realisations}` (seed {ens.seed})", "", "```", osc.summary(ens),
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


LARGE_SIZES = (2197, 4096, 13824)
LARGE_PARTS = [("build", "t_build"), ("kappa (a)", "t_kappa_a"),
               ("kappa (b), 3 cuts", "t_kappa_b"),
               ("J_c (Lanczos)", "t_J_c"), ("relaxation (L-BFGS + Newton)", None),
               ("spectrum at the minimum (all eigenvalues)", "spectrum_seconds")]


def large(data: pathlib.Path, lines: list) -> None:
    """One realisation per size with both cores, the parts' seconds and the scaling."""
    data.mkdir(parents=True, exist_ok=True)
    rows = {}
    one = os.environ.get("OPENBLAS_NUM_THREADS") == "1"     # a separate set of runs
    for N in LARGE_SIZES:
        path = data / f"large_N{N}{'_1thread' if one else ''}.npz"
        took = "reused"
        if path.exists():
            ens = osc.Ensemble.load(path)
        else:
            t = time.perf_counter()
            ens = osc.simulate(osc.ModelParams(N=N, J=0.1), 1, seed=SEED, schur=False)
            ens.save(path)
            took = f"{time.perf_counter() - t:.0f} s"
        d = ens.data
        row = {}
        for name, key in LARGE_PARTS:
            if key is None:
                row[name] = float(np.sum(d["relax_seconds"]) - np.sum(d["spectrum_seconds"]))
            else:
                row[name] = float(np.sum(d[key]))
        row["total"] = sum(row.values())
        row["lbfgs iterations"] = int(np.sum(d["lbfgs_iterations"]))
        rows[N] = (row, took, ens)
    lines += [f"## Large N: one realisation, {'one core' if one else 'both cores'}", "",
              "J = 0.1, seed 2003, reading (c) and the inertia of H skipped (`schur=False`: "
              "2 N^3 and ~N^3 flops that are not needed for the relaxed spectrum); the full "
              "Hessian spectrum at the minimum by LAPACK divide and conquer (eigenvalues only, "
              "in place).  Wall seconds as recorded inside the run (shared machine: the other "
              "tenant's load is included).", "",
              "| part | " + " | ".join(f"N = {N}" for N in LARGE_SIZES) + " |",
              "|---|" + "---:|" * len(LARGE_SIZES)]
    for name in [n for n, _ in LARGE_PARTS] + ["total", "lbfgs iterations"]:
        cells = [(f"{rows[N][0][name]:d}" if name == "lbfgs iterations"
                  else f"{rows[N][0][name]:.1f} s") for N in LARGE_SIZES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    tot = np.array([rows[N][0]["total"] for N in LARGE_SIZES])
    slope = np.polyfit(np.log(LARGE_SIZES), np.log(tot), 1)[0]
    lines += ["", f"Total ~ N^{slope:.2f} over N = {LARGE_SIZES[0]}..{LARGE_SIZES[-1]} "
              f"(runs: " + ", ".join(f"N = {N} {rows[N][1]}" for N in LARGE_SIZES) + ").", ""]
    # the low end only, by shift-invert Lanczos, against the full spectrum (same minimum)
    import scipy.linalg as sl

    N = 4096
    ens = rows[N][2]
    s_model, _ = np.random.SeedSequence(SEED).spawn(1)[0].spawn(2)
    m = osc.build_model(osc.ModelParams(**ens.params), s_model)
    x = ens.data["x"][0]
    for n_low in (50, 200):
        t = time.perf_counter()
        w_low = osc.lowest_eigenvalues(m, x, n_low)
        t_low = time.perf_counter() - t
        t = time.perf_counter()
        w_all = sl.eigh(m.hessian(x), eigvals_only=True, driver="evd", overwrite_a=True)
        t_all = time.perf_counter() - t
        lines.append(f"* N = {N}, the {n_low} lowest modes by shift-invert Lanczos (Cholesky "
                     f"factor included): {t_low:.1f} s; all {N} by divide and conquer: "
                     f"{t_all:.1f} s; largest difference of the {n_low} eigenvalues "
                     f"{np.max(np.abs(w_low - w_all[:n_low])):.1e}")
    lines.append("")
    big = rows[LARGE_SIZES[-1]][2]
    lines += [f"### N = {LARGE_SIZES[-1]} (one realisation)", "", "```", osc.summary(big),
              "```", ""]
    print("\n".join(lines), flush=True)


#: double-well runs: N, J, realisations (every mode scanned, seed 2216)
DW_RUNS = [(216, 0.1, 300), (216, 0.07, 300), (343, 0.1, 100)]


def double_well_statistics(data: pathlib.Path, jobs: int, lines: list) -> None:
    """Double wells of many small systems, every mode scanned, against the soft-potential
    shape (phi = |f|/f* uniform)."""
    from concurrent.futures import ProcessPoolExecutor

    data.mkdir(parents=True, exist_ok=True)
    pooled = []
    for N, J, R in DW_RUNS:
        path = data / f"dw{N}_J{J}.npz"
        if path.exists():
            ens, took = osc.Ensemble.load(path), "reused"
        else:
            t = time.perf_counter()
            with ProcessPoolExecutor(jobs) as ex:
                ens = osc.simulate(osc.ModelParams(N=N, J=J), R, seed=2216, harmonic=False,
                                   double_wells=N, executor=ex, progress="log")
            ens.save(path)
            took = f"{time.perf_counter() - t:.0f} s on {jobs} processes"
        pooled.append(np.asarray(ens.data["double_wells"]).reshape(-1, 6))
        sh = osc.double_well_shape(ens.data["double_wells"])
        lines += [f"## Double wells against the soft-potential shape ({ens.realisations} "
                  f"realisations of N = {N}, J = {J}, every mode scanned, seed {ens.seed}, "
                  f"{took})", "", "```", osc.summary(ens).splitlines()[-1], "```", "",
                  "phi = |f|/f* from R = |asymmetry|/barrier (soft-potential double well); the "
                  "model's prediction: phi uniform on (0, 1) (mean 1/2, half below 1/2).", ""]
        _shape_lines(sh, lines)
    sh = osc.double_well_shape(np.concatenate(pooled))
    lines += ["### All runs pooled", ""]
    _shape_lines(sh, lines)
    print("\n".join(lines), flush=True)


def _shape_lines(sh: dict, lines: list) -> None:
    for name in ("straight", "plane"):
        if name in sh:
            v = sh[name]
            phis = np.array2string(np.sort(v["phi"]), precision=2, max_line_width=10**6)
            lines.append(f"* barrier {name}: n = {v['n']}, mean phi = {v['mean']:.3f} "
                         f"(uniform: 0.500 +- {v['mean_expected_error']:.3f}), fraction below "
                         f"1/2 = {v['below_half']:.3f} +- {v['below_half_error']:.3f}, KS = "
                         f"{v['ks']:.3f} (p = {v['ks_p']:.2g}), R > 1: {v['ratio_above_1']}; "
                         f"phi sorted: {phis}")
    lines.append("")


#: the mean-field model in the conventions of Rainone et al.: A x^4/4! with A = 1 (our A = 1/6)
MF2_POINTS = [(h, J) for h in (0.6, 1.2, 2.4) for J in (0.4, 0.5, 0.6, 0.8)] + \
             [(h, J) for h in (0.3, 1.2) for J in (1.2, 1.6)]
#: the weak-interaction regime at fixed J, five times the realisations: ln A_g against x
MF2_FOCUS = [(h, J) for J in (0.4, 0.5) for h in (1.2, 2.4, 3.6)] + [(0.6, 0.4)]


def mean_field_conventions(data: pathlib.Path, jobs: int, lines: list, R: int = 48,
                           upper: float = 0.3) -> None:
    """A_g against kappa_0 h^(2/3)/J^2 in the units of Rainone et al. (A = 1 in A x^4/4!)."""
    from concurrent.futures import ProcessPoolExecutor

    data.mkdir(parents=True, exist_ok=True)
    lines += ["## Mean-field model in the units of Rainone et al. (A x^4/4!, A = 1: our "
              "A = 1/6; kappa uniform on (0, kappa_0 = 1); N = 1000)", "",
              f"A_g = 5 n(omega < {upper}) / (N_modes {upper}^5), Poisson error.", "",
              "| h | J | kappa_0 h^(2/3)/J^2 | realisations | modes below | A_g | ln A_g |",
              "|---|---|---:|---:|---:|---:|---:|"]
    points = [(h, J, R, "mf6") for h, J in MF2_POINTS] + \
        [(h, J, 5 * R, "mf6x5") for h, J in MF2_FOCUS]
    with ProcessPoolExecutor(jobs) as ex:
        for h, J, R, stem in points:
            path = data / f"{stem}_h{h}_J{J}.npz"
            p = osc.ModelParams(N=1000, J=J, geometry="mean-field", h=h, stiffness="uniform",
                                A=1 / 6)
            ens = osc.Ensemble.load(path) if path.exists() else None
            if ens is None or osc.ModelParams(**ens.params) != p or ens.realisations != R:
                ens = osc.simulate(p, R, seed=2021 if stem == "mf6" else 2022,
                                   harmonic=False, executor=ex)
                ens.save(path)
            w = np.sqrt(np.clip(ens.data["eigenvalues"], 0, None)).reshape(-1)
            n = int(np.sum(w < upper))
            Ag = 5 * n / (w.size * upper**5)
            err = Ag / max(n, 1) ** 0.5
            lnA = math.log(Ag) if n else float("nan")
            lines.append(f"| {h} | {J} | {h ** (2 / 3) / J**2:.3f} | {ens.realisations} | {n} | "
                         f"{Ag:.2f} +- {err:.2f} | {lnA:.2f} +- {1 / max(n, 1) ** 0.5:.2f} |")
    lines.append("")
    print("\n".join(lines), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--realisations", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", default="oscillator-data")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--output", default=None)
    ap.add_argument("--large", action="store_true", help="only the large-N timing (both cores)")
    ap.add_argument("--double-wells", action="store_true", help="only the double-well statistics")
    ap.add_argument("--mean-field", action="store_true",
                    help="only the mean-field model in the units of Rainone et al.")
    args = ap.parse_args(argv)
    mach, load = _common_machine()
    if args.large or args.double_wells or args.mean_field:
        if args.large:
            threads = os.environ.get("OPENBLAS_NUM_THREADS")
            mach = mach.replace("BLAS threads pinned to 1", "BLAS threads " + (
                f"OPENBLAS_NUM_THREADS={threads}" if threads else "not pinned (--large)"))
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
        lines = [f"Generated by `python benchmarks/oscillators.py "
                 f"{' '.join(a for a in (argv or sys.argv[1:]))}` on {now}"
                 f"; machine: {mach}; load average at start: {load}.", ""]
        if args.large:
            large(pathlib.Path(args.data), lines)
        if args.double_wells:
            double_well_statistics(pathlib.Path(args.data), args.jobs, lines)
        if args.mean_field:
            mean_field_conventions(pathlib.Path(args.data), args.jobs, lines)
        text = "\n".join(lines) + "\n"
        if args.output:
            with open(args.output, "a") as fh:      # appended: the other parts stay
                fh.write("\n" + text)
        else:
            print(text)
        return 0
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
