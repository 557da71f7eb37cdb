"""``glassderive numbers [NAME|FILE.py ...] [--json]``: every quantitative claim in one table.

Each ``NumericValue`` step of a derivation is a number a paper prints (a value, a ratio, an
order of magnitude) together with the inputs it is computed from.  This command lists them
all: the printed value and its stated precision, the value glassderive computes from the
stated inputs, the inputs, and whether the paper's number is reproduced within the precision it
states — with a pointer to ``docs/errata.md`` where the step records an erratum.  It is how a
reader sees on one page what a paper got right.

JSON records (``--json``): ``derivation``, ``quantity`` (the step), ``equation``, ``printed``
(the claimed value as a float), ``precision`` (``"2 digits"``, ``"order of magnitude (±0.5
decades)"``, ``"relative 1e-3"``, ``"exact"``), ``computed`` (float), ``unit``, ``inputs``
(``{symbol: value}`` as strings, or ``{}`` for a value computed by code), ``status``
(``"reproduced"`` / ``"differs"`` / ``"error"``), ``residual``, ``tolerance``, ``erratum``
(``"docs/errata.md"`` or null) and ``note`` (the step's justification).
"""

from __future__ import annotations

import json
import math
import sys
from typing import List

__all__ = ["claims", "cmd_numbers", "add_parser"]


def _precision(step) -> str:
    if step.magnitude:
        return f"order of magnitude (±{step.band:g} decades)"
    if step.digits is not None:
        return f"{step.digits} digit{'s' if step.digits > 1 else ''}"
    if step.abs_tol is not None:
        return f"absolute {step.abs_tol:g}"
    if step.rel_tol is not None and step.rel_tol > 1e-20:
        return f"relative {step.rel_tol:g}"
    return "exact"


def _float(x):
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def claims(name: str) -> List[dict]:
    """The records of every ``NumericValue`` step of derivation ``name`` (see the module
    docstring), each checked now."""
    from glassderive import registry
    from glassderive.verify import NumericValue

    d = registry.get(name)
    out = []
    for st in d.steps:
        if not isinstance(st, NumericValue):
            continue
        res = st.check()
        try:
            computed = _float(st.computed())
        except Exception:  # the check reports the error; the table shows no value
            computed = None
        why = st.why or ""
        erratum = "docs/errata.md" if "errat" in why.lower() else None
        status = {"pass": "reproduced", "fail": "differs"}.get(res.status, "error")
        out.append({
            "derivation": name,
            "quantity": st.name,
            "equation": st.eq,
            "printed": _float(st.value),
            "precision": _precision(st),
            "computed": computed,
            "unit": getattr(st, "unit", "") or "",
            "inputs": ({} if st.func is not None else
                       {str(k): str(v) for k, v in st.at.items()}),
            "status": status,
            "residual": _float(res.residual),
            "tolerance": _float(res.tolerance),
            "erratum": erratum,
            "note": why,
        })
    return out


def _fmt(v) -> str:
    if v is None:
        return "-"
    return f"{v:.4g}"


def cmd_numbers(args) -> int:
    from .cli import resolve_targets

    names = resolve_targets(args.targets, "numbers")
    if names is None:
        return 2
    records = []
    for n in names:
        try:
            records += claims(n)
        except Exception as exc:
            print(f"glassderive numbers: {n}: {type(exc).__name__}: {' '.join(str(exc).split())}",
                  file=sys.stderr)
            return 2
    if args.json:
        json.dump(records, sys.stdout, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        header = ("derivation", "quantity", "eq.", "printed", "precision", "computed", "unit",
                  "status")
        rows = [(r["derivation"], r["quantity"], r["equation"], _fmt(r["printed"]),
                 r["precision"], _fmt(r["computed"]), r["unit"],
                 r["status"] + (" (erratum)" if r["erratum"] else "")) for r in records]
        widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        n_bad = sum(r["status"] != "reproduced" for r in records)
        print(f"\n{len(records)} printed numbers; {len(records) - n_bad} reproduced within the "
              f"precision the paper states, {n_bad} not" +
              (" (docs/errata.md says why where marked)" if n_bad else ""))
    return 0 if all(r["status"] == "reproduced" for r in records) else 1


def add_parser(subparsers):
    s = subparsers.add_parser("numbers", help="every printed number of the derivations: the "
                                              "paper's value, glassderive's, the status")
    s.add_argument("targets", nargs="*", metavar="NAME|FILE.py",
                   help="derivations (default: all), or files/modules defining them")
    s.add_argument("--json", action="store_true", help="one JSON record per number")
    s.set_defaults(func=cmd_numbers)
    return s
