"""The ``glassderive`` command line.

    glassderive list                     names, paper, equations, step counts
    glassderive verify [NAME ...]        check every step; table; exit status 1 on any failure
                       [--jobs N] [--verbose] [--no-progress]
    glassderive latex NAME [-o FILE]     standalone LaTeX document (pdflatex compiles it)
    glassderive montecarlo [quartics|sea-gull] [-n N] [--seed S] [--jobs J]   Monte Carlo checks
    glassderive specific-heat [--distribution abs-eta|flat] [--jobs J]   c/T^3 of soft potentials
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import List, Optional

from . import registry
from .api import verify as verify_many


def _progress_bar(total: int, desc: str, enabled: bool):
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, desc=desc, unit="step", file=sys.stderr, leave=False,
                dynamic_ncols=True)


def cmd_list(args) -> int:
    names = registry.list_derivations()
    rows = []
    for n in names:
        meta = registry.info(n)
        d = registry.get(n)
        rows.append((n, meta.paper, meta.equations, str(len(d.steps))))
    header = ("derivation", "paper", "equations", "steps")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    return 0


def cmd_verify(args) -> int:
    from glassderive.verify import format_table

    names = args.names or registry.list_derivations()
    try:
        for n in names:
            registry.info(n)
    except KeyError as exc:
        print(f"glassderive verify: {exc.args[0]}", file=sys.stderr)
        return 2
    show = not args.no_progress and sys.stderr.isatty() or args.progress
    if args.jobs and args.jobs > 1 and len(names) > 1:
        bar = _progress_bar(len(names), "derivations", show)
        with ProcessPoolExecutor(max_workers=args.jobs) as ex:
            reports = verify_many(names, executor=ex,
                                  progress=(lambda n: bar.update(1)) if bar else None)
        if bar:
            bar.close()
    else:
        reports = []
        for n in names:
            d = registry.get(n)
            bar = _progress_bar(len(d.steps), n, show)
            reports.append(d.verify(progress=(lambda s: bar.update(1)) if bar else None))
            if bar:
                bar.close()
    print(format_table(reports))
    failed = [r for r in reports if not r.ok]
    if args.verbose:
        for r in reports:
            print()
            print(r)
    elif failed:
        print()
        for r in failed:
            for s in r.failures:
                print(f"{r.derivation}: {s.line()}")
    return 1 if failed else 0


def cmd_latex(args) -> int:
    try:
        d = registry.get(args.name)
    except KeyError as exc:
        print(f"glassderive latex: {exc.args[0]}", file=sys.stderr)
        return 2
    report = d.verify() if args.with_report else None
    text = d.document(report)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_montecarlo(args) -> int:
    show = not args.no_progress and sys.stderr.isatty()
    executor = ProcessPoolExecutor(max_workers=args.jobs) if args.jobs > 1 else None
    try:
        if args.model == "quartics":
            from glassderive.numeric.quartic import gurarie_chalker_slopes

            n = args.samples or 1_000_000
            result = gurarie_chalker_slopes(n, seed=args.seed, progress=show, executor=executor)
            print(result.summary())
            return 0 if result.consistent() else 1
        from glassderive.numeric.seagull import sea_gull_monte_carlo

        n = args.samples or 10_000_000
        result = sea_gull_monte_carlo(n, seed=args.seed, progress=show, executor=executor)
        print(result.summary())
        return 0 if all(result.chi2(b)[2] > 1e-3 for b in ("I", "II", "III", "total")) else 1
    finally:
        if executor is not None:
            executor.shutdown()


def cmd_specific_heat(args) -> int:
    import numpy as np

    from glassderive.numeric.soft_potential import specific_heat

    show = not args.no_progress and sys.stderr.isatty()
    T = np.logspace(np.log10(args.tmin), np.log10(args.tmax), args.points)
    executor = ProcessPoolExecutor(max_workers=args.jobs) if args.jobs > 1 else None
    try:
        res = specific_heat(T, args.distribution, n_alpha=args.grid[0], n_beta=args.grid[1],
                            executor=executor, progress=show)
    finally:
        if executor is not None:
            executor.shutdown()
    print(f"soft potentials, P(eta, t) {'~ |eta|' if args.distribution == 'abs-eta' else 'flat'}; "
          f"T in units of W; {args.grid[0]} x {args.grid[1]} (alpha, beta) grid")
    print(f"{'T/W':>10s} {'c/T^3 (arb.)':>14s}")
    for t, r in zip(res.T, res.reduced):
        print(f"{t:10.4f} {r:14.6g}")
    try:
        print(f"minimum of c/T^3 at T = {res.minimum():.3f} W  (seed 003/000: W ~ 2 T_min)")
    except ValueError as exc:
        print(str(exc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="glassderive", description="Machine-checked derivations "
                                "and numeric kernels for the low-temperature physics of glasses.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("list", help="list the registered derivations")
    s.set_defaults(func=cmd_list)

    s = sub.add_parser("verify", help="check every step of the named (default: all) derivations")
    s.add_argument("names", nargs="*", metavar="NAME")
    s.add_argument("--jobs", "-j", type=int, default=1, help="derivations checked in parallel")
    s.add_argument("--verbose", "-v", action="store_true", help="print every step's result")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--progress", action="store_true", help="progress bar even when not a tty")
    s.set_defaults(func=cmd_verify)

    s = sub.add_parser("latex", help="standalone LaTeX document of a derivation")
    s.add_argument("name", metavar="NAME")
    s.add_argument("-o", "--output", metavar="FILE")
    s.add_argument("--with-report", action="store_true", help="append the verification report")
    s.set_defaults(func=cmd_latex)

    s = sub.add_parser("montecarlo", help="Monte Carlo confirmations: random quartics (seed 004, "
                                          "P(b2)) or the sea-gull DOS (seed 000, Eq. 5.6)")
    s.add_argument("model", nargs="?", choices=["quartics", "sea-gull"], default="quartics")
    s.add_argument("--samples", "-n", type=int, default=None,
                   help="quartics (default 1e6) or oscillators (default 1e7)")
    s.add_argument("--seed", type=int, default=20070806)
    s.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    s.add_argument("--no-progress", action="store_true")
    s.set_defaults(func=cmd_montecarlo)

    s = sub.add_parser("specific-heat", help="c(T)/T^3 of soft potentials from their exact "
                                             "levels (seed 003, Fig. 2)")
    s.add_argument("--distribution", choices=["abs-eta", "flat"], default="abs-eta")
    s.add_argument("--tmin", type=float, default=0.05)
    s.add_argument("--tmax", type=float, default=5.0)
    s.add_argument("--points", type=int, default=25)
    s.add_argument("--grid", type=int, nargs=2, default=[105, 25], metavar=("N_ALPHA", "N_BETA"))
    s.add_argument("--jobs", "-j", type=int, default=1)
    s.add_argument("--no-progress", action="store_true")
    s.set_defaults(func=cmd_specific_heat)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        print("glassderive: --jobs must be >= 1", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
