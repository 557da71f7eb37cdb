"""Timing of ``glassderive verify`` with the incremental cache: cold, warm, one edited step.

Run:  python benchmarks/verify_timing.py [--jobs 1 2] [--repeats 3] [--cold-repeats 1]
                                         [--edit DERIVATION:STEP] [--root DIR]
                                         [--output benchmarks/verify_timing.md]

Every run is the real command line (``python -m glassderive verify --json``) in a subprocess, on
all registered derivations, with its cache in a fresh temporary directory (the user's cache is
never touched).  For each ``--jobs`` value:

* cold: an empty cache directory (every step checked, outcomes written): run
  ``--cold-repeats`` times (each in a fresh directory; median), it is the expensive one;
* warm: the same directory again (every step from the cache): median of ``--repeats``;
* edited: the cache entries of one step and of every step that uses it (directly or through
  others) are removed before each run, and the stored whole report of its derivation, which is
  what an edit of that step costs (its fingerprint and those of its users change, and the
  derivation's source key: the derivation is built again): median of ``--repeats``.  The step is ``--edit``, by default
  two: "typical", the step of median cost in the cold profile among those other steps use, and
  "slowest", the slowest step of the cold profile.

By default the benchmark runs a snapshot of the source taken at its start (copied to a temporary
directory and put first on ``PYTHONPATH``), so that edits to the working tree while it runs
(which change the engine version, hence every fingerprint) cannot turn a warm run cold;
``--live`` runs the working tree itself.  ``--root DIR`` takes the snapshot from another
checkout of the repository (``git worktree add``, ``git archive``): the engine of one commit
against the derivations of another, or a clean tree while the working tree is being edited.

Everything in ``--output`` from the line ``<!-- history -->`` on (hand-written records of
earlier runs) is kept; the generated tables replace what is above it.

Wall seconds are measured around the subprocess, CPU seconds (user + system, the pool's
workers included) from ``resource.getrusage(RUSAGE_CHILDREN)``.  The cold ``--jobs 1`` run also
gives the per-step profile (``StepResult.seconds``); the 10 slowest steps are listed.  The table
goes to stdout and to ``--output``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


#: the package layout (see pyproject.toml: the subpackages live in top-level directories)
_LAYOUT = {"glassderive": "glassderive", "verify": "glassderive/verify",
           "derivations": "glassderive/derivations", "numeric": "glassderive/numeric"}
_SRC = None  # the snapshot's PYTHONPATH entry, or None to run the working tree


def snapshot(dest: pathlib.Path, root: pathlib.Path = ROOT) -> pathlib.Path:
    """Copy the package's source (``*.py``) of the checkout ``root`` into ``dest`` in its
    installed layout."""
    for src, rel in _LAYOUT.items():
        target = dest / rel
        target.mkdir(parents=True, exist_ok=True)
        for f in (root / src).glob("*.py"):
            shutil.copy2(f, target / f.name)
    return dest


def run_verify(cache_dir: pathlib.Path, jobs: int) -> dict:
    """One ``glassderive verify --json`` of every derivation: wall, cpu, and the document."""
    cmd = [sys.executable, "-m", "glassderive", "verify", "--no-progress", "--json",
           "--jobs", str(jobs), "--cache-dir", str(cache_dir)]
    env = dict(os.environ, GLASSDERIVE_CACHE_DIR=str(cache_dir))
    cwd = ROOT
    if _SRC is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(_SRC), *filter(None, [env.get("PYTHONPATH")])])
        cwd = _SRC
    c0, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    doc = json.loads(proc.stdout)
    return {"wall": wall, "cpu": cpu, "doc": doc, "rc": proc.returncode}


def _steps(doc):
    for d in doc["derivations"]:
        for s in d["steps"]:
            yield d["name"], s


def dependents(doc, deriv: str, step: str) -> list:
    """``step`` and every step of ``deriv`` that uses it, directly or through others."""
    steps = next(d["steps"] for d in doc["derivations"] if d["name"] == deriv)
    closure = [step]
    for s in steps:  # steps only use earlier ones: one pass in order is enough
        if s["name"] != step and any(u in closure for u in s["uses"]):
            closure.append(s["name"])
    return closure


def pick_edit(doc) -> tuple:
    used = {(d, u) for d, s in _steps(doc) for u in s["uses"]}
    pool = [(s["seconds"] or 0.0, d, s["name"]) for d, s in _steps(doc) if (d, s["name"]) in used]
    pool = pool or [(s["seconds"] or 0.0, d, s["name"]) for d, s in _steps(doc)]
    pool.sort()
    _, d, n = pool[len(pool) // 2]
    return d, n


def drop_entries(cache_dir: pathlib.Path, doc, deriv: str, names) -> int:
    keys = {s["key"] for d, s in _steps(doc) if d == deriv and s["name"] in names}
    n = 0
    for k in keys:
        f = cache_dir / k[:2] / f"{k}.json"
        if f.exists():
            f.unlink()
            n += 1
    # an edit changes the derivation's source, hence its stored whole report: drop it too, so
    # that the run builds the derivation and asks the step cache, as after a real edit
    for f in (cache_dir / "reports").glob("*.json"):
        try:
            if json.loads(f.read_text()).get("derivation") == deriv:
                f.unlink()
        except (OSError, ValueError):
            pass
    return n


def _cpu_model() -> str:
    """The CPU model from /proc/cpuinfo (``platform.processor()`` is empty on Linux)."""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--edit", metavar="DERIVATION:STEP", default=None)
    ap.add_argument("--output", default=str(ROOT / "benchmarks" / "verify_timing.md"))
    ap.add_argument("--live", action="store_true",
                    help="run the working tree, not a snapshot of it taken at the start")
    ap.add_argument("--root", default=None,
                    help="take the snapshot from this checkout instead of the working tree")
    ap.add_argument("--cold-repeats", type=int, default=1,
                    help="cold runs per --jobs value (fresh cache each; median)")
    args = ap.parse_args(argv)
    global _SRC
    root = pathlib.Path(args.root).resolve() if args.root else ROOT

    load0 = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    rows, profile, edits, engines, notes = [], None, None, set(), []
    with tempfile.TemporaryDirectory(prefix="glassderive-bench-") as tmp:
        if not args.live:
            _SRC = snapshot(pathlib.Path(tmp) / "src", root)
            check = subprocess.run([sys.executable, "-c", "import glassderive.verify as v; "
                                    "print(v.__file__)"], capture_output=True, text=True,
                                   env=dict(os.environ, PYTHONPATH=str(_SRC)), cwd=_SRC)
            if not check.stdout.startswith(str(_SRC)):
                raise RuntimeError(f"the snapshot is not the imported package: {check.stdout}"
                                   f"{check.stderr}")
        for jobs in args.jobs:
            colds = []
            for i in range(max(1, args.cold_repeats)):
                cache_dir = pathlib.Path(tmp) / f"jobs{jobs}-{i}"
                print(f"jobs={jobs}: cold ...", file=sys.stderr, flush=True)
                colds.append(run_verify(cache_dir, jobs))
            cold = dict(colds[-1], wall=statistics.median(r["wall"] for r in colds),
                        cpu=statistics.median(r["cpu"] for r in colds))
            doc = cold["doc"]
            engines.add(doc["engine_version"])
            if cold["rc"]:
                notes.append(f"cold run with --jobs {jobs} reported failures (exit 1)")
            if profile is None:
                profile = doc
            if edits is None:
                if args.edit:
                    edits = [("step", tuple(args.edit.split(":", 1)))]
                else:
                    slowest = max(_steps(doc), key=lambda ds: ds[1]["seconds"] or 0)
                    edits = [("typical", pick_edit(doc)), ("slowest",
                                                           (slowest[0], slowest[1]["name"]))]
            rows.append(("cold", jobs, len(colds), cold["wall"], cold["cpu"],
                         doc["summary"]["cached"], doc["summary"]["steps"]))
            warm = []
            for _ in range(args.repeats):
                print(f"jobs={jobs}: warm ...", file=sys.stderr, flush=True)
                warm.append(run_verify(cache_dir, jobs))
                engines.add(warm[-1]["doc"]["engine_version"])
            rows.append(("warm", jobs, len(warm), statistics.median(r["wall"] for r in warm),
                         statistics.median(r["cpu"] for r in warm),
                         min(r["doc"]["summary"]["cached"] for r in warm),
                         doc["summary"]["steps"]))
            for label, target in edits:
                names = dependents(doc, *target)
                edited = []
                for _ in range(args.repeats):
                    print(f"jobs={jobs}: edited {target[0]}:{target[1]} ...", file=sys.stderr,
                          flush=True)
                    drop_entries(cache_dir, doc, target[0], names)
                    edited.append(run_verify(cache_dir, jobs))
                    engines.add(edited[-1]["doc"]["engine_version"])
                rows.append((f"edited {label} ({len(names)} steps re-run)", jobs, len(edited),
                             statistics.median(r["wall"] for r in edited),
                             statistics.median(r["cpu"] for r in edited),
                             min(r["doc"]["summary"]["cached"] for r in edited),
                             doc["summary"]["steps"]))
    if len(engines) > 1:
        notes.append(f"the engine version changed during the benchmark ({sorted(engines)}): "
                     f"verify/*.py was edited meanwhile, so some warm runs were not warm")

    lines = [
        "# `glassderive verify` timing: cold, warm and edited-step cache",
        "",
        f"Generated by `python benchmarks/verify_timing.py` on {started.isoformat()}.",
        "",
        f"* machine: {platform.platform()}, {platform.machine()}, {_cpu_model()}; "
        f"`os.cpu_count()` = {os.cpu_count()}; Python {platform.python_version()}",
        f"* load average at start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f} "
        f"(shared machine: the numbers include contention)",
        f"* engine version: {', '.join(sorted(engines))}; "
        f"{profile['summary']['derivations']} derivations, {profile['summary']['steps']} steps",
        *[f"* edited step ({label}): `{e[0]}:{e[1]}` (cold "
          f"{next(s['seconds'] for d, s in _steps(profile) if (d, s['name']) == e):.2f} s) "
          f"and the steps using it: {', '.join(dependents(profile, *e)[1:]) or 'none'}"
          for label, e in edits],
        f"* source: {'the working tree (--live)' if args.live else 'a snapshot of the working tree taken at the start' if root == ROOT else 'a snapshot of another checkout (--root)'}",
        "* wall and CPU seconds of the whole command (interpreter start, building every "
        "derivation, checks); CPU includes the pool's workers; median over the repeats",
        "",
        "| run | --jobs | repeats | wall s | CPU s | steps from cache |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for what, jobs, n, wall, cpu, cached, total in rows:
        lines.append(f"| {what} | {jobs} | {n} | {wall:.2f} | {cpu:.2f} | {cached}/{total} |")
    lines += ["", "## Cold run per derivation (`--jobs %d`)" % args.jobs[0], "",
              "| derivation | steps | seconds (sum of steps) |", "|---|---:|---:|"]
    for d in profile["derivations"]:
        lines.append(f"| {d['name']} | {len(d['steps'])} | "
                     f"{sum(s['seconds'] or 0 for s in d['steps']):.2f} |")
    slow = sorted(_steps(profile), key=lambda ds: -(ds[1]["seconds"] or 0))[:10]
    lines += ["", "## The 10 slowest steps (cold, `StepResult.seconds`)", "",
              "| # | derivation | step | kind | method | seconds |", "|---:|---|---|---|---|---:|"]
    for i, (d, s) in enumerate(slow, 1):
        lines.append(f"| {i} | {d} | {s['name']} | {s['kind']} | {s['method']} | "
                     f"{s['seconds']:.2f} |")
    total = sum(s["seconds"] or 0 for _, s in _steps(profile))
    top = sum(s["seconds"] or 0 for _, s in slow)
    lines += ["", f"The 10 slowest steps take {top:.1f} s of the {total:.1f} s spent in checks "
                  f"({100 * top / total:.0f} %)." if total else ""]
    if notes:
        lines += ["", "Notes:", ""] + [f"* {n}" for n in notes]
    text = "\n".join(lines) + "\n"
    out = pathlib.Path(args.output)
    history = ""
    if out.exists():
        old = out.read_text(encoding="utf-8")
        if "<!-- history -->" in old:
            history = "\n" + old[old.index("<!-- history -->"):]
    out.write_text(text + history, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
