"""The README's Python snippets run as written, in order, in one session (as a reader pastes
them), and its two fresh-machine commands are the ones CI runs."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_blocks(text: str):
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_has_python_snippets():
    assert len(python_blocks(README)) >= 3


def test_readme_snippets_run(monkeypatch, tmp_path):
    pytest.importorskip("matplotlib").use("Agg")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__readme__"}
    for i, block in enumerate(python_blocks(README)):
        try:
            exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message says which block
            pytest.fail(f"README python block {i + 1} fails: {type(exc).__name__}: {exc}\n{block}")


def test_readme_commands_are_the_ci_commands():
    bash = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert bash[0].strip().endswith("glassderive verify")
    test_cmd = bash[1].strip()
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_cmd in ci
