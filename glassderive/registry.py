"""Registry of derivations: names -> builders (built on first use, then cached)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable, Dict, List

__all__ = ["register", "list_derivations", "get", "info", "DerivationInfo"]


@dataclass(frozen=True)
class DerivationInfo:
    name: str
    title: str
    paper: str
    equations: str
    builder: Callable


_REGISTRY: Dict[str, DerivationInfo] = {}
_CACHE: Dict[str, object] = {}


def register(name: str, *, title: str, paper: str, equations: str):
    """Decorator: register a function that builds and returns a ``Derivation``."""

    def deco(builder: Callable) -> Callable:
        if name in _REGISTRY and _REGISTRY[name].builder is not builder:
            raise ValueError(f"derivation {name!r} registered twice")
        _REGISTRY[name] = DerivationInfo(name, title, paper, equations, builder)
        return builder

    return deco


def _load() -> None:
    import glassderive.derivations  # noqa: F401  (registers the derivations)


def list_derivations() -> List[str]:
    """Names of the registered derivations, in registration order."""
    _load()
    return list(_REGISTRY)


def info(name: str) -> DerivationInfo:
    _load()
    if not isinstance(name, str):
        raise TypeError(f"derivation name must be a string, got {type(name).__name__}")
    if name not in _REGISTRY:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown derivation {name!r}{hint} (known: {', '.join(_REGISTRY)})")
    return _REGISTRY[name]


def get(name: str):
    """The derivation registered as ``name`` (a ``KeyError`` names the known ones)."""
    meta = info(name)
    if name not in _CACHE:
        d = meta.builder()
        if d.name != name:
            raise RuntimeError(f"builder of {name!r} returned derivation {d.name!r}")
        _CACHE[name] = d
    return _CACHE[name]
