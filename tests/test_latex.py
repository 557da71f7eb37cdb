"""The LaTeX document is one a journal would take: A4 portrait, no line running into the margin
(no "Overfull \\hbox" wider than 1 pt), one vector font family (Latin Modern, T1) and no bitmap
font, primed symbols printed as primes, definitions as ``:=`` and no step shown as "X = X".

The document checks compile with pdflatex (one pass each, in a temporary directory); they skip
only where pdflatex or a package the document loads is not installed.  The checks of the text
itself run everywhere.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

import glassderive
from glassderive import Condition, Derivation, Equivalence, Identity, Kind
from glassderive.cli import main
from glassderive.verify.derivation import _breakable, _tex, _tex_width
from glassderive.verify.report import Report, StepResult

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "examples" / "tls_heat_capacity.py"
NAMES = glassderive.list_derivations()
PACKAGES = ("amsmath.sty", "amssymb.sty", "geometry.sty", "fontenc.sty", "lmodern.sty",
            "t1lmr.fd", "ts1lmr.fd")


def _tex_missing():
    """Why the documents cannot be compiled here, or None."""
    if shutil.which("pdflatex") is None:
        return "pdflatex not installed"
    if shutil.which("kpsewhich") is not None:
        missing = [p for p in PACKAGES
                   if not subprocess.run(["kpsewhich", p], capture_output=True,
                                         text=True).stdout.strip()]
        if missing:
            return f"TeX files not installed: {', '.join(missing)}"
    return None


def compile_tex(tex: str, directory: Path, stem: str) -> dict:
    """One pdflatex pass; the log's overfull lines (pt), missing characters and bitmap fonts."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{stem}.tex").write_text(tex, encoding="utf-8")
    env = dict(os.environ, max_print_line="100000")      # one log line per message
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                           f"{stem}.tex"], cwd=directory, capture_output=True, text=True,
                          timeout=120, env=env)
    log = (directory / f"{stem}.log").read_text(encoding="latin-1")
    pdf = directory / f"{stem}.pdf"
    bitmap = re.findall(r"[\w./-]+\.\d+pk\b|mktexpk", log)
    if pdf.exists() and shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        bitmap += [l for l in fonts.splitlines() if "Type 3" in l]
    return {
        "rc": proc.returncode,
        "out": proc.stdout[-3000:],
        "overfull": [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)",
                                                  log)],
        "missing": re.findall(r"Missing character[^\n]*", log),
        "bitmap": bitmap,
        "pdf": pdf,
    }


def synthetic_report(d: Derivation) -> Report:
    """A report of every step without running the checks: long methods and details with
    every character LaTeX treats specially, one failure, the rest passes."""
    steps = []
    for i, s in enumerate(d.steps):
        bad = i == len(d.steps) // 2
        steps.append(StepResult(
            step=s.name, equation=s.eq, kind=s.kind.value, status="fail" if bad else "pass",
            method="symbolic+numeric (mpmath 40 and 360 digits, 8 points) " * (2 if bad else 1),
            residual=float("inf") if bad else 1.7e-41, tolerance=1e-28,
            detail=("worst at {x: 0.25, y_1: 3} 50% & #1 $5 ^2 ~x <a> |b| \\alpha "
                    "remainder_of_a_rather_long_identifier_without_any_spaces_at_all " * 3),
            uses=tuple(s.uses)))
    return Report(derivation=d.name, steps=steps)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """Every registered derivation without and with a (synthetic) report, and the tutorial
    through the command line without and with --with-report, compiled once."""
    why = _tex_missing()
    if why:
        pytest.skip(why + ": the documents' text is checked, their compilation skipped")
    base = tmp_path_factory.mktemp("latex")
    out = {}
    for name in NAMES:
        d = glassderive.get(name)
        out[name] = compile_tex(d.document(), base / name, "doc")
        out[name + " (report)"] = compile_tex(d.document(synthetic_report(d)), base / name,
                                              "report")
    for flag in ((), ("--with-report",)):
        target = base / f"tutorial{''.join(flag)}" / "doc.tex"
        target.parent.mkdir()
        assert main(["latex", str(TUTORIAL), *flag, "-o", str(target)]) == 0
        key = "tutorial" + (" (report)" if flag else "")
        out[key] = compile_tex(target.read_text(), target.parent, "doc")
    stress = stress_derivation()
    out["stress"] = compile_tex(stress.document(synthetic_report(stress)), base / "stress",
                                "doc")
    return out


