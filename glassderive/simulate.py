"""``glassderive simulate``: simulations of the models the theory is about.

    glassderive simulate oscillators [--J 0.1] [--N 2197] [--realisations 200] [--jobs 2]
                                     [--seed S] [--geometry cubic|random|mean-field]
                                     [--h H] [--stiffness g0|uniform] [--d-min D]
                                     [--coupling unit|dipole] [--A A] [--A-spread S]
                                     [--omega-cut W ...] [--starts K] [--double-wells M]
                                     [--spectrum full|n] [--no-schur] [--no-relax]
                                     [--no-harmonic] [-o results.npz]

Interacting anharmonic soft oscillators (Parshin, Schober, Gurevich, Phys. Rev. B 76, 064206
(2007), Eqs. (2.2)-(2.3), Figs. 1-2; Gurevich, Parshin, Schober, Phys. Rev. B 67, 094203
(2003)): every realisation is built, its renormalisations kappa measured in the three readings,
relaxed into a local minimum and its Hessian spectrum taken
(:mod:`glassderive.numeric.oscillators`).  ``-o`` saves the raw results with their parameters
(``Ensemble.load`` reads them back) so figures can be redone without rerunning; a summary goes
to stdout.  A bad argument is one line on stderr and exit status 2.

Large N: ``--N 13824 --realisations 1 --no-schur`` runs (4.4 GB of memory at the peak: the
dense couplings and one work array; 7.6 min on one core, 14 min without ``--no-schur``, see
docs/oscillators.md);
``--spectrum n`` keeps only the n lowest Hessian eigenvalues at the minimum (shift-invert
Lanczos), the summary then fits below the highest frequency computed; ``--no-schur`` skips
reading (c) and the inertia of H (the O(N^3) harmonic parts).
"""

from __future__ import annotations

import math
import sys

__all__ = ["add_parser", "cmd_simulate"]


def _fail(msg: str) -> int:
    print(f"glassderive simulate: {' '.join(str(msg).split())}", file=sys.stderr)
    return 2


def _one_line_error(parser):
    """argparse prints usage and the message over two lines: one line instead (exit 2)."""
    def error(message):
        print(f"glassderive simulate: {message}", file=sys.stderr)
        raise SystemExit(2)
    parser.error = error
    return parser


