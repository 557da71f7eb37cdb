"""``glassderive numbers [NAME|FILE.py ...] [--json]``: every quantitative claim in one table.

Each ``NumericValue`` step of a derivation is a number a paper prints (a value, a ratio, an
order of magnitude) together with the inputs it is computed from.  This command lists them
all: the printed value and its stated precision, the value glassderive computes from the
stated inputs, the inputs, and whether the paper's number is reproduced within the precision it
states — with a pointer to ``docs/errata.md`` where the step records an erratum.  It is how a
reader sees on one page what a paper got right.

JSON records (``--json``): ``derivation``, ``label`` (the id of the paper's claim, where the
derivation catalogues its claims with ``Derivation.claim``), ``quantity`` (the step, or the
claim's text), ``equation``, ``printed`` (what the paper prints, as a float), ``claimed`` (the
value the step checks: the printed one, or the corrected one where ``Derivation.printed``
records an erratum), ``precision`` (``"2 digits"``, ``"order of magnitude (±0.5
decades)"``, ``"relative 1e-3"``, ``"exact"``), ``computed`` (float), ``unit``, ``inputs``
(``{symbol: value}`` as strings, or ``{}`` for a value computed by code), ``status``
(``"reproduced"``; ``"erratum"``: the paper's number is wrong and the corrected one is
reproduced; ``"derived"``: the paper prints no number (a curve, a "~"), glassderive derives
one and checks it against an independent computation (``Derivation.derived``);
``"not encoded"``: a catalogued claim no step checks, the note says why;
``"differs"``; ``"error"``), ``residual``, ``tolerance``, ``erratum``
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


def _step_status(res) -> str:
    return {"pass": "reproduced", "fail": "differs"}.get(res.status, "error")


def claims(name: str) -> List[dict]:
    """The records of derivation ``name`` (see the module docstring), each checked now: one
    per ``NumericValue`` step, then one per catalogued claim (``Derivation.claim``) that no
    ``NumericValue`` step carries (checked by other steps, or not encoded)."""
    from glassderive import registry
    from glassderive.verify import NumericValue

    d = registry.get(name)
    catalogue = getattr(d, "claims", [])
    printed = getattr(d, "printed_values", {})
    derived = getattr(d, "derived_values", {})
    labels = {}
    for c in catalogue:
        for s in c["steps"]:
            labels.setdefault(s, []).append(c["label"])
    out = []
    results = {}
    for st in d.steps:
        if not isinstance(st, NumericValue):
            continue
        res = results[st.name] = st.check()
        try:
            computed = _float(st.computed())
        except Exception:  # the check reports the error; the table shows no value
            computed = None
        why = st.why or ""
        status = _step_status(res)
        if st.name in printed:
            value, note = printed[st.name]
            why = f"{why} [printed {value}: {note}]" if note else why
            if status == "reproduced":
                status = "erratum"
        elif st.name in derived:
            why = f"{why} [the paper prints no number: {derived[st.name]}]"
            if status == "reproduced":
                status = "derived"
        erratum = "docs/errata.md" if ("errat" in why.lower() or st.name in printed) else None
        out.append({
            "derivation": name,
            "label": ", ".join(labels.get(st.name, [])),
            "quantity": st.name,
            "equation": st.eq,
            "printed": (None if st.name in derived else
                        _float(printed[st.name][0] if st.name in printed else st.value)),
            "claimed": _float(st.value),
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
    numeric = {st.name for st in d.steps if isinstance(st, NumericValue)}
    for c in catalogue:
        if set(c["steps"]) & numeric:
            continue          # listed with its NumericValue step(s)
        if c["steps"]:
            checks = [d.step(s).check() for s in c["steps"]]
            bad = [r for r in checks if r.status != "pass"]
            status = _step_status(bad[0]) if bad else "reproduced"
            note = f"{c['text']}: checked by {', '.join(c['steps'])}" + \
                (f"; {c['note']}" if c["note"] else "")
            eq = ", ".join(dict.fromkeys(d.step(s).eq for s in c["steps"] if d.step(s).eq))
        else:
            status, eq = "not encoded", ""
            note = f"{c['text']}: {c['note']}"
        out.append({
            "derivation": name, "label": c["label"], "quantity": c["text"], "equation": eq,
            "printed": None, "claimed": None, "precision": "", "computed": None, "unit": "",
            "inputs": {}, "status": status, "residual": None, "tolerance": None,
            "erratum": "docs/errata.md" if "errat" in note.lower() else None, "note": note,
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
        header = ("derivation", "claim", "quantity", "eq.", "printed", "precision", "computed",
                  "unit", "status")
        rows = [(r["derivation"], r["label"], _short(r["quantity"]), r["equation"],
                 _fmt(r["printed"]), r["precision"], _fmt(r["computed"]), r["unit"],
                 r["status"] + (" (erratum)" if r["erratum"] and r["status"] != "erratum"
                                else "")) for r in records]
        widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        count = {k: sum(r["status"] == k for r in records)
                 for k in ("reproduced", "erratum", "derived", "not encoded")}
        n_bad = len(records) - sum(count.values())
        print(f"\n{len(records)} claims: {count['reproduced']} reproduced within the precision "
              f"the paper states, {count['erratum']} corrected (the paper's number is wrong: "
              f"docs/errata.md), {count['derived']} derived where the paper prints no "
              f"number, {count['not encoded']} not encoded (the note says why), "
              f"{n_bad} not reproduced" +
              (" (docs/errata.md says why where marked)" if n_bad else ""))
    return 0 if all(r["status"] in ("reproduced", "erratum", "derived", "not encoded")
                    for r in records) else 1


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def add_parser(subparsers):
    s = subparsers.add_parser("numbers", help="every printed number of the derivations: the "
                                              "paper's value, glassderive's, the status")
    s.add_argument("targets", nargs="*", metavar="NAME|FILE.py",
                   help="derivations (default: all), or files/modules defining them")
    s.add_argument("--json", action="store_true", help="one JSON record per number")
    s.set_defaults(func=cmd_numbers)
    return s
