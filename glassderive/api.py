"""Verification of several derivations, sequential or spread over an Executor."""

from __future__ import annotations

import os
from concurrent.futures import Executor, as_completed
from typing import Callable, Iterable, List, Optional, Union

from .registry import get, info, list_derivations

__all__ = ["verify", "verify_one", "open_cache"]

#: what ``cache=`` accepts: None/False (no cache), True (the default directory), a directory,
#: or a ``glassderive.verify.cache.StepCache``
CacheSpec = Union[None, bool, str, "os.PathLike", object]


def open_cache(cache: CacheSpec):
    """The ``StepCache`` that ``cache`` names, or None.

    ``None``/``False``: no cache; ``True``: the default directory (``GLASSDERIVE_CACHE_DIR``, else
    the user cache directory from platformdirs); a ``str``/``PathLike``: that directory; a
    ``StepCache`` (anything with ``get``/``put``): itself.
    """
    if cache is None or cache is False:
        return None
    from glassderive.verify.cache import StepCache

    if cache is True:
        return StepCache()
    if isinstance(cache, (str, os.PathLike)):
        return StepCache(cache)
    if hasattr(cache, "get") and hasattr(cache, "put"):
        return cache
    raise TypeError(f"cache must be None, a bool, a directory or a StepCache, got "
                    f"{type(cache).__name__}")


def _portable(cache: CacheSpec):
    """What a worker process needs to open the same cache: True, a directory (str), or None."""
    if cache is None or cache is False or cache is True:
        return cache or None
    if isinstance(cache, (str, os.PathLike)):
        return os.fspath(cache)
    path = getattr(cache, "path", None)
    if path is None:
        raise TypeError("with an executor, cache must be True, a directory or a StepCache with "
                        "a .path (each worker opens the directory itself)")
    return os.fspath(path)


def report_keys(names, cache) -> dict:
    """Source keys of the named registered derivations (None where none applies; see
    :func:`glassderive.verify.fingerprint.derivation_source_key`); empty without a cache that
    stores whole reports."""
    if cache is None or not hasattr(cache, "get_report"):
        return {}
    from glassderive.verify.fingerprint import derivation_source_key

    return {n: derivation_source_key(n, info(n).builder) for n in names}


def cached_reports(names, cache, keys: dict) -> dict:
    """The stored reports of those named derivations whose source is unchanged: they are not
    built at all (a warm run); the rest go through the step cache."""
    if not keys:
        return {}
    out = {}
    for n in names:
        rep = cache.get_report(n, keys.get(n))
        if rep is not None:
            out[n] = rep
    return out


def store_reports(reports, cache, keys: dict) -> None:
    """Store the complete reports of a run under their source keys (for the next warm run)."""
    for r in reports:
        if keys.get(r.derivation):
            cache.put_report(keys[r.derivation], r)


def verify_one(name: str, cache: CacheSpec = None):
    """Build and verify one derivation (module level, so any executor can pickle it).

    ``cache`` as in :func:`verify` (no cache by default).
    """
    return get(name).verify(cache=open_cache(cache))


def verify(names: Optional[Iterable[str]] = None, executor: Optional[Executor] = None,
           progress: Optional[Callable[[str], None]] = None, cache: CacheSpec = None) -> List:
    """Verify the named derivations (all when ``names`` is None); returns their reports.

    With an ``executor`` (a process pool, or a dask.distributed / Ray executor on a cluster)
    every step that the cache cannot answer is one task ``(derivation, step)`` (see
    :mod:`glassderive.parallel`); reports come back in the order of ``names``.
    ``progress(name)`` is called as each derivation finishes.

    ``cache``: by default (``None``) every step is checked and nothing is written to disk, a
    library call does not touch the user's cache unasked.  ``True`` uses the default cache
    directory (``GLASSDERIVE_CACHE_DIR``, else the platform's user cache dir), a path uses that
    directory, a ``StepCache`` is used as given; a step whose content fingerprint (including the
    steps it uses) has a stored pass/fail outcome is then not re-run, and its ``StepResult`` has
    ``cached=True``.  With an executor each worker opens the same directory (the cache is safe
    under concurrent writers; with an executor only the calling process touches it).  The command line ``glassderive verify`` uses the cache by
    default (``--no-cache`` turns it off).
    """
    names = list(list_derivations() if names is None else names)
    for n in names:
        info(n)  # unknown names fail before any work starts
    store = open_cache(cache)
    keys = report_keys(names, store)
    done = cached_reports(names, store, keys)
    rest = [n for n in names if n not in done]
    if progress:
        for n in done:
            progress(n)
    if executor is None:
        for n in rest:
            done[n] = get(n).verify(cache=store)
            if progress:
                progress(n)
    elif rest:
        # step-level tasks: every uncached step of every derivation is one task, so the workers
        # stay busy behind the longest derivation; the cache is read and written here only
        from .parallel import verify_steps

        done.update((r.derivation, r) for r in
                    verify_steps(rest, executor, cache=store, progress=progress))
    if store is not None:
        store_reports([done[n] for n in rest], store, keys)
    return [done[n] for n in names]