def cmd_simulate(args) -> int:
    from glassderive.numeric import oscillators as osc

    if args.realisations < 1:
        return _fail(f"--realisations must be >= 1, got {args.realisations}")
    if args.jobs is not None and args.jobs < 1:
        return _fail(f"--jobs must be >= 1, got {args.jobs}")
    if args.starts < 1:
        return _fail(f"--starts must be >= 1, got {args.starts}")
    if args.double_wells < 0:
        return _fail(f"--double-wells must be >= 0, got {args.double_wells}")
    if args.seed < 0:
        return _fail(f"--seed must be >= 0, got {args.seed}")
    spectrum = args.spectrum.strip()
    if spectrum != "full":
        try:
            spectrum = int(spectrum)
        except ValueError:
            spectrum = 0
        if spectrum < 1:
            return _fail(f"--spectrum must be 'full' or an integer >= 1 (the number of lowest "
                         f"modes), got {args.spectrum!r}")
        if spectrum >= args.N - 1:
            return _fail(f"--spectrum must be < N - 1 = {args.N - 1} lowest modes (or 'full'), "
                         f"got {spectrum}")
    for name in ("J", "A", "A_spread", "d_min", "h"):
        v = getattr(args, name)
        if not math.isfinite(v):
            return _fail(f"--{name.replace('_', '-')} must be finite, got {v}")
    try:
        params = osc.ModelParams(N=args.N, J=args.J, geometry=args.geometry, d_min=args.d_min,
                                 coupling=args.coupling, A=args.A, A_spread=args.A_spread,
                                 h=args.h, stiffness=args.stiffness)
    except (ValueError, TypeError) as exc:
        msg = str(exc).replace("parameter 'A_spread'", "--A-spread").replace(
            "parameter 'd_min'", "--d-min")
        for name in ("N", "J", "A", "geometry", "coupling"):
            msg = msg.replace(f"parameter {name!r}", f"--{name}")
        return _fail(msg)
    cuts = args.omega_cut if args.omega_cut else [0.6, 0.75, 0.9]
    for c in cuts:
        if not (0 <= c < 1):
            return _fail(f"--omega-cut must lie in [0, 1) (units of omega0), got {c}")
    if args.output:        # fail now, not after the run (and leave no empty file behind)
        import os
        folder = os.path.dirname(os.path.abspath(args.output))
        if not os.path.isdir(folder):
            return _fail(f"cannot write {args.output}: no such directory")
        if not os.access(folder, os.W_OK) or os.path.isdir(args.output):
            return _fail(f"cannot write {args.output}: not writable")
    from glassderive.cli import _progress_mode

    show = _progress_mode(args)
    executor = None
    if args.jobs and args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor
        executor = ProcessPoolExecutor(max_workers=args.jobs)
    try:
        ens = osc.simulate(params, args.realisations, seed=args.seed, executor=executor,
                           progress=show, omega_cuts=cuts, harmonic=not args.no_harmonic,
                           relax=not args.no_relax, starts=args.starts,
                           double_wells=args.double_wells, spectrum=spectrum,
                           schur=not args.no_schur)
    finally:
        if executor is not None:
            executor.shutdown()
    if args.output:
        ens.save(args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    print(osc.summary(ens))
    return 0


def add_parser(subparsers):
    """Register ``simulate`` (with its models as sub-subcommands) on the main parser."""
    s = subparsers.add_parser("simulate", help="simulations of the models the theory is about "
                                               "(interacting anharmonic soft oscillators)")
    _one_line_error(s)
    models = s.add_subparsers(dest="model", required=True)
    o = models.add_parser("oscillators", help="N interacting anharmonic soft oscillators, "
                          "relaxed (Parshin, Schober, Gurevich 2007, Figs. 1-2; Gurevich, "
                          "Parshin, Schober 2003)")
    _one_line_error(o)
    o.add_argument("--J", type=float, default=0.1, help="interaction constant (default 0.1)")
    o.add_argument("--N", type=int, default=2197, help="oscillators (a cube for the lattice)")
    o.add_argument("--realisations", "-r", type=int, default=10)
    o.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    o.add_argument("--seed", type=int, default=2003)
    o.add_argument("--geometry", choices=["cubic", "random", "mean-field"], default="cubic",
                   help="mean-field: all-to-all Gaussian couplings J/sqrt(N) (Rainone, Urbani, "
                        "Zamponi, Lerner, Bouchbinder 2021)")
    o.add_argument("--h", type=float, default=0.0, help="constant force on every oscillator")
    o.add_argument("--stiffness", choices=["g0", "uniform"], default="g0",
                   help="bare k from g0 = 3 omega^2, or uniform on (0, 1)")
    o.add_argument("--d-min", dest="d_min", type=float, default=0.0,
                   help="minimal distance of random positions (default 0: Poisson)")
    o.add_argument("--coupling", choices=["unit", "dipole"], default="unit")
    o.add_argument("--A", type=float, default=1.0, help="quartic anharmonicity")
    o.add_argument("--A-spread", dest="A_spread", type=float, default=1.0,
                   help="A_i log-uniform over this ratio (1: all equal)")
    o.add_argument("--omega-cut", dest="omega_cut", type=float, action="append",
                   help="cut of definition (b), repeatable (default 0.6 0.75 0.9)")
    o.add_argument("--starts", type=int, default=1, help="relaxations per realisation")
    o.add_argument("--double-wells", dest="double_wells", type=int, default=0, metavar="M",
                   help="search second minima along the M softest modes (TLS candidates)")
    o.add_argument("--spectrum", default="full", metavar="full|n",
                   help="all Hessian eigenvalues at the minimum (default), or only the n lowest "
                        "(shift-invert Lanczos; for large N)")
    o.add_argument("--no-schur", action="store_true",
                   help="skip reading (c) and the inertia of H (the O(N^3) harmonic parts)")
    o.add_argument("--no-relax", action="store_true", help="harmonic analysis only")
    o.add_argument("--no-harmonic", action="store_true", help="relaxation only")
    o.add_argument("-o", "--output", metavar="FILE.npz", default=None)
    o.add_argument("--no-progress", action="store_true", help="no progress bar")
    o.add_argument("--progress", action="store_true",
                   help="a live progress bar even when stderr is not a terminal")
    o.set_defaults(func=cmd_simulate)
    return s
