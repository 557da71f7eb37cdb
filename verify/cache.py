"""Incremental verification: step outcomes cached under the hash of their content.

Each step's outcome is stored under :func:`~glassderive.verify.fingerprint.step_fingerprint`
(its expressions, assumptions, tolerances, the fingerprints of the steps it links to, and the
engine version), so an unchanged step is not re-run and a changed step re-runs together with
every step that links to it.  Entries are single JSON files written to a temporary name and
renamed into place (``os.replace`` is atomic), so two concurrent runs never leave a half-written
entry; a file that does not parse, or whose content does not match its key, is ignored with a
warning and overwritten, never trusted.

The directory is ``platformdirs.user_cache_dir("glassderive")`` (override with the environment
variable ``GLASSDERIVE_CACHE_DIR``).
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
import warnings
from dataclasses import asdict
from typing import Optional

from .report import Report, StepResult

__all__ = ["StepCache", "default_cache_dir", "CacheWarning"]

_FORMAT = 1


class CacheWarning(UserWarning):
    """A cache entry could not be read and was ignored."""


def default_cache_dir() -> pathlib.Path:
    env = os.environ.get("GLASSDERIVE_CACHE_DIR")
    if env:
        return pathlib.Path(env)
    try:
        from platformdirs import user_cache_dir
        return pathlib.Path(user_cache_dir("glassderive", appauthor=False))
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return pathlib.Path.home() / ".cache" / "glassderive"


class StepCache:
    """A directory of step outcomes keyed by content hash."""

    def __init__(self, path: Optional[os.PathLike] = None):
        self.path = pathlib.Path(path) if path is not None else default_cache_dir()
        self.hits = 0
        self.misses = 0

    def _file(self, key: str) -> pathlib.Path:
        return self.path / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[StepResult]:
        f = self._file(key)
        try:
            raw = f.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            warnings.warn(f"glassderive cache: cannot read {f} ({exc}); ignored", CacheWarning)
            self.misses += 1
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != _FORMAT or data.get("key") != key:
                raise ValueError("key or format mismatch")
            res = StepResult(**data["result"])
            if res.status != "pass" and res.status != "fail":
                raise ValueError(f"status {res.status!r}")
        except Exception as exc:  # any damage: never trusted
            warnings.warn(f"glassderive cache: corrupted entry {f} ignored ({exc})", CacheWarning)
            self.misses += 1
            return None
        self.hits += 1
        return res

    def put(self, key: str, result: StepResult) -> None:
        if result.status == "error":
            return  # a crash may be transient (memory, interrupt): never cached
        self._write(self._file(key), {"format": _FORMAT, "key": key, "result": asdict(result)})

    # -- whole reports (a warm run builds nothing) ----------------------------------------------
    def _report_file(self, key: str) -> pathlib.Path:
        return self.path / "reports" / f"{key}.json"

    def get_report(self, name: str, key: Optional[str]) -> Optional[Report]:
        """The stored report of derivation ``name`` under its source key, every step marked
        ``cached``; None if absent or damaged (with a warning)."""
        if key is None:
            return None
        f = self._report_file(key)
        try:
            raw = f.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            warnings.warn(f"glassderive cache: cannot read {f} ({exc}); ignored", CacheWarning)
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            if (data.get("format") != _FORMAT or data.get("key") != key
                    or data.get("derivation") != name):
                raise ValueError("key or format mismatch")
            steps = []
            for d in data["steps"]:
                res = StepResult(**d)
                if res.status not in ("pass", "fail"):
                    raise ValueError(f"status {res.status!r}")
                res.uses, res.cached = tuple(res.uses), True
                steps.append(res)
            if not steps:
                raise ValueError("no steps")
        except Exception as exc:  # any damage: never trusted
            warnings.warn(f"glassderive cache: corrupted entry {f} ignored ({exc})", CacheWarning)
            return None
        self.hits += len(steps)
        rep = Report(name, steps)
        rep.seconds = 0.0
        return rep

    def put_report(self, key: Optional[str], report: Report) -> None:
        """Store a complete report (not one with a crashed step) under its source key."""
        if key is None or not report.steps or any(s.status == "error" for s in report.steps):
            return
        self._write(self._report_file(key),
                    {"format": _FORMAT, "key": key, "derivation": report.derivation,
                     "steps": [asdict(s) for s in report.steps]})

    def _write(self, f: pathlib.Path, data: dict) -> None:
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps(data)
            fd, tmp = tempfile.mkstemp(dir=f.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(payload)
                os.replace(tmp, f)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            warnings.warn(f"glassderive cache: cannot write {f} ({exc})", CacheWarning)

    def clear(self) -> None:
        import shutil
        shutil.rmtree(self.path, ignore_errors=True)
