"""``glassderive new NAME [-o FILE]``: a runnable starting file for a derivation of one's own.

The file verifies as written (``glassderive verify FILE.py``): a tiny worked example (the
Gaussian integral in polar coordinates and the tail of erfc) with one step of each common kind,
and a ``# FILL IN`` comment at each place an author replaces the example by their own.
"""

from __future__ import annotations

import os
import re
import sys

__all__ = ["template", "default_filename", "cmd_new", "add_parser"]

_TEMPLATE = '''"""{title}

Source
    FILL IN: authors, "title", journal volume, pages (year), DOI or arXiv id; the section and
    equations this file derives.

What it derives
    FILL IN: one paragraph in words.  (The example below: the Gaussian integral by the change
    to polar coordinates, its value, and the large-x tail of erfc.)

Key results
    * FILL IN: the results, with their equation labels, e.g.
      int_R exp(-a x^2) dx = sqrt(pi/a)  (1);  erfc(x) ~ exp(-x^2)/(x sqrt(pi)), x -> oo  (3).

Run ``glassderive verify {filename}`` (add ``-v`` for every step), ``glassderive latex
{filename} -o {stem}.tex``, ``glassderive mutate {filename} --limit 4``.  The guide is
docs/authoring.md in the glassderive repository.
"""

import sympy as sp

from glassderive import Asymptotic, Derivation, Identity, Jacobian, Kind, NumericValue

NAME = "{name}"
PAPER = "FILL IN: A. Author, B. Author, Journal 1, 100 (2026)"

# FILL IN: your symbols.  Declare what they are (positive=True, real=True, ...): the numeric
# checks sample each symbol inside these assumptions (and inside a step's domain=).
a, rho = sp.symbols("a rho", positive=True)
x, y = sp.symbols("x y", real=True)
phi = sp.Symbol("phi", real=True)


def build() -> Derivation:
    d = Derivation(
        NAME,
        title="FILL IN: title (the example: the Gaussian integral)",
        paper=PAPER,
        equations="(1)-(3)",                       # FILL IN: the equations covered
        summary="FILL IN: one sentence for the LaTeX document.",
    )
    # every exported result must come from a verified step (d.ref or step=)
    d.require_verified_results = True

    # A change of variables: |d(x, y)/d(rho, phi)| = rho, checked symbolically and by
    # finite differences.  FILL IN: your map and its claimed Jacobian.
    d.add(Jacobian("polar-coordinates", {{x: rho * sp.cos(phi), y: rho * sp.sin(phi)}},
                   [rho, phi], rho, eq="(1a)",
                   domain={{phi: sp.Interval(0, 2 * sp.pi)}},
                   why="polar coordinates"))

    # An integral identity, checked by mpmath quadrature at random a > 0: the square of the
    # Gaussian integral in polar coordinates, with the Jacobian taken by reference from the
    # verified step (d.ref), never retyped.
    jac = d.ref("polar-coordinates")
    d.add(Identity("radial-integral",
                   2 * sp.pi * sp.Integral(jac * sp.exp(-a * rho**2), (rho, 0, sp.oo)),
                   sp.pi / a, eq="(1b)",
                   domain={{a: sp.Interval(sp.Rational(1, 10), 10)}},
                   why="the angular integral gives $2\\\\pi$"))

    # FILL IN: the claimed result.  Changing this constant makes the step fail.
    gaussian = sp.sqrt(sp.pi / a)
    d.add(Identity("gaussian-integral",
                   sp.Integral(sp.exp(-a * x**2), (x, -sp.oo, sp.oo)), gaussian, eq="(1)",
                   domain={{a: sp.Interval(sp.Rational(1, 10), 10)}},
                   why="the square root of (1b)"))
    d.result("gaussian_integral", d.ref("gaussian-integral"), [a],
             domain={{a: sp.Interval.open(0, sp.oo)}},
             description="int_R exp(-a x^2) dx")

    # A number as a paper prints it: digits=3 allows half a unit in the last digit shown.
    d.add(NumericValue("value-at-a-1", d.ref("gaussian-integral"), 1.77, digits=3,
                       at={{a: 1}}, eq="(2)", why="$\\\\sqrt{{\\\\pi}}$ to three digits"))

    # An asymptotic claim with its order: the relative error of the approximation must vanish
    # like x^-2 as x -> oo (the slope is measured on a sequence toward the limit).
    t = sp.Symbol("t", positive=True)
    d.add(Asymptotic("erfc-tail", sp.erfc(t), sp.exp(-t**2) / (t * sp.sqrt(sp.pi)), t, sp.oo,
                     order=2, eq="(3)", kind=Kind.ASYMPTOTIC,
                     why="integration by parts; next term $-1/(2t^2)$"))
    return d
'''


def default_filename(name: str) -> str:
    """``NAME`` with ``-`` replaced by ``_``, plus ``.py``."""
    return name.replace("-", "_") + ".py"


def template(name: str, filename: str) -> str:
    """The starting file for derivation ``name`` saved as ``filename``."""
    stem = os.path.splitext(os.path.basename(filename))[0]
    title = f"FILL IN: what {name} derives (one line)."
    return _TEMPLATE.format(name=name, filename=os.path.basename(filename), stem=stem,
                            title=title)


_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def cmd_new(args) -> int:
    name = args.name
    if not _NAME_RE.match(name) or name.endswith(".py"):
        print(f"glassderive new: {name!r} is not a derivation name: letters, digits, '-', '_' "
              f"and '.', starting with a letter (e.g. my-derivation)", file=sys.stderr)
        return 2
    path = args.output or default_filename(name)
    if os.path.exists(path):
        print(f"glassderive new: {path} exists; not overwriting it (choose another file with "
              f"-o)", file=sys.stderr)
        return 2
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(template(name, path))
    except OSError as exc:
        print(f"glassderive new: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}: check it with  glassderive verify {path} -v", file=sys.stderr)
    return 0


def add_parser(subparsers):
    s = subparsers.add_parser("new", help="write a runnable starting file for a derivation of "
                                          "one's own")
    s.add_argument("name", metavar="NAME", help="the derivation's name, e.g. my-derivation")
    s.add_argument("-o", "--output", metavar="FILE",
                   help="the file to write (default: NAME with - replaced by _, plus .py); an "
                        "existing file is never overwritten")
    s.set_defaults(func=cmd_new)
    return s