KEYS = [n for name in NAMES for n in (name, name + " (report)")] + \
    ["tutorial", "tutorial (report)", "stress"]


@pytest.mark.parametrize("key", KEYS)
def test_compiles_without_overfull_lines_or_bitmap_fonts(compiled, key):
    c = compiled[key]
    assert c["rc"] == 0, c["out"]
    assert c["pdf"].stat().st_size > 1000
    assert max(c["overfull"], default=0.0) <= 1.0, \
        f"{key}: lines too wide by {sorted(c['overfull'], reverse=True)} pt"
    assert not c["missing"], c["missing"][:3]
    assert not c["bitmap"], f"{key}: bitmap fonts {c['bitmap'][:3]}"


# -- the text of the documents (no TeX needed) -----------------------------------------------
@pytest.fixture(scope="module")
def documents():
    return {name: glassderive.get(name).document() for name in NAMES}


def test_a4_portrait_latin_modern(documents):
    for name, tex in documents.items():
        assert "\\usepackage[a4paper,margin=2.5cm]{geometry}" in tex, name
        assert "landscape" not in tex and "a3paper" not in tex, name
        assert "\\usepackage[T1]{fontenc}" in tex and "\\usepackage{lmodern}" in tex, name
        assert tex.count("\\usepackage") == 4, name     # fontenc, lmodern, amsmath, geometry


def test_primed_symbols_are_primes(documents):
    tex = documents["soft-potential-parameters"]
    assert "\\eta'" in tex
    assert "\\text{eta'}" not in tex
    formulas = "\n".join(re.findall(r"^\\gd(?:eq|break)\{(.*)\}$", tex, re.M))
    assert "\\eta'" in formulas and not re.search(r"(?<![\\\w])eta'", formulas)
    eta_p, t_p = sp.Symbol("eta'"), sp.Symbol("t'")
    assert set(_tex(eta_p**2 + t_p).split(" + ")) == {"t'", "\\eta'^{2}"}
    assert _tex(sp.Symbol("omega_0'")) == "\\omega_{0}'"
    assert _tex(sp.Symbol("rho(kappa)")) == "\\rho(\\kappa)"      # a name written as applied
    assert _tex(sp.Symbol("V^ddagger")) == "V^{\\ddagger}"


def test_definitions_are_definitions(documents):
    for name in NAMES:
        d = glassderive.get(name)
        tex = documents[name]
        if d.definitions:
            defs = tex.split("\\section*{Definitions}")[1].split("\\section*{Derivation}")[0]
            assert defs.count(":=") == len(d.definitions), name
            assert defs.count("\\emph{definition}") == len(d.definitions), name
        for line in d.latex().splitlines()[1:1 + len(d.definitions)]:
            assert "&:=" in line and "\\text{definition" in line


def _sides(formula: str):
    """The two sides of a formula's outer "=" (None if it has not exactly one)."""
    parts = re.split(r"\\penalty\d+ =", formula)
    return parts if len(parts) == 2 else None


def test_no_step_shown_as_x_equals_x(documents):
    identical = 0
    for name in NAMES:
        d = glassderive.get(name)
        tex = documents[name]
        for s in d.steps:
            line = s.latex()
            rel = line.split(" && ")[0]
            if "&=" in rel:
                lhs, rhs = rel.split("&=", 1)
                assert lhs.strip() != rhs.strip(), (name, s.name, line)
            if isinstance(s, Identity) and s.lhs == s.rhs and s.lhs_tex == s.rhs_tex:
                identical += 1
                assert rel.lstrip().startswith("&") and ", statement" in line, (name, s.name)
        for body in re.findall(r"^\\gd(?:eq|break)\{(.*)\}$", tex, re.M):
            sides = _sides(body)
            assert not sides or sides[0].strip() != sides[1].strip(), (name, body[:200])
    assert identical > 0      # the built-in derivations have such steps (see glassderive mutate)


def test_statement_marked_in_document(documents):
    tex = documents["wkb-tunneling"]
    assert "\\emph{algebra, statement}" in tex
    assert "A step marked \\emph{statement}" in tex


