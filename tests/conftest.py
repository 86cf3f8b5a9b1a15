"""Fixtures shared by the tests: the digits split, loaded once."""

import sys
import textwrap

import pytest

from course import data


@pytest.fixture(scope="session")
def split():
    """Return (X_train, y_train, X_test, y_test) of the shipped digits."""
    return data.load_split()


@pytest.fixture
def plots_dir(tmp_path, monkeypatch):
    """Send every figure of the test to a temporary folder; return that folder."""
    folder = tmp_path / "plots"
    monkeypatch.setattr("course.figures.PLOTS_DIR", folder)
    return folder


@pytest.fixture(autouse=True)
def no_learners_modules_left_behind():
    """Forget the exercises modules a test imported: later tests and their graders start afresh."""
    before = set(learners_modules())
    yield
    for name in set(learners_modules()) - before:
        del sys.modules[name]


@pytest.fixture
def learners_folder(tmp_path, monkeypatch):
    """Return a function writing a learner's lesson file into tmp_path/exercises, the current folder."""
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "__init__.py").write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in learners_modules():
        monkeypatch.delitem(sys.modules, name)  # not the repository's own stubs

    def write(module, source):
        (tmp_path / "exercises" / f"{module}.py").write_text(textwrap.dedent(source))
    return write  # what the test imports is forgotten after it (no_learners_modules_left_behind)


def learners_modules():
    """Return the names of the imported modules of an exercises package."""
    return [name for name in sys.modules if name.split(".")[0] == "exercises"]
