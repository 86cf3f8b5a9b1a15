"""The package's structure: one job per module, imports that point down a layer, no cycle."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "course"

# Each module's layer; a module imports only from its own layer or those below it.
LAYERS = {
    "foundations": {"course", "paths", "files", "datasets", "weights", "cli", "options"},
    "library": {"nn", "nn_loop", "gradcheck", "lbfgs", "logistic", "evaluate", "augment",
                "images", "tiles", "figures", "training", "fruit_data", "learner", "estimator",
                "foreign", "typeset", "impl", "pictures", "pages", "photomaker",
                "second_photos"},
    "lessons": {"answers", "checks"},
    "programs": {"train", "predict", "display", "grade", "tune", "draw", "optimizers", "fruit",
                 "bench", "bench_images", "start", "data"},
}
ORDER = list(LAYERS)


def module_names():
    """Return the dotted names of every module of the package, without the leading 'course.'."""
    names = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in ("shipped", "stubs"):  # data and the learner's stubs, not the package's code
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "course")
    return sorted(names)


def layer(name):
    """Return the layer of a module: that of its top-level name (checks.ex4_cost is 'lessons')."""
    top = name.split(".")[0]
    found = [index for index, members in enumerate(LAYERS.values()) if top in members]
    assert found, f"course.{name} is in no layer of tests/test_structure.py: add it where it belongs"
    return found[0]


def imports_of(name):
    """Return the package's modules that module `name` imports, anywhere in its code."""
    path = PACKAGE / (name.replace(".", "/") + ".py") if name != "course" else PACKAGE / "__init__.py"
    if not path.is_file():
        path = PACKAGE / name.replace(".", "/") / "__init__.py"
    found = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    lazy = {id(node) for function in ast.walk(tree)  # course.__getattr__ imports on first use
            if isinstance(function, ast.FunctionDef) and function.name == "__getattr__"
            for node in ast.walk(function)}
    for node in ast.walk(tree):
        if id(node) in lazy:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"course.{name}: relative import; name the module in full")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "course":
            module = node.module.removeprefix("course").lstrip(".")
            for alias in node.names:  # `from course import nn` imports course.nn
                candidate = f"{module}.{alias.name}".lstrip(".")
                found.add(candidate if candidate in module_names() else module or "course")
        elif isinstance(node, ast.Import):
            found |= {alias.name.removeprefix("course.") for alias in node.names
                      if alias.name.startswith("course.")}
    return found - {name}


def test_every_import_points_down_or_sideways():
    upward = [f"course.{name} ({ORDER[layer(name)]}) imports course.{other} "
              f"({ORDER[layer(other)]})"
              for name in module_names() for other in imports_of(name)
              if layer(other) > layer(name)]
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    graph = {name: imports_of(name) - {"course"} for name in module_names()}
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for other in sorted(graph.get(name, ())):
            visit(other)
        path.pop()
        done.add(name)

    for name in graph:
        visit(name)


@pytest.mark.parametrize("module, allowed", [
    ("course.cli", {"course", "course.cli"}),
    ("course.paths", {"course", "course.paths"}),
    ("course.learner", {"course", "course.learner"}),
])
def test_foundation_modules_import_nothing_else_of_the_package(module, allowed):
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; "
                               "print(' '.join(m for m in sys.modules if m.split('.')[0] == 'course'))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert set(loaded) == allowed


def test_only_figures_imports_matplotlib_when_loaded():
    """course.figures imports matplotlib with a guard (an MPLBACKEND it does not know would
    stop it); any other module importing it when loaded would come first and skip the guard."""
    for name in module_names():
        path = PACKAGE / (name.replace(".", "/") + ".py")
        if name == "figures" or not path.is_file():
            continue
        top_level = [node for node in ast.parse(path.read_text()).body
                     if isinstance(node, (ast.Import, ast.ImportFrom))]
        modules = [alias.name for node in top_level if isinstance(node, ast.Import)
                   for alias in node.names]
        modules += [node.module or "" for node in top_level if isinstance(node, ast.ImportFrom)]
        assert not [m for m in modules if m.split(".")[0] == "matplotlib"], (
            f"course.{name} imports matplotlib when loaded: take it from course.figures")
