"""``glassderive tls-from-path PATH.csv --mass M``: TLS parameters of a sampled double well.

Reads a path (two columns: the path coordinate s and the energy V; comma, semicolon, tab or
space separated; lines starting with ``#`` and a header line are skipped), solves it with
:func:`glassderive.numeric.double_well.tls_from_path` and prints E, Delta_0, Delta with their
error estimates (solver, interpolation and noise), the wells, the barrier, and the WKB estimates of
Delta_0 beside the exact value.  ``--json`` prints one JSON record instead.

Units (``--units``): ``eV-angstrom-amu`` (default: s in Å, V in eV, mass in amu; a
mass-weighted coordinate in Å amu^1/2 with ``--mass 1``), ``SI`` or ``atomic``.
"""

from __future__ import annotations

import json
import math
import sys

__all__ = ["read_path", "cmd_tls_from_path", "add_parser"]


def read_path(filename: str, columns=(0, 1)):
    """(s, V) from a delimited text file: comment lines (``#``) and non-numeric lines (a header)
    are skipped; ``columns`` picks the two columns."""
    import re

    import numpy as np

    rows = []
    with open(filename, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x for x in re.split(r"[,;\s]+", line) if x]
            try:
                vals = [float(x) for x in fields]
            except ValueError:
                if rows:
                    raise ValueError(f"{filename}: a non-numeric line after the data: {line!r}")
                continue          # a header
            rows.append(vals)
    if not rows:
        raise ValueError(f"{filename}: no numeric rows")
    width = min(len(r) for r in rows)
    if max(columns) >= width:
        raise ValueError(f"{filename}: needs at least {max(columns) + 1} columns, a row has "
                         f"{width}")
    arr = np.array([[r[columns[0]], r[columns[1]]] for r in rows], float)
    return arr[:, 0], arr[:, 1]


def _kelvin_ghz(E: float, units: str):
    """E in K and GHz (None for unknown units)."""
    from scipy import constants as c

    joule = {"SI": 1.0, "eV-angstrom-amu": c.eV,
             "atomic": c.physical_constants["Hartree energy"][0]}
    j = E * joule[units]
    return j / c.k, j / c.h / 1e9


def _fmt(x, err=None):
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "n/a"
    return f"{x:.10g}" + (f" ± {err:.2g}" if err is not None else "")


def cmd_tls_from_path(args) -> int:
    from glassderive.numeric.double_well import UNITS, tls_from_path

    try:
        s, V = read_path(args.path, tuple(args.columns))
        wc = tuple(args.wall_curvature) if args.wall_curvature else (None, None)
        r = tls_from_path(s, V, args.mass, args.units, interpolant=args.interpolant,
                          rtol=args.rtol, precision=args.precision, wall_curvature=wc,
                          interpolation_error=not args.no_interpolation_error)
    except (OSError, ValueError) as exc:
        print(f"glassderive tls-from-path: {exc}", file=sys.stderr)
        return 2
    if args.json:
        rec = dict(path=args.path, mass=args.mass, samples=int(len(s)), **r.as_dict())
        json.dump(rec, sys.stdout, indent=2, allow_nan=True, default=float)
        sys.stdout.write("\n")
        return 0
    u = UNITS[r.units]
    eu, lu = u["energy"], u["length"]
    print(f"{args.path}: {len(s)} samples, s in [{s.min():.6g}, {s.max():.6g}] {lu}, "
          f"mass {args.mass:g} {u['mass']}, interpolant {args.interpolant}, solver {r.method} "
          f"({'certified' if r.converged else 'NOT converged to rtol'})")
    print(f"wells at s = {r.s_minima[0]:.6g}, {r.s_minima[1]:.6g} {lu}; barrier top at "
          f"s = {r.s_barrier:.6g} {lu}, {r.barrier:.6g} {eu} above the lower minimum; "
          f"hbar omega = {r.hbar_omega[0]:.6g}, {r.hbar_omega[1]:.6g} {eu}")
    rows = [(q, getattr(r, q), getattr(r, q + "_err"), getattr(r, q + "_err_solver"),
             getattr(r, q + "_err_interp"), getattr(r, q + "_err_noise"))
            for q in ("E", "Delta0", "Delta")]
    for name, val, err, es, ei, en in rows:
        K, GHz = _kelvin_ghz(val, r.units)
        print(f"{name:<7s}= {val:.10g} {eu} ± {err:.2g} (solver {es:.2g}, interpolation "
              f"{ei:.2g}, noise {en:.2g})   = {K:.6g} K = {GHz:.6g} GHz")
    if not 0.5 < r.well_weight < 1.5:
        print("warning: the two lowest levels lie in the same well: no tunnelling doublet")
    w = r.wkb
    print(f"WKB: action S(e)/hbar = {_fmt(w.action)} at the mean of the doublet, "
          f"S_b/hbar = {_fmt(w.action_bottom)} between the minima")
    for name, val, what in (("Landau", w.landau, "(hbar omega/pi) exp(-S)"),
                            ("Garg", w.garg, "sqrt(pi/e) x Landau"),
                            ("PSG", w.psg, "W exp(-S_b), Parshin-Schober-Gurevich Eq. (4.4)")):
        ratio = val / r.Delta0 if math.isfinite(val) and r.Delta0 > 0 else float("nan")
        print(f"  Delta0 {name:<6s} = {_fmt(val)} {eu}  (WKB / exact = {_fmt(ratio)})  {what}")
    return 0


def add_parser(subparsers):
    s = subparsers.add_parser(
        "tls-from-path", help="E, Delta_0, Delta and the WKB estimates of a double well sampled "
                              "along a path (e.g. a nudged-elastic-band output)")
    s.add_argument("path", metavar="PATH.csv", help="two columns: path coordinate s, energy V")
    s.add_argument("--mass", type=float, required=True,
                   help="effective mass (1 for a mass-weighted coordinate)")
    s.add_argument("--units", default="eV-angstrom-amu",
                   choices=["eV-angstrom-amu", "SI", "atomic"],
                   help="s, V and mass units (default: Å, eV, amu)")
    s.add_argument("--columns", type=int, nargs=2, default=[0, 1], metavar=("S", "V"),
                   help="the columns of s and V (from 0)")
    s.add_argument("--interpolant", default="quintic", choices=["quintic", "cubic", "smoothing"])
    s.add_argument("--wall-curvature", type=float, nargs=2, metavar=("LEFT", "RIGHT"),
                   help="V'' of the harmonic walls beyond the ends (default: the spline's)")
    s.add_argument("--rtol", type=float, default=1e-10, help="solver accuracy (default 1e-10)")
    s.add_argument("--precision", default="auto", choices=["auto", "dvr", "mpmath"])
    s.add_argument("--no-interpolation-error", action="store_true",
                   help="skip the interpolation-error estimate (the second interpolant, by "
                        "perturbation theory from the converged doublet; ~15%% of the time)")
    s.add_argument("--json", action="store_true", help="one JSON record")
    s.set_defaults(func=cmd_tls_from_path)
    return s
