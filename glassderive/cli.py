"""The ``glassderive`` command line.

    glassderive list [SOURCE ...]        names, paper, equations, step counts, source
    glassderive verify [NAME ...]        check every step; table; exit status 1 on any failure
    glassderive verify FILE.py|DIR|pkg.module [NAME ...]   an author's own derivations
                       [--jobs N] [--verbose] [--no-progress]
                       [--no-cache | --cache-dir DIR]   step outcomes are cached by default
                       [--json] [--junit FILE]          machine-readable output (CI)
    glassderive latex NAME|FILE.py [NAME] [-o FILE]   standalone LaTeX document (pdflatex)
    glassderive new NAME [-o FILE]       a runnable starting file for a derivation of one's own
    glassderive numbers [NAME ...] [--json]   every printed number: paper vs computed, status
    glassderive montecarlo [quartics|sea-gull] [-n N] [--seed S] [--jobs J]   Monte Carlo checks
    glassderive specific-heat [--distribution abs-eta|flat] [--jobs J]   c/T^3 of soft potentials
    glassderive --version

``verify`` keeps each step's outcome in a cache keyed by the step's content (its expressions,
assumptions, tolerances, the steps it uses, the engine's source): an unchanged step is not
re-run; a built-in derivation whose source files are unchanged is not even built (its whole
report is stored under a hash of its sources, the engine's and the library versions).  The
directory is ``--cache-dir``, else ``$GLASSDERIVE_CACHE_DIR``, else the user cache directory
(platformdirs); ``--no-cache`` checks every step and writes nothing.  (The Python API
``glassderive.verify`` uses no cache unless given ``cache=``.)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import List, Optional

from . import __version__, registry
from .api import cached_reports, report_keys, store_reports
from .api import verify as verify_many


def _progress_bar(total: int, desc: str, enabled, unit: str = "step"):
    """A bar on stderr: ``enabled`` True (live), "log" (a line every 30 s) or falsy (none)."""
    from glassderive.numeric.progress import progress_bar

    return progress_bar(total, desc, enabled, unit=unit)


def _progress_mode(args):
    """What progress a command shows: none with ``--no-progress``; a live bar on a terminal
    (or with ``--progress``); otherwise a line every 30 s, so a CI log is never silent for
    minutes."""
    if getattr(args, "no_progress", False):
        return None
    if getattr(args, "progress", False) or sys.stderr.isatty():
        return True
    return "log"


def resolve_targets(items, command: str):
    """Derivation names from command-line arguments: a registered name, or a source that
    defines derivations (a ``.py`` file, a directory of them, a dotted module name).  Sources
    are loaded first; when names are also given, only those are taken, else everything the
    sources define; with no argument at all, every registered derivation.  Returns the names,
    or prints one line on stderr and returns None (exit status 2)."""
    items = list(items or ())
    try:
        known = set(registry.list_derivations())
        sources = [it for it in items if it not in known and registry.looks_like_source(it)]
        from_sources = []
        for src in sources:
            from_sources += [n for n in registry.load(src) if n not in from_sources]
        names = [it for it in items if it not in sources]
        for n in names:
            registry.info(n)
    except (registry.LoadError, registry.DuplicateDerivation) as exc:
        print(f"glassderive {command}: {exc}", file=sys.stderr)
        return None
    except KeyError as exc:
        print(f"glassderive {command}: {exc.args[0]}", file=sys.stderr)
        return None
    if names:
        return names
    return from_sources if sources else registry.list_derivations()


def _source_label(meta) -> str:
    return "built-in" if meta.source.startswith("built-in") else meta.source


def cmd_list(args) -> int:
    names = resolve_targets(args.sources, "list")
    if names is None:
        return 2
    rows = []
    for n in names:
        meta = registry.info(n)
        try:
            steps = str(len(registry.get(n).steps))
        except Exception as exc:  # an author's builder that fails: say so, list the rest
            steps = f"error: {type(exc).__name__}"
        rows.append((n, meta.paper, meta.equations, steps, _source_label(meta)))
    header = ("derivation", "paper", "equations", "steps", "source")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


def _cache_for(args):
    """The ``StepCache`` of a ``verify`` run (None with ``--no-cache``)."""
    if args.no_cache:
        return None
    from glassderive.verify.cache import StepCache

    return StepCache(args.cache_dir)  # None: GLASSDERIVE_CACHE_DIR, else the user cache dir


#: below this many steps to check, a process pool costs more than it saves (each worker
#: imports SymPy and builds the derivations it checks)
AUTO_POOL_MIN_STEPS = 12


def _auto_jobs(names, cache) -> int:
    """``--jobs`` by default: one worker per CPU when there are enough uncached steps to
    check, else 1 (no pool)."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or not names:
        return 1
    from glassderive.verify.derivation import cached_outcome

    todo = 0
    for n in names:
        keys: dict = {}
        for s in registry.get(n).steps:
            todo += cached_outcome(s, keys, cache)[1] is None
    return cpus if todo >= AUTO_POOL_MIN_STEPS else 1


