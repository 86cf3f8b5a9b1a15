"""Checks of your answers: `python -m pytest exercises`, or one lesson: `... -k lesson4`.

The same checks as `python -m course.grade`, each part in a process of its own
with a time limit; a failing part says what is wrong.
"""

from pathlib import Path

import pytest

from course.checks import PARTS
from course.grade import run_part

EXERCISES = Path(__file__).resolve().parent  # this folder: your files


@pytest.mark.parametrize("part", PARTS, ids=lambda part: f"lesson{part.lesson}-{part.number}")
def test_part(part):
    outcome = run_part(part, EXERCISES, quiet=False)
    assert outcome.passed, f"{part.number} {part.name}: {outcome.feedback}"
