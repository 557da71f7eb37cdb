"""Write docs/coverage.md: every numbered equation of the papers glassderive encodes, and where.

Run from the repository root (the equation catalogs of the papers are read from
``../shared/catalog`` when they are there, for the titles of the equations)::

    python docs/make_coverage.py            # writes docs/coverage.md
    python docs/make_coverage.py --check    # exit 1 if docs/coverage.md is out of date

Each numbered equation is "step" (checked by the steps listed, from their ``eq=`` labels),
"definition" (introduced by ``Derivation.define`` with nothing to check), or "not encoded"
with the reason recorded in :data:`NOT_ENCODED` below.  A numbered equation with none of the
three is an error: the script says which.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
from typing import Dict, List

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOG = ROOT.parent / "shared" / "catalog"

PSG = [f"{c}.{i}" for c, n in ((1, 14), (2, 24), (3, 7), (4, 33), (5, 33), (6, 11), (7, 1))
       for i in range(1, n + 1)]
PAPERS = [
    # key, reference, substring of Derivation.paper, catalog file, numbered equations
    ("Parshin, Schober, Gurevich (2007)",
     "D. A. Parshin, H. R. Schober, V. L. Gurevich, \"Vibrational instability, two-level "
     "systems, and the boson peak in glasses\", Phys. Rev. B 76, 064206 (2007), "
     "doi:10.1103/PhysRevB.76.064206",
     "Parshin, H. R. Schober", "000-parshin-schober-gurevich.md", PSG),
    ("Il'in, Karpov, Parshin (1987)",
     "M. A. Il'in, V. G. Karpov, D. A. Parshin, \"Parameters of soft atomic potentials in "
     "glasses\", Sov. Phys. JETP 65, 165 (1987)",
     "Il'in", "003-ilin-karpov-parshin.md", [str(i) for i in range(1, 14)]),
    ("Kumar, Procaccia, Singh (2021)",
     "A. Kumar, I. Procaccia, M. Singh, \"Density of quasi-localized modes in glasses: where "
     "are the two-level systems?\", arXiv:2102.12368 (2021) (no journal version was found "
     "in the sources searched)",
     "Kumar", "004-kumar-procaccia-singh.md", [str(i) for i in range(1, 13)]),
    ("Lubchenko, Wolynes (2007)",
     "V. Lubchenko, P. G. Wolynes, \"The microscopic quantum theory of low temperature "
     "amorphous solids\", Adv. Chem. Phys. 136, 95-206 (2007), arXiv:cond-mat/0506708",
     "Lubchenko", "002-lubchenko-wolynes.md",
     [str(i) for i in range(1, 83)] + [f"A{i}" for i in range(1, 13)] + ["B1", "B2"]),
]

#: why a numbered equation is not encoded (paper key -> equation -> reason)
_LW_LATER = ("Secs. III.D-VI and Appendices A-B (ripplons and the Boson peak, the plateau, "
             "friction and relaxational absorption, the Black-Halperin paradox, the Grueneisen "
             "parameter): the next Lubchenko-Wolynes issues")
NOT_ENCODED: Dict[str, Dict[str, str]] = {
    "Parshin, Schober, Gurevich (2007)": {
        "2.1": "the definition of the bare DOS g_0 as a sum of delta functions; it enters "
               "through F(k) of (2.20), which is checked",
        "2.5": "the definition omega_i = sqrt(k_i/M_i) of the bare frequencies",
        "2.6": "the small parameter |I| << k_0 of the expansion: an assumption, not a claim",
        "3.3": "the definition of the random static force f_i = I_ij x_j0; its distribution "
               "(3.2) is checked",
        "5.27": "the temperature-weighted DOS of the higher minimum as an integral; its "
                "omega -> 0 form (5.28) and the results (5.29)-(5.33) are checked",
        "7.1": "the definition of the harmonic random-matrix models the conclusions compare "
               "with (Sec. VII); nothing of the paper's chain rests on it",
    },
    "Il'in, Karpov, Parshin (1987)": {},
    "Kumar, Procaccia, Singh (2021)": {},
    "Lubchenko, Wolynes (2007)": {
        **{str(i): "Sec. II: the library construction (2)-(5) and the Narayanaswamy-Moynihan-"
                   "Tool aging law (8) are the RFOT background the paper quotes from Xia and "
                   "Wolynes (2000, 2001); the mosaic chain starts at (6)"
           for i in (2, 3, 4, 5, 8)},
        **{str(i): _LW_LATER for i in range(30, 83)},
        **{f"A{i}": _LW_LATER for i in range(1, 13)},
        "B1": _LW_LATER, "B2": _LW_LATER,
    },
}

_TOKEN = r"(?:\d+\.\d+|\d+|[AB]\d+)[a-z]?"
_RANGE = re.compile(rf"\(({_TOKEN})\)\s*[-\u2013]\s*\(({_TOKEN})\)")
_ONE = re.compile(rf"\(({_TOKEN})\)")


def _base(tok: str) -> str:
    return tok.rstrip("abcdefghijklmnopqrstuvwxyz") if tok[-1].isalpha() and tok[:-1] else tok


def labels(text: str, numbering: List[str]) -> List[str]:
    """The numbered equations a label string names: "(4.26), (4.5)", "(6.1)-(6.11)", ..."""
    out = []
    pos = {e: i for i, e in enumerate(numbering)}
    for a, b in _RANGE.findall(text):
        a, b = _base(a), _base(b)
        if a in pos and b in pos and pos[a] <= pos[b]:
            out += numbering[pos[a]:pos[b] + 1]
    for t in _ONE.findall(text):
        t = _base(t)
        if t in pos:
            out.append(t)
    return list(dict.fromkeys(out))


def titles(catalog: str) -> Dict[str, str]:
    """Short titles of the equations where the catalog gives one ("### Eq. (15) - title")."""
    path = CATALOG / catalog
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(rf"###\s+Eqs?\.\s*\(({_TOKEN})\)[^\u2014]*\u2014\s*(.+)$", line)
        if m:
            out[_base(m.group(1))] = m.group(2).strip()
    return out


def coverage():
    import glassderive

    table = {}
    for key, ref, needle, catalog, numbering in PAPERS:
        where: Dict[str, Dict[str, List[str]]] = {e: {} for e in numbering}
        defined: Dict[str, List[str]] = {e: [] for e in numbering}
        for name in glassderive.list_derivations():
            d = glassderive.get(name)
            if needle not in d.paper:
                continue
            for st in d.steps:
                for e in labels(st.eq or "", numbering):
                    where[e].setdefault(name, []).append(st.name)
            for _sym, _expr, text in d.definitions:
                for e in labels(text or "", numbering):
                    defined[e].append(name)
        table[key] = (ref, catalog, numbering, where, defined)
    return table


def render() -> str:
    lines = ["# Coverage: every numbered equation, and where it is checked", "",
             "Generated by `python docs/make_coverage.py` from the `eq=` labels of the steps and "
             "the definitions of the registered derivations; do not edit by hand.  \"step\": "
             "checked by the steps listed (`glassderive verify NAME`); \"definition\": introduced "
             "with nothing to check; \"not encoded\": the reason.", ""]
    missing = []
    summary = []
    body = []
    for key, (ref, catalog, numbering, where, defined) in coverage().items():
        tt = titles(catalog)
        reasons = NOT_ENCODED.get(key, {})
        counts = {"step": 0, "definition": 0, "not encoded": 0}
        rows = []
        for e in numbering:
            if where[e]:
                status = "step"
                detail = "; ".join(f"`{n}`: " + ", ".join(f"`{s}`" for s in steps[:4]) +
                                   (f" (+{len(steps) - 4})" if len(steps) > 4 else "")
                                   for n, steps in where[e].items())
            elif defined[e]:
                status, detail = "definition", ", ".join(f"`{n}`" for n in
                                                         dict.fromkeys(defined[e]))
            elif e in reasons:
                status, detail = "not encoded", reasons[e].replace("|", "\\|")
            else:
                status, detail = "not encoded", "**no reason recorded**"
                missing.append(f"{key} ({e})")
            counts[status] += 1
            title = tt.get(e, "").replace("|", "\\|")
            rows.append(f"| ({e}) | {title} | {status} | {detail} |")
        summary.append(f"| {key} | {len(numbering)} | {counts['step']} | "
                       f"{counts['definition']} | {counts['not encoded']} |")
        body += [f"## {key}", "", ref, "",
                 "| eq. | title (from the catalog) | status | where / why |",
                 "|---|---|---|---|", *rows, ""]
    lines += ["| paper | numbered equations | checked by steps | definitions | not encoded |",
              "|---|---|---|---|---|", *summary, ""] + body
    return "\n".join(lines), missing


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/coverage.md differs")
    args = ap.parse_args(argv)
    text, missing = render()
    out = ROOT / "docs" / "coverage.md"
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        if not same:
            print("docs/coverage.md is out of date: run python docs/make_coverage.py",
                  file=sys.stderr)
        return 0 if same and not missing else 1
    out.write_text(text, encoding="utf-8")
    if missing:
        print(f"{len(missing)} equations neither encoded nor with a reason: "
              + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