def cmd_verify(args) -> int:
    from glassderive.verify import format_table

    names = resolve_targets(args.names, "verify")
    if names is None:
        return 2
    cache = _cache_for(args)
    show = _progress_mode(args)
    # derivations whose source is unchanged since a stored run are not even built
    keys = report_keys(names, cache)
    done = cached_reports(names, cache, keys)
    rest = [n for n in names if n not in done]
    try:
        for n in rest:
            registry.get(n)  # build now: an author's error is one line, not a traceback
    except Exception as exc:
        print(f"glassderive verify: {n}: {type(exc).__name__}: {' '.join(str(exc).split())}",
              file=sys.stderr)
        return 2
    jobs = args.jobs if args.jobs is not None else _auto_jobs(rest, cache)
    if rest and jobs > 1:
        from .parallel import verify_steps

        total = sum(len(registry.get(n).steps) for n in rest)
        bar = _progress_bar(total, "steps", show)
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            # every uncached step is one task; the cache is read and written here only
            for r in verify_steps(rest, ex, cache=cache,
                                  step_progress=(lambda n, s: bar.update(1)) if bar else None):
                done[r.derivation] = r
        if bar:
            bar.close()
    else:
        for n in rest:
            d = registry.get(n)
            bar = _progress_bar(len(d.steps), n, show)
            done[n] = d.verify(progress=(lambda s: bar.update(1)) if bar else None,
                               cache=cache)
            if bar:
                bar.close()
    if cache is not None:
        store_reports([done[n] for n in rest], cache, keys)
    reports = [done[n] for n in names]
    failed = [r for r in reports if not r.ok]
    if args.junit:
        try:
            with open(args.junit, "wb") as fh:
                fh.write(junit_xml(reports))
        except OSError as exc:
            print(f"glassderive verify: cannot write {args.junit}: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {args.junit}", file=sys.stderr)
    if args.json:
        try:
            json.dump(json_document(reports, cache), sys.stdout, indent=2, allow_nan=False)
            sys.stdout.write("\n")
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. piped into head: not an error of the verification
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if failed else 0
    print(format_table(reports))
    if args.verbose:
        for r in reports:
            print()
            print(r)
    elif failed:
        print()
        for r in failed:
            up = r.upstream_failures()
            for s in r.failures:
                print(f"{r.derivation}: {s.line()}")
                rest = [k for k, v in up.items() if s.step in v]
                if rest:
                    print(f"  passed, but rest on it: {', '.join(rest)}")
    if cache is not None:
        total = sum(len(r.steps) for r in reports)
        hits = sum(s.cached for r in reports for s in r.steps)
        hint = " (--no-cache re-runs them)" if hits else ""
        print(f"cache: {hits} of {total} steps reused from {cache.path}{hint}", file=sys.stderr)
    return 1 if failed else 0


# -- machine-readable output -------------------------------------------------------------------
#: version of the ``--json`` document's layout (bumped on incompatible changes)
JSON_SCHEMA = "glassderive-verify/1"


