"""A theorist's own derivation: the public authoring API, ``glassderive verify FILE.py`` /
``DIR`` / ``pkg.module``, ``glassderive new``, plugins, author errors at build time, notebook
display and a paper repository's CI recipe (issue 18)."""

from __future__ import annotations

import ast
import os
import pathlib
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
import sympy as sp

import glassderive
from glassderive import registry

ROOT = pathlib.Path(__file__).resolve().parent.parent

PASSING = '''
import sympy as sp
from glassderive import Derivation, Identity, NumericValue

x = sp.Symbol("x", positive=True)


def build():
    d = Derivation("{name}", "A test derivation", "A. Author, J. Test 1, 1 (2026)", "(1)-(2)")
    d.add(Identity("square", (x + 1)**2, x**2 + 2*x + 1, eq="(1)"))
    d.add(NumericValue("pi", sp.pi, {value}, digits=3, eq="(2)"))
    return d
'''


def write(path: pathlib.Path, name: str, value: str = "3.14") -> pathlib.Path:
    path.write_text(PASSING.format(name=name, value=value))
    return path


def cli(*args, cwd=None, env=None, timeout=300):
    """Run ``python -m glassderive ARGS`` (the installed command's code) in a subprocess."""
    full = dict(os.environ)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "glassderive", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=full, timeout=timeout)


def one_line_error(proc) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    err = proc.stderr.strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    return err


# -- 1. the public API ------------------------------------------------------------------------
PUBLIC = ["Derivation", "Identity", "Jacobian", "Asymptotic", "NumericValue", "Equivalence",
          "Condition", "Extremum", "Dimensions", "Kind", "register", "load", "Report",
          "StepResult", "Result", "Step"]


@pytest.mark.parametrize("name", PUBLIC)
def test_authoring_api_is_importable_from_the_top_level(name):
    obj = getattr(glassderive, name)
    assert name in glassderive.__all__
    assert obj.__doc__, f"{name} has no docstring"


