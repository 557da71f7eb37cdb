"""Verification of several derivations, sequential or spread over an Executor."""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Callable, Iterable, List, Optional

from .registry import get, info, list_derivations

__all__ = ["verify", "verify_one"]


def verify_one(name: str):
    """Build and verify one derivation (module level, so any executor can pickle it)."""
    return get(name).verify()


def verify(names: Optional[Iterable[str]] = None, executor: Optional[Executor] = None,
           progress: Optional[Callable[[str], None]] = None) -> List:
    """Verify the named derivations (all when ``names`` is None); returns their reports.

    With an ``executor`` (a process pool, or a dask.distributed / Ray executor on a cluster) each
    derivation is checked as one task; reports come back in the order of ``names``.
    ``progress(name)`` is called as each derivation finishes.
    """
    names = list(list_derivations() if names is None else names)
    for n in names:
        info(n)  # unknown names fail before any work starts
    if executor is None:
        reports = []
        for n in names:
            reports.append(verify_one(n))
            if progress:
                progress(n)
        return reports
    futures = {n: executor.submit(verify_one, n) for n in names}
    reports = {}
    from concurrent.futures import as_completed
    index = {f: n for n, f in futures.items()}
    for f in as_completed(list(futures.values())):
        reports[index[f]] = f.result()
        if progress:
            progress(index[f])
    return [reports[n] for n in names]
