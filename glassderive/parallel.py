"""Step-level parallel verification over any ``concurrent.futures.Executor``.

Verifying derivation by derivation leaves one core idle behind the longest derivation.  Here
every step of every named derivation that the cache cannot answer becomes one task
``(derivation name, step name)``; a worker rebuilds the registered derivation by name (cheap,
cached per process) and checks that step, so the tasks are small, picklable and balanced over
the workers (a process pool here, ``dask.distributed``'s ``Client.get_executor()`` on a cluster).
The cache is read and written only by the calling process.
"""

from __future__ import annotations

import time
from concurrent.futures import Executor, as_completed
from typing import Callable, Dict, List, Optional, Sequence

from .registry import ensure_loaded, get, origin

__all__ = ["check_step", "verify_steps"]


def check_step(name: str, step_name: str, source=None):
    """Check one step of a registered derivation (module level: any executor can pickle it).
    ``source``: the derivation's :func:`~glassderive.registry.origin` (a file or module the
    worker loads first; None for the built-in and plugin ones)."""
    ensure_loaded(source)
    return get(name).step(step_name).check()


def verify_steps(names: Sequence[str], executor: Optional[Executor] = None, cache=None,
                 progress: Optional[Callable[[str], None]] = None,
                 step_progress: Optional[Callable[[str, str], None]] = None) -> List:
    """Reports of the named registered derivations, in order, with uncached steps spread over
    ``executor`` (sequential without one).  ``progress(name)`` is called when a derivation is
    complete, ``step_progress(name, step)`` after every step (cached ones included)."""
    from glassderive.verify.derivation import cached_outcome
    from glassderive.verify.report import Report

    if cache is True:
        from glassderive.verify.cache import StepCache
        cache = StepCache()
    t0 = time.perf_counter()
    plan: Dict[str, list] = {}
    todo = []
    for n in names:
        d = get(n)
        keys: Dict[str, str] = {}
        entries = []
        for s in d.steps:
            key, hit = cached_outcome(s, keys, cache)
            entries.append([s, key, hit])
            if hit is None:
                todo.append((n, s.name))
        plan[n] = entries
    remaining = {n: sum(e[2] is None for e in entries) for n, entries in plan.items()}
    for n, entries in plan.items():
        for s, _, hit in entries:
            if hit is not None and step_progress:
                step_progress(n, s.name)
        if remaining[n] == 0 and progress:
            progress(n)

    def store(n, step_name, res):
        for e in plan[n]:
            if e[0].name == step_name:
                res.uses, res.key = tuple(e[0].uses), e[1]
                e[2] = res
                if cache is not None:
                    cache.put(e[1], res)
        remaining[n] -= 1
        if step_progress:
            step_progress(n, step_name)
        if remaining[n] == 0 and progress:
            progress(n)

    if executor is None:
        for n, st in todo:
            store(n, st, check_step(n, st))
    else:
        # longest derivations first is a fair guess for balance; order of results is restored
        futures = {executor.submit(check_step, n, st, origin(n)): (n, st) for n, st in todo}
        for f in as_completed(list(futures)):
            n, st = futures[f]
            store(n, st, f.result())
    reports = []
    elapsed = time.perf_counter() - t0
    for n in names:
        rep = Report(n)
        rep.steps = [e[2] for e in plan[n]]
        rep.seconds = sum(r.seconds for r in rep.steps if not r.cached)
        reports.append(rep)
    if reports:
        reports[0].wall_seconds = elapsed
    return reports