def test_import_glassderive_stays_light():
    code = ("import sys, glassderive; assert 'sympy' not in sys.modules; "
            "from glassderive import Identity; assert 'sympy' in sys.modules; "
            "assert callable(glassderive.verify)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_builtin_derivations_use_only_the_public_authoring_api():
    """What the built-in derivations import from glassderive's engine is what an author can:
    the top-level names (no private engine helpers, no reaching into verify.steps)."""
    for path in sorted((ROOT / "derivations").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module in ("glassderive", "glassderive.verify", "glassderive.registry") \
                        or node.module.startswith("glassderive.verify."):
                    for alias in node.names:
                        ok = (node.module == "glassderive" and alias.name in glassderive.__all__) \
                            or node.module == "glassderive.verify.references"
                        assert ok, f"{path.name} imports {alias.name} from {node.module}"


# -- 2. verify FILE.py / DIR / module -----------------------------------------------------------
def test_verify_file_passes_and_a_wrong_claim_fails(tmp_path):
    good = write(tmp_path / "good.py", "good-one")
    proc = cli("verify", good, "-v", "--no-cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "good-one" in proc.stdout and "PASS  square" in proc.stdout
    bad = write(tmp_path / "bad.py", "bad-one", value="3.41")
    proc = cli("verify", bad, "--no-cache")
    assert proc.returncode == 1
    assert "FAIL  pi" in proc.stdout


def test_verify_file_with_jobs_json_and_cache(tmp_path):
    good = write(tmp_path / "good.py", "pooled-one")
    cache = tmp_path / "cache"
    proc = cli("verify", good, "--jobs", "2", "--json", "--cache-dir", cache)
    assert proc.returncode == 0, proc.stderr
    import json
    doc = json.loads(proc.stdout)
    assert [d["name"] for d in doc["derivations"]] == ["pooled-one"]
    assert doc["derivations"][0]["paper"] == "A. Author, J. Test 1, 1 (2026)"
    assert doc["summary"]["passed"] == 2
    again = json.loads(cli("verify", good, "--json", "--cache-dir", cache).stdout)
    assert again["summary"]["cached"] == 2


def test_verify_file_then_names_selects(tmp_path):
    (tmp_path / "two.py").write_text(textwrap.dedent('''
        import sympy as sp
        from glassderive import Derivation, Identity, register
        x = sp.Symbol("x", positive=True)

        @register("first-of-two", title="t", paper="p", equations="(1)")
        def first():
            d = Derivation("first-of-two", "t", "p", "(1)")
            d.add(Identity("a", x * x, x**2))
            return d

        @register("second-of-two", title="t", paper="p", equations="(2)")
        def second():
            d = Derivation("second-of-two", "t", "p", "(2)")
            d.add(Identity("b", x + x, 3 * x))   # wrong on purpose
            return d
        '''))
    proc = cli("verify", tmp_path / "two.py", "first-of-two", "--no-cache")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "second-of-two" not in proc.stdout
    proc = cli("verify", tmp_path / "two.py", "--no-cache")
    assert proc.returncode == 1 and "second-of-two" in proc.stdout
    # latex of a file with two derivations needs the name
    err = one_line_error(cli("latex", tmp_path / "two.py"))
    assert "first-of-two" in err and "second-of-two" in err
    proc = cli("latex", tmp_path / "two.py", "first-of-two")
    assert proc.returncode == 0 and "\\begin{document}" in proc.stdout


def test_verify_module_name(tmp_path):
    pkg = tmp_path / "mypaper"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    write(pkg / "derivs.py", "module-one")
    proc = cli("verify", "mypaper.derivs", "--no-cache", env={"PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "module-one" in proc.stdout
    err = one_line_error(cli("verify", "mypaper.nothere", env={"PYTHONPATH": str(tmp_path)}))
    assert "mypaper.nothere" in err and "does not import" in err


@pytest.mark.parametrize("case", ["missing", "syntax", "raises", "empty", "not-a-derivation"])
def test_verify_file_user_errors_are_one_line(tmp_path, case):
    path = tmp_path / f"{case}.py"
    if case == "syntax":
        path.write_text("def build(:\n    pass\n")
    elif case == "raises":
        path.write_text("import nonexistent_package_xyz\n")
    elif case == "empty":
        path.write_text("x = 1\n")
    elif case == "not-a-derivation":
        path.write_text("def build():\n    return 42\n")
    err = one_line_error(cli("verify", path))
    assert str(path) in err
    expected = {"missing": "no such file", "syntax": "SyntaxError", "raises": "does not import",
                "empty": "defines no derivation", "not-a-derivation": "not a glassderive"}[case]
    assert expected in err


def test_mutate_and_list_take_a_file(tmp_path):
    good = write(tmp_path / "good.py", "mutated-one")
    proc = cli("mutate", good, "--limit", "1", "--timeout", "60")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "square" in proc.stdout
    proc = cli("list", good)
    assert proc.returncode == 0
    assert "mutated-one" in proc.stdout and f"file {good}" in proc.stdout


@pytest.fixture
def clean_registry():
    """Derivations loaded by a test leave the process's registry as they found it."""
    registry.list_derivations()   # the built-in ones are part of the state to restore
    saved = (dict(registry._REGISTRY), dict(registry._CACHE), dict(registry._LOADED_ORIGINS))
    yield
    for store, old in zip((registry._REGISTRY, registry._CACHE, registry._LOADED_ORIGINS), saved):
        store.clear()
        store.update(old)


def test_load_in_python(tmp_path, clean_registry):
    good = write(tmp_path / "inpython.py", "in-python")
    assert glassderive.load(good) == ["in-python"]
    assert glassderive.load(good) == ["in-python"]  # loading twice is harmless
    d = glassderive.get("in-python")
    assert d.verify().ok
    assert registry.info("in-python").source == f"file {good}"
    with pytest.raises(registry.LoadError, match="no such file"):
        glassderive.load(tmp_path / "absent.py")


def test_a_file_clashing_with_a_builtin_name_names_both(tmp_path):
    clash = write(tmp_path / "clash.py", "wkb-tunneling")
    clash.write_text(clash.read_text().replace("def build():", textwrap.dedent('''
        from glassderive import register


        @register("wkb-tunneling", title="t", paper="p", equations="(1)")
        def build():''').strip("\n")))
    err = one_line_error(cli("verify", clash))
    assert "built-in (glassderive.derivations.wkb_tunneling)" in err
    assert f"file {clash}" in err


# -- 3. plugins -------------------------------------------------------------------------------
def _plugin(tmp_path, dist: str, module: str, body: str) -> pathlib.Path:
    src = tmp_path / f"src-{dist}"
    (src / module).mkdir(parents=True)
    (src / "pyproject.toml").write_text(textwrap.dedent(f'''
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "0.1"

        [project.entry-points."glassderive.derivations"]
        {module} = "{module}"

        [tool.setuptools]
        packages = ["{module}"]
        '''))
    (src / module / "__init__.py").write_text(body)
    target = tmp_path / f"site-{dist}"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--no-build-isolation", "--no-index", "--target", str(target),
                           str(src)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 and "setuptools" in proc.stderr and "No module" in proc.stderr:
        pytest.skip("setuptools is not installed (the [test] extra brings it)")
    assert proc.returncode == 0, proc.stderr
    return target


def test_an_installed_plugin_is_listed_and_verified(tmp_path):
    site = _plugin(tmp_path, "gd-plugin-demo", "gd_plugin_demo",
                   PASSING.format(name="plugin-demo", value="3.14"))
    env = {"PYTHONPATH": str(site)}
    proc = cli("list", env=env)
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("plugin-demo"))
    assert "plugin gd-plugin-demo 0.1" in line
    assert "wkb-tunneling" in proc.stdout  # the built-in ones are still there
    proc = cli("verify", "plugin-demo", "--no-cache", "--jobs", "2", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "plugin-demo" in proc.stdout


def test_a_plugin_clashing_with_a_builtin_is_an_error_naming_both(tmp_path):
    body = PASSING.format(name="sea-gull-dos", value="3.14").replace(
        "def build():", "from glassderive import register\n\n\n"
        "@register('sea-gull-dos', title='t', paper='p', equations='(1)')\ndef build():")
    site = _plugin(tmp_path, "gd-plugin-clash", "gd_plugin_clash", body)
    err = one_line_error(cli("list", env={"PYTHONPATH": str(site)}))
    assert "'sea-gull-dos' is defined twice" in err
    assert "built-in (glassderive.derivations.sea_gull_dos)" in err
    assert "plugin gd-plugin-clash 0.1" in err


# -- 4. glassderive new ----------------------------------------------------------------------
def test_new_writes_a_file_that_verifies_and_fails_when_edited(tmp_path):
    proc = cli("new", "my-derivation", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "my_derivation.py"
    text = path.read_text()
    assert "FILL IN" in text and '"""' in text.splitlines()[0]
    proc = cli("verify", path, "--no-cache", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "my-derivation" in proc.stdout
    # the claimed constant changed: the step that states it fails
    claim = "gaussian = sp.sqrt(sp.pi / a)"
    assert claim in text
    bad = tmp_path / "edited.py"
    bad.write_text(text.replace(claim, "gaussian = sp.sqrt(2 * sp.pi / a)"))
    proc = cli("verify", bad, "--no-cache", "-v", cwd=tmp_path)
    assert proc.returncode == 1
    assert "FAIL  gaussian-integral" in proc.stdout
    # never overwrites; -o chooses the file
    err = one_line_error(cli("new", "my-derivation", cwd=tmp_path))
    assert "exists" in err
    proc = cli("new", "other", "-o", "sub_other.py", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "sub_other.py").exists()
    one_line_error(cli("new", "bad name!", cwd=tmp_path))


def test_new_template_mutation_score_is_complete(tmp_path):
    proc = cli("new", "mutant-target", cwd=tmp_path)
    assert proc.returncode == 0
    proc = cli("mutate", tmp_path / "mutant_target.py", "--limit", "2", "--probe",
               "--timeout", "60", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- 5. author errors at build time -----------------------------------------------------------
x = sp.Symbol("x", positive=True)
y = sp.Symbol("y")   # no assumptions


def fresh():
    return glassderive.Derivation("author-errors", "t", "p", "(1)")


def test_error_free_symbol_without_domain():
    with pytest.raises(ValueError, match=r"derivation 'author-errors': step 'a': symbol y has "
                                         r"no domain.*domain="):
        fresh().add(glassderive.Identity("a", y**2, y * y))


def test_error_empty_interval():
    with pytest.raises(ValueError, match=r"'author-errors'.*step 'b'.*domain of x is empty"):
        fresh().add(glassderive.Identity("b", x**2, x * x, domain={x: sp.Interval(2, 1)}))


def test_error_assumption_no_point_satisfies_names_it():
    with pytest.raises(ValueError, match=r"step 'c'.*the condition x > 2 alone holds nowhere"):
        fresh().add(glassderive.Identity("c", x**2, x * x, domain={x: sp.Interval(0, 1)},
                                         where=sp.And(x > sp.Rational(1, 2), x > 2)))


def test_error_asymptotic_limit_outside_the_assumptions():
    with pytest.raises(ValueError, match=r"step 'd'.*limit x -> 0 lies outside"):
        fresh().add(glassderive.Asymptotic("d", sp.sin(x), x, x, 0, order=2,
                                           domain={x: sp.Interval(1, 2)}))
    with pytest.raises(ValueError, match=r"limit x -> -oo lies outside the assumptions"):
        fresh().add(glassderive.Asymptotic("d2", sp.sin(x), x, x, -sp.oo, order=2))


@pytest.mark.parametrize("claim", ["x*x", lambda t: t * t, object()],
                         ids=["string", "callable", "object"])
def test_error_claim_not_a_sympy_expression(claim):
    with pytest.raises(TypeError, match=r"step 'e'.*(string|callable|SymPy expression)"):
        glassderive.Identity("e", x**2, claim)


def test_error_link_to_a_missing_step():
    d = fresh()
    d.add(glassderive.Identity("ok", x**2, x * x))
    with pytest.raises(ValueError, match=r"'author-errors'.*ref\('nope'\).*does not exist"):
        d.ref("nope")
    with pytest.raises(ValueError, match=r"'author-errors'.*uses 'nope', which is not an "
                                         r"earlier step"):
        d.add(glassderive.Identity("g", x**2, x * x), uses=["nope"])


def test_error_two_steps_with_one_name():
    d = fresh()
    d.add(glassderive.Identity("ok", x**2, x * x))
    with pytest.raises(ValueError, match=r"'author-errors': two steps named 'ok'"):
        d.add(glassderive.Identity("ok", x**3, x * x * x))


def test_error_dimension_missing_at_build_time():
    from sympy.physics.units import length
    with pytest.raises(ValueError, match=r"step 'dm': no dimension given for y"):
        fresh().add(glassderive.Dimensions("dm", x * y, length, dims={x: length}))


def test_error_bad_names():
    with pytest.raises(TypeError, match="step's name"):
        glassderive.Identity(3, x, x)
    with pytest.raises(ValueError, match="without spaces"):
        glassderive.Derivation("two words", "t", "p", "(1)")
    with pytest.raises(TypeError, match="add\\(\\) takes a step"):
        fresh().add(x**2)


def test_author_error_in_a_file_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text(textwrap.dedent('''
        import sympy as sp
        from glassderive import Derivation, Identity
        y = sp.Symbol("y")

        def build():
            d = Derivation("broken-one", "t", "p", "(1)")
            d.add(Identity("needs-domain", y**2, y * y))
            return d
        '''))
    err = one_line_error(cli("verify", path))
    assert str(path) in err and "symbol y has no domain" in err and "'broken-one'" in err


# -- 6. notebook display ----------------------------------------------------------------------
def test_rich_display_of_derivation_and_report():
    d = glassderive.get("wkb-tunneling")
    assert len(repr(d)) < 200 and "16 steps" in repr(d)
    html = d._repr_html_()
    assert "WKB" in html and "\\begin{align*}" in html and "Parshin" in html
    assert d._repr_latex_().startswith("$$\\begin{align*}")
    bad = d.corrupt("wkb-action")
    rep = bad.verify()
    assert not rep.ok
    r = repr(rep)
    assert r.startswith("<Report 'wkb-tunneling': FAILED") and len(r) < 200
    table = rep._repr_html_()
    rows = table.split("<tr>")[2:]
    assert "FAIL" in rows[0] and "wkb-action" in rows[0]  # failures first
    assert table.count("<tr>") == len(rep.steps) + 1


# -- 8. a paper repository's CI -------------------------------------------------------------
def test_paper_repository_ci_recipe(tmp_path):
    """docs/authoring.md's recipe: ``glassderive verify derivations/ --junit report.xml`` on a
    directory with one passing and one failing file."""
    folder = tmp_path / "derivations"
    folder.mkdir()
    write(folder / "passing.py", "repo-passing")
    write(folder / "failing.py", "repo-failing", value="2.72")
    (folder / "_helpers.py").write_text("HELPER = 1\n")   # skipped: leading underscore
    report = tmp_path / "report.xml"
    proc = cli("verify", "derivations/", "--junit", "report.xml", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    root = ET.parse(report).getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"repo-passing", "repo-failing"}
    assert suites["repo-passing"].get("failures") == "0"
    assert suites["repo-failing"].get("failures") == "1"
    failing = [c.get("name") for c in suites["repo-failing"].iter("testcase")
               if c.find("failure") is not None]
    assert failing == ["pi"]
    # only the passing file: exit 0
    proc = cli("verify", "derivations/passing.py", "--junit", "ok.xml", cwd=tmp_path)
    assert proc.returncode == 0
    assert ET.parse(tmp_path / "ok.xml").getroot().get("failures") == "0"
