"""The house rules the code keeps (issue 17): no import cycle among fitpost's modules, no function
over 60 lines in the components or the batch engines, no possessive quantifier or atomic group in a
regular expression (issue 18), and ruff clean on the code and the tests with the rules in pyproject.toml."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "fitpost"
LONGEST = 60  # lines a function may have in the components and the batch engines


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in SRC.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The fitpost modules ``name`` imports at its top level (imports inside functions are lazy)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        out.update(t for t in targets if t in known and t != name)
    return out


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    # a module's package is imported before it: that edge is no cycle of the code's own making
    graph = {name: {d for d in deps if not name.startswith(d + ".")} for name, deps in graph.items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name):] + [name]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, path + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(SRC.parent)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > LONGEST]


def test_no_long_function_in_the_components_or_the_engines():
    paths = [*SRC.joinpath("components").rglob("*.py"), SRC / "batch.py", SRC / "dask_engine.py", SRC / "engine.py"]
    assert [f for p in paths for f in _long_functions(p)] == []


def test_the_long_function_check_sees_a_long_function(tmp_path):
    long = tmp_path / "fitpost" / "long.py"
    long.parent.mkdir()
    long.write_text("def f():\n" + "    x = 1\n" * LONGEST, encoding="utf-8")
    global SRC
    saved, SRC = SRC, tmp_path / "fitpost"
    try:
        assert len(_long_functions(long)) == 1
    finally:
        SRC = saved


# a possessive quantifier ("a++", "x*+", "(?:ab)?+", "{2,3}+") or an atomic group ("(?>...)"), not after
# a backslash: on Python 3.11.0 to 3.11.4 (Debian 12's python3 is 3.11.2) such patterns give other
# matches (CPython gh-106052); an atomic group is written with a lookahead and a backreference instead
_POSSESSIVE = re.compile(r"(?<!\\)[*+?}]\+|\(\?>")


def _possessive_strings(path: Path) -> list[str]:
    """The string constants of ``path`` (docstrings aside) that hold a possessive quantifier or an atomic group."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and _POSSESSIVE.search(node.value)]


def test_no_possessive_quantifier_or_atomic_group_in_a_pattern():
    assert [s for p in sorted(SRC.rglob("*.py")) for s in _possessive_strings(p)] == []


def test_the_possessive_check_sees_one(tmp_path):
    module = tmp_path / "names.py"
    module.write_text('"""Names: ``a++`` in a docstring is fine."""\nimport re\n'
                      'WORD = re.compile(r"[A-Z][a-z]++")\nRUN = re.compile(r"(?:ab)?+c")\n'
                      'ATOM = re.compile(r"(?>ab|a)c")\nPLUS = re.compile(r"\\++")\n', encoding="utf-8")
    assert len(_possessive_strings(module)) == 3


@pytest.mark.skipif(shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
                    reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_is_clean_on_src_and_tests():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    tests = Path(__file__).parent
    done = subprocess.run([ruff, "check", str(SRC), str(tests)], capture_output=True, text=True, cwd=SRC.parents[1])
    assert done.returncode == 0, done.stdout + done.stderr
