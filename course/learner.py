"""The learner's lesson files: where they are, which are started, where their code failed.

The learner works in `exercises/` of the current folder (`python -m course.start
DIR` makes a fresh copy). A lesson's functions are read from a package given
either by name (`course.answers`, importable as any package) or by its folder
(the learner's `exercises/`), which is then imported from that very folder,
whatever else Python could find under the same name. What the learner's
functions return is checked by as_array and untouched, for the grader and for
--impl exercises alike: a Mistake says what is wrong with it.
"""

import ast
import functools
import importlib
import importlib.util
import os
import sys
import traceback
from pathlib import Path

import numpy as np

from course import CourseError

PACKAGE = "exercises"      # the learner's folder, and the name its files import each other by
MARKER = "YOUR CODE HERE"  # the stubs' line below which the learner writes


class Mistake(Exception):
    """A wrong answer; its message is the feedback shown to the learner."""


def as_array(name, value, shape, gaps_nan=False):
    """Return value as a float array after checking its shape and that it is finite.

    gaps_nan: NaN marks gaps (tile_images' grid) and is allowed, but not everywhere.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"{name} should be an array of numbers of shape {shape}, "
                      f"got {type(value).__name__}") from None
    if array.shape != shape:
        raise Mistake(f"{name} should have shape {shape}, got {array.shape}")
    if gaps_nan and np.isnan(array).all():
        raise Mistake(f"{name} is NaN everywhere: expected numbers where the digits go, got none")
    if not gaps_nan and np.isnan(array).any():
        raise Mistake(f"{name} contains NaN: look for 0/0, or log of 0 (the cost takes "
                      "log(h) and log(1 - h): h must stay strictly between 0 and 1)")
    if np.isinf(array).any():
        raise Mistake(f"{name} contains infinite values: log(0) or a division by 0?")
    return array


def untouched(name, value):
    """Raise a Mistake when value is still the placeholder the stub returns (all zeros)."""
    if not np.any(np.asarray(value)):
        raise Mistake(f"{name} is still all zeros, as the stub returns it: "
                      "is your code below the YOUR CODE HERE line?")


def exercises_folder(cwd=None):
    """Return the learner's exercises/ folder in cwd (default: the current folder).

    Raises a CourseError saying how to get one when there is none.
    """
    cwd = Path.cwd() if cwd is None else Path(cwd)
    folder = cwd / PACKAGE
    fresh_copy = ("run python -m course.start DIR to get a fresh copy, then run the grader "
                  "inside DIR")
    if not folder.is_dir():
        raise CourseError(f"no {PACKAGE}/ folder in {cwd}: {fresh_copy}")
    if not (folder / "__init__.py").is_file():
        raise CourseError(f"{folder}: expected the file __init__.py of the lessons' package, "
                          f"got none: {fresh_copy}")
    return folder


def lesson_path(package, module):
    """Return the path of the file of lesson `module` (e.g. "ex4_cost") in `package`.

    package : the Path of a folder holding the lesson files, or the name of an
        importable package such as "course.answers"
    """
    if isinstance(package, Path):
        return package / f"{module}.py"
    spec = importlib.util.find_spec(f"{package}.{module}")
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"no file {module}.py in the package {package}")
    return Path(spec.origin)


def import_lesson(package, module):
    """Return the module of lesson `module` in `package` (a folder's Path or a package name)."""
    if isinstance(package, Path):
        _import_package_from(package)
        package = package.name
    return importlib.import_module(f"{package}.{module}")


def _import_package_from(folder):
    """Import the package in `folder` under the folder's name, unless that very package is imported.

    Its files can then import each other by that name (`from exercises.ex4_cost
    import ...`), whether or not the folder's parent is on sys.path.
    """
    folder = folder.resolve()
    loaded = sys.modules.get(folder.name)
    if loaded is not None:
        where = [Path(path).resolve() for path in getattr(loaded, "__path__", [])]
        if folder not in where:
            raise CourseError(f"{folder}: expected to import the package {folder.name} from "
                              f"here, got the one in {', '.join(map(str, where)) or '?'}, "
                              "already imported")
        return
    spec = importlib.util.spec_from_file_location(
        folder.name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    package = importlib.util.module_from_spec(spec)
    sys.modules[folder.name] = package
    try:
        spec.loader.exec_module(package)
    except BaseException:
        del sys.modules[folder.name]
        raise


def forget_package(name):
    """Remove the package `name` and its modules from sys.modules: the next import reads its files."""
    for module in [module for module in sys.modules if module.split(".")[0] == name]:
        del sys.modules[module]


def unstarted_functions(path):
    """Return the names of the functions in `path` whose YOUR CODE HERE part holds no code.

    The part runs from the marker line to the next line made only of '# ===',
    or to the end of the function; comments and blank lines do not count.
    """
    source = Path(path).read_bytes()  # parsed as bytes: in the encoding Python imports it in
    lines = source.decode("utf-8", errors="replace").splitlines()
    unstarted = set()
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = lines[node.lineno - 1:node.end_lineno]
        starts = [i for i, line in enumerate(body) if MARKER in line]
        if not starts:
            continue
        code = []
        for line in body[starts[0] + 1:]:
            stripped = line.strip()
            if stripped.startswith("# ===") and set(stripped[1:].strip()) == {"="}:
                break
            if stripped and not stripped.startswith("#"):
                code.append(stripped)
        if not code:
            unstarted.add(node.name)
    return unstarted


def describe_error(error, folder):
    """Return one line naming the error and the line of the learner's code (in folder) raising it."""
    if isinstance(error, SyntaxError) and error.filename:
        return (f"{Path(error.filename).name} line {error.lineno}: SyntaxError: {error.msg}: "
                f"{(error.text or '').strip()}")
    folder = Path(folder).resolve()
    frames = traceback.extract_tb(error.__traceback__)
    mine = [frame for frame in frames if Path(frame.filename).resolve().parent == folder]
    text = f"{type(error).__name__}: {error}".strip().replace("\n", " ")
    if mine:
        frame = mine[-1]
        return f"{Path(frame.filename).name} line {frame.lineno}: {frame.line} -> {text}"
    return f"{text} (raised before your code ran)"


def learners_function(module, name, cwd=None):
    """Return the learner's function `name` of lesson `module`, from exercises/ in cwd.

    What it raises, and what importing its file raises, becomes a CourseError of
    one line naming the learner's file, line and code, as the grader says it.
    """
    folder = exercises_folder(cwd)
    here = os.getcwd()
    try:
        function = getattr(import_lesson(folder, module), name)
    except (Exception, SystemExit) as error:  # the learner's file does not import: where, why
        raise CourseError(f"{PACKAGE}/{module}.py: {describe_error(error, folder)}") from None
    finally:
        os.chdir(here)

    @functools.wraps(function)
    def reported(*args, **kwargs):
        here = os.getcwd()  # where the program saves what it makes, whatever the code visits
        try:
            return function(*args, **kwargs)
        except Exception as error:  # the learner's code raised: show where, and why
            raise CourseError(f"your {name} raised: {describe_error(error, folder)}") from None
        except SystemExit as error:  # sys.exit() would end the program as if all went well
            raise CourseError(f"your {name} ended the program: {describe_error(error, folder)}; "
                              "a function returns its answer instead") from None
        finally:
            os.chdir(here)
    return reported