def _finite(x):
    """JSON has no inf/nan: non-finite numbers become null."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _step_dict(s) -> dict:
    return {
        "name": s.step,
        "equation": s.equation,
        "kind": s.kind,
        "method": s.method,
        "status": s.status,
        "residual": _finite(s.residual),
        "tolerance": _finite(s.tolerance),
        "seconds": _finite(s.seconds),
        "cached": bool(s.cached),
        "uses": list(s.uses),
        "detail": s.detail,
        "key": s.key,
    }


def json_document(reports, cache=None) -> dict:
    """The document printed by ``glassderive verify --json``.

    ``{"schema", "glassderive_version", "engine_version", "ok", "cache": {"dir", "hits",
    "steps"} | null, "summary": {"derivations", "steps", "passed", "failed", "errors",
    "cached", "seconds"}, "derivations": [{"name", "title", "paper", "equations", "ok",
    "seconds", "steps": [{"name", "equation", "kind", "method", "status", "residual",
    "tolerance", "seconds", "cached", "uses", "detail", "key"}]}]}``.  ``status`` is "pass",
    "fail" or "error"; a non-finite residual or tolerance is null; a cached step's ``seconds``
    are those of the check that produced the stored outcome.
    """
    from glassderive.verify.fingerprint import engine_version

    steps = [s for r in reports for s in r.steps]
    hits = sum(bool(s.cached) for s in steps)
    derivs = []
    for r in reports:
        try:
            meta = registry.info(r.derivation)
            title, paper, equations = meta.title, meta.paper, meta.equations
        except KeyError:  # a derivation built outside the registry
            title = paper = equations = ""
        derivs.append({"name": r.derivation, "title": title, "paper": paper,
                       "equations": equations, "ok": r.ok, "seconds": _finite(r.seconds),
                       "steps": [_step_dict(s) for s in r.steps]})
    return {
        "schema": JSON_SCHEMA,
        "glassderive_version": __version__,
        "engine_version": engine_version(),
        "ok": bool(reports) and all(r.ok for r in reports),
        "cache": None if cache is None else {"dir": os.fspath(cache.path), "hits": hits,
                                             "steps": len(steps)},
        "summary": {"derivations": len(reports), "steps": len(steps),
                    "passed": sum(s.status == "pass" for s in steps),
                    "failed": sum(s.status == "fail" for s in steps),
                    "errors": sum(s.status == "error" for s in steps),
                    "cached": hits,
                    "seconds": _finite(sum(r.seconds for r in reports))},
        "derivations": derivs,
    }


_XML_ILLEGAL = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", str(text))


def junit_xml(reports) -> bytes:
    """JUnit XML of the reports (``glassderive verify --junit FILE``): one ``<testsuite>`` per
    derivation, one ``<testcase>`` per step (``classname="glassderive.<derivation>"``,
    ``name=<step>``, ``time`` = seconds spent in this run, 0 for a cached outcome), a
    ``<failure>`` for a failed check and an ``<error>`` for a crashed one, with the detail as
    text; the method, residual, tolerance, uses and cache hit are in ``<system-out>``."""
    import datetime
    import platform
    import xml.etree.ElementTree as ET

    from glassderive.verify.fingerprint import engine_version

    def run_time(s) -> float:
        return 0.0 if s.cached else (_finite(s.seconds) or 0.0)

    stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    host = platform.node() or "localhost"
    root = ET.Element("testsuites", name="glassderive verify")
    totals = {"tests": 0, "failures": 0, "errors": 0, "time": 0.0}
    for i, r in enumerate(reports):
        n_fail = sum(s.status == "fail" for s in r.steps)
        n_err = sum(s.status not in ("pass", "fail") for s in r.steps)
        suite = ET.SubElement(root, "testsuite", name=_xml_text(r.derivation), id=str(i),
                              tests=str(len(r.steps)), failures=str(n_fail), errors=str(n_err),
                              skipped="0", time=f"{_finite(r.seconds) or 0.0:.6f}",
                              timestamp=stamp, hostname=host)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="engine_version", value=engine_version())
        ET.SubElement(props, "property", name="glassderive_version", value=__version__)
        ET.SubElement(props, "property", name="cached_steps",
                      value=str(sum(bool(s.cached) for s in r.steps)))
        for s in r.steps:
            case = ET.SubElement(suite, "testcase", name=_xml_text(s.step),
                                 classname=_xml_text(f"glassderive.{r.derivation}"),
                                 time=f"{run_time(s):.6f}")
            summary = (f"residual {s.residual:.3e} (tolerance {s.tolerance:.1e}, "
                       f"{s.method})")
            if s.status == "fail":
                el = ET.SubElement(case, "failure", type=_xml_text(s.method),
                                   message=_xml_text(f"{summary}: {s.detail}"[:1000]))
                el.text = _xml_text(s.line())
            elif s.status != "pass":
                el = ET.SubElement(case, "error", type=_xml_text(s.status),
                                   message=_xml_text(s.detail[:1000] or s.status))
                el.text = _xml_text(s.line())
            out = [f"equation: {s.equation}", f"kind: {s.kind}", f"method: {s.method}",
                   f"status: {s.status}", f"residual: {s.residual!r}",
                   f"tolerance: {s.tolerance!r}", f"uses: {', '.join(s.uses)}",
                   f"cached: {'yes' if s.cached else 'no'} (check took {s.seconds:.3f} s)",
                   f"key: {s.key}"]
            if s.detail:
                out.append(f"detail: {s.detail}")
            ET.SubElement(case, "system-out").text = _xml_text("\n".join(out))
        totals["tests"] += len(r.steps)
        totals["failures"] += n_fail
        totals["errors"] += n_err
        totals["time"] += _finite(r.seconds) or 0.0
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", str(totals["errors"]))
    root.set("skipped", "0")
    root.set("time", f"{totals['time']:.6f}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def one_target(items, command: str):
    """The single derivation a command that takes one (``latex``, ``mutate``) is about: a name,
    or a file/module that defines exactly one (else name it after the file).  None after a
    one-line message on stderr."""
    names = resolve_targets(items, command)
    if names is None:
        return None
    if len(names) != 1:
        print(f"glassderive {command}: {len(names)} derivations ({', '.join(names)}): name one "
              f"of them after the file", file=sys.stderr)
        return None
    return names[0]


def cmd_latex(args) -> int:
    name = one_target(args.targets, "latex")
    if name is None:
        return 2
    try:
        d = registry.get(name)
    except Exception as exc:
        print(f"glassderive latex: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    report = d.verify() if args.with_report else None
    text = d.document(report)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            print(f"glassderive latex: cannot write {args.output}: {exc.strerror or exc}",
                  file=sys.stderr)
            return 2
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


#: the fewest samples each Monte Carlo needs for its fits and chi-square tests to mean
#: something (fewer leave the power-law fit or the histogram bins empty)
MONTECARLO_MIN_SAMPLES = {"quartics": 20_000, "sea-gull": 20_000}


def _usage(command: str, msg: str) -> int:
    print(f"glassderive {command}: {msg}", file=sys.stderr)
    return 2


def cmd_montecarlo(args) -> int:
    least = MONTECARLO_MIN_SAMPLES[args.model]
    if args.samples is not None and args.samples < least:
        return _usage("montecarlo", f"--samples/-n must be at least {least} for {args.model} "
                                    f"(the fits need that many), got {args.samples}")
    try:
        return _montecarlo(args)
    except ValueError as exc:
        return _usage("montecarlo", " ".join(str(exc).split()))


def _montecarlo(args) -> int:
    show = _progress_mode(args)
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

    for opt in ("tmin", "tmax"):
        v = getattr(args, opt)
        if not (math.isfinite(v) and v > 0):
            return _usage("specific-heat", f"--{opt} must be a finite temperature > 0 (in "
                                           f"units of W), got {v}")
    if not args.tmax > args.tmin:
        return _usage("specific-heat", f"--tmax must be above --tmin, got --tmin {args.tmin} "
                                       f"--tmax {args.tmax}")
    if args.points < 2:
        return _usage("specific-heat", f"--points must be at least 2, got {args.points}")
    if args.grid is not None and (args.grid[0] < 2 or args.grid[1] < 2):
        return _usage("specific-heat", f"--grid needs at least 2 nodes per alpha panel and 2 per "
                                       f"beta line, got {args.grid[0]} {args.grid[1]}")

    from glassderive.numeric.soft_potential import specific_heat

    show = _progress_mode(args)
    T = np.logspace(np.log10(args.tmin), np.log10(args.tmax), args.points)
    executor = ProcessPoolExecutor(max_workers=args.jobs) if args.jobs > 1 else None
    try:
        grid = {} if args.grid is None else dict(n_alpha=args.grid[0], n_beta=args.grid[1])
        res = specific_heat(T, args.distribution, executor=executor, progress=show,
                            estimate_error=not args.no_error_estimate, **grid)
    finally:
        if executor is not None:
            executor.shutdown()
    nodes = "default" if args.grid is None else f"{args.grid[0]} x {args.grid[1]}"
    print(f"soft potentials, P(eta, t) {'~ |eta|' if args.distribution == 'abs-eta' else 'flat'}; "
          f"T in units of W; Gauss-Legendre quadrature in (alpha, beta), {nodes} nodes")
    err = res.reduced_error if res.reduced_error is not None else [float("nan")] * len(res.T)
    print(f"{'T/W':>10s} {'c/T^3 (arb.)':>14s} {'error est.':>11s}")
    for t, r, e in zip(res.T, res.reduced, err):
        print(f"{t:10.4f} {r:14.6g} {e:11.2g}")
    try:
        tmin = res.minimum()
        e_min = res.minimum_error() if res.reduced_error is not None else float("nan")
        print(f"minimum of c/T^3 at T = {tmin:.4f} W (+- {e_min:.1e}); W/T_min = {1 / tmin:.2f} "
              f"(Il'in-Karpov-Parshin 1987, Parshin-Schober-Gurevich 2007: W ~ 2 T_min)")
    except ValueError as exc:
        print(str(exc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="glassderive", description="Machine-checked derivations "
                                "and numeric kernels for the low-temperature physics of glasses.")
    p.add_argument("--version", action="version", version=f"glassderive {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("list", help="list the registered derivations (and those of FILE.py, "
                                    "a directory or a module)")
    s.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="a .py file, a directory of them or a module whose derivations to list")
    s.set_defaults(func=cmd_list)

    s = sub.add_parser("verify", help="check every step of the named (default: all) derivations",
                       description="Check every step of derivations: registered NAMEs, or "
                                   "those a FILE.py, a directory of .py files or a dotted "
                                   "module defines (with NAMEs too: only those).")
    s.add_argument("names", nargs="*", metavar="NAME|FILE.py|DIR|MODULE")
    s.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes (steps are checked in parallel); default: one per "
                        f"CPU when at least {AUTO_POOL_MIN_STEPS} steps need checking, else 1")
    s.add_argument("--verbose", "-v", action="store_true", help="print every step's result")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--progress", action="store_true", help="progress bar even when not a tty")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--no-cache", action="store_true",
                   help="check every step; read and write no cached outcome")
    g.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="cache directory (default: $GLASSDERIVE_CACHE_DIR, else the user cache "
                        "directory)")
    s.add_argument("--json", action="store_true",
                   help="print one JSON document (every derivation and step) instead of the table")
    s.add_argument("--junit", metavar="FILE", default=None,
                   help="also write a JUnit XML report (a testsuite per derivation, a testcase "
                        "per step) for CI")
    s.set_defaults(func=cmd_verify)

    s = sub.add_parser("latex", help="standalone LaTeX document of a derivation")
    s.add_argument("targets", nargs="+", metavar="NAME|FILE.py",
                   help="a derivation name, or a file/module defining one (then NAME after it "
                        "if it defines several)")
    s.add_argument("-o", "--output", metavar="FILE")
    s.add_argument("--with-report", action="store_true", help="append the verification report")
    s.set_defaults(func=cmd_latex)

    s = sub.add_parser("montecarlo", help="Monte Carlo confirmations: random quartics (Kumar, Procaccia, Singh 2021, "
                                          "P(b2)) or the sea-gull DOS (Parshin, Schober, Gurevich 2007, Eq. 5.6)")
    s.add_argument("model", nargs="?", choices=["quartics", "sea-gull"], default="quartics")
    s.add_argument("--samples", "-n", type=int, default=None,
                   help="quartics (default 1e6) or oscillators (default 1e7)")
    s.add_argument("--seed", type=int, default=20070806)
    s.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--progress", action="store_true",
                   help="a live progress bar even when stderr is not a terminal (default "
                        "there: a line every 30 s)")
    s.set_defaults(func=cmd_montecarlo)

    s = sub.add_parser("specific-heat", help="c(T)/T^3 of soft potentials from their exact "
                                             "levels (Il'in, Karpov, Parshin 1987, Fig. 2)")
    s.add_argument("--distribution", choices=["abs-eta", "flat"], default="abs-eta")
    s.add_argument("--tmin", type=float, default=0.05)
    s.add_argument("--tmax", type=float, default=5.0)
    s.add_argument("--points", type=int, default=25)
    s.add_argument("--grid", type=int, nargs=2, default=None, metavar=("N_ALPHA", "N_BETA"),
                   help="Gauss-Legendre nodes per alpha panel and per beta line (default 12 28)")
    s.add_argument("--no-error-estimate", action="store_true",
                   help="skip the second, coarser quadrature that estimates the error")
    s.add_argument("--jobs", "-j", type=int, default=1)
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--progress", action="store_true",
                   help="a live progress bar even when stderr is not a terminal (default "
                        "there: a line every 30 s)")
    s.set_defaults(func=cmd_specific_heat)

    # further subcommands register here (e.g. ``mutate`` from glassderive/mutate_cli.py)
    from . import mutate_cli, new, numbers
    mutate_cli.add_parser(sub)
    new.add_parser(sub)
    numbers.add_parser(sub)
    from . import simulate
    simulate.add_parser(sub)
    from . import tls_from_path
    tls_from_path.add_parser(sub)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        print("glassderive: --jobs must be >= 1", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
