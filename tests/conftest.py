"""Fixtures shared by the tests: the digits split, loaded once."""

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