# -- breaking long formulas ------------------------------------------------------------------
x, y, z = sp.symbols("x y z", positive=True)
A = sp.symbols("a_0:30", positive=True)
LONG = sum(a * x**i for i, a in enumerate(A))


def stress_derivation() -> Derivation:
    """Formulas that no A4 line holds, of every shape the printer rewrites, and long text."""
    d = Derivation("a-rather-long-stress-test-derivation-name-without-spaces",
                   "Stress: " + "long title words " * 8, "nobody", "(1)-(9)",
                   summary="A summary with $x^2$ and a_long_identifier_with_underscores.")
    d.define(sp.Symbol("F'", positive=True), LONG, "a definition with a long text " * 6)
    terms = [sp.Symbol(f"b_{i}", positive=True) * (x + y) ** i for i in range(1, 14)]
    d.add(Identity("long-sum", sp.Add(*terms), sp.expand(sp.Add(*terms)), symbolic=False,
                   eq="(1)", why="a long justification without math " * 8))
    d.add(Identity("long-fraction", LONG / (2 * z), sp.expand(LONG / (2 * z)), eq="(2)",
                   symbolic=False))
    d.add(Identity("long-exponential", sp.exp(-LONG), sp.exp(-LONG), eq="(3)", symbolic=False))
    d.add(Identity("long-root", sp.sqrt(LONG), sp.sqrt(LONG) * 1, eq="(4)", symbolic=False))
    d.add(Identity("long-vector", [[LONG], [LONG + 1]], [[LONG], [LONG + 1]], eq="(5)",
                   symbolic=False))
    d.add(Identity("long-product", (LONG + 1) * (LONG + 2), sp.expand((LONG + 1) * (LONG + 2)),
                   eq="(6)", symbolic=False, kind=Kind.SUBSTITUTION))
    d.add(Identity("long-integral", sp.Integral(sp.exp(-LONG) * x, (x, 0, 1)),
                   sp.Symbol("I", positive=True), eq="(7)", symbolic=False, kind=Kind.INTEGRAL,
                   why="a_very_long_identifier_in_the_justification_" * 3))
    d.add(Identity("long-denominator", x / (1 + LONG), x / (1 + LONG) * 1, eq="(8)",
                   symbolic=False))
    d.add(Equivalence("long-condition", x < 1,
                      Condition(lambda p: p[x] < 1, "a condition stated in many words " * 6,
                                [x]), eq="(9)", domain={x: sp.Interval(0, 2)}))
    d.result("a_rather_long_result_name_with_underscores", LONG, [x, *A],
             description="the long sum " * 10)
    return d


def test_break_points_and_rewrites():
    width = 43.5
    body = _breakable(_tex(LONG, width), width)
    assert body.count("\\penalty") >= 29            # before every + of the outer level
    frac = _tex(LONG / (2 * z), width)
    assert frac.startswith("\\frac{1}{2 z}")         # \frac{1}{den} (num), breakable
    assert _tex(sp.exp(-LONG), width).startswith("\\exp")
    assert "\\sqrt" not in _tex(sp.sqrt(LONG), width)
    assert _tex(x / (1 + LONG), width).endswith("\\right)^{-1}")
    vec = _tex(sp.Matrix([LONG, LONG + 1]), width)
    assert "matrix" not in vec and vec.endswith("^{T}")
    # short formulas are left as SymPy prints them
    assert _tex(sp.exp(x) / 2 + sp.sqrt(y), width) == sp.latex(sp.exp(x) / 2 + sp.sqrt(y))
    prod = _breakable(_tex((LONG + 1) * (LONG + 2), width), width)
    assert prod.count("\\mathopen{\\left(") == 2      # both brackets reopened
    assert _tex_width("x + y") < _tex_width(_tex(LONG))


def test_text_and_names_wrap():
    d = stress_derivation()
    tex = d.document()
    assert "a-\\allowbreak{}rather-\\allowbreak{}long" in tex
    notes = [l for l in tex.splitlines() if l.startswith("\\gdnote")]
    assert len(notes) == 1 + len(d.steps) + 1        # definition, steps, result
    assert not [l for l in notes if "\\text{" in l]  # paragraphs, which wrap
