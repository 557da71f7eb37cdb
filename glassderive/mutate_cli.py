"""``glassderive mutate NAME``: mutation testing of a derivation's checks.

    glassderive mutate NAME|FILE.py [NAME] [--step S ...] [--limit N] [--jobs J] [--timeout T] [--json]
                            [--kind K ...] [--probe] [--no-progress]

Every single edit of the steps' statements (constants scaled, exponents and signs changed, log
factors added or removed, thresholds moved, domains widened, asymptotic orders changed; see
:mod:`glassderive.verify.mutate`) is checked; the table gives the kill rate per step and every
surviving mutant is listed.  Exit status 0 iff every mutant is killed or declared equivalent by
its step (``equivalent_mutants``), 1 otherwise, 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor

__all__ = ["add_parser", "cmd_mutate"]


def _bar(total: int, desc: str, enabled: bool):
    from .cli import _progress_bar
    return _progress_bar(total, desc, enabled, unit="mutant")


def _usage(msg: str) -> int:
    print(f"glassderive mutate: {msg}", file=sys.stderr)
    return 2


def cmd_mutate(args) -> int:
    from glassderive import registry
    from glassderive.verify.mutate import mutate, plan

    from .cli import one_target

    name = one_target(args.targets, "mutate")
    if name is None:
        return 2
    args.name = name
    try:
        d = registry.get(name)
    except (KeyError, TypeError) as exc:
        return _usage(exc.args[0] if exc.args else str(exc))
    except Exception as exc:
        return _usage(f"{name}: {type(exc).__name__}: {exc}")
    known = [s.name for s in d.steps]
    for s in args.step or ():
        if s not in known:
            return _usage(f"derivation {args.name!r} has no step {s!r}; steps are "
                          f"{', '.join(known)}")
    if args.limit is not None and args.limit < 1:
        return _usage("--limit must be >= 1")
    if args.jobs is not None and args.jobs < 1:
        return _usage("--jobs must be >= 1")
    if args.timeout is not None and args.timeout <= 0:
        args.timeout = None
    from .cli import _progress_mode
    show = _progress_mode(args)
    bar = None
    if show:
        total = sum(len(ms) + 1 for _, ms, _ in plan(d, args.step, args.limit, args.kind))
        bar = _bar(total, f"mutate {args.name}", show)
    progress = (lambda outcome: bar.update(1)) if bar else None
    executor = ProcessPoolExecutor(max_workers=args.jobs) if args.jobs and args.jobs > 1 else None
    try:
        report = mutate(d, steps=args.step, executor=executor, progress=progress,
                        limit=args.limit, timeout=args.timeout, kinds=args.kind,
                        probe=args.probe)
    finally:
        if executor is not None:
            executor.shutdown()
        if bar is not None:
            bar.close()
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(report)
    return 0 if report.ok else 1


def add_parser(subparsers):
    """Register the ``mutate`` subcommand on an ``argparse`` subparsers object."""
    s = subparsers.add_parser("mutate", help="mutation testing: single edits of each step's "
                                             "statement must make its check fail")
    s.add_argument("targets", nargs="+", metavar="NAME|FILE.py",
                   help="a registered derivation, or a file/module defining one (then NAME "
                        "after it if it defines several)")
    s.add_argument("--step", "-s", action="append", metavar="S",
                   help="only this step (repeatable)")
    s.add_argument("--limit", "-l", type=int, default=None, metavar="N",
                   help="at most N mutants per step (a deterministic sample)")
    s.add_argument("--jobs", "-j", type=int, default=1, metavar="J", help="worker processes")
    s.add_argument("--timeout", type=float, default=300.0, metavar="T",
                   help="seconds per check before a mutant counts as a timeout (0: none)")
    s.add_argument("--kind", "-k", action="append", metavar="K",
                   help="only mutants of kind K (const, pow, neg, log, rel, scale, mul, domain, "
                        "order, log_power); -K leaves kind K out (repeatable)")
    s.add_argument("--probe", action="store_true",
                   help="re-check each surviving domain widening on the added region alone")
    s.add_argument("--json", action="store_true", help="the report as JSON")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--progress", action="store_true", help="progress bar even when not a tty")
    s.set_defaults(func=cmd_mutate)
    return s
