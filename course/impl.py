"""--impl exercises: a program runs the learner's own functions instead of the package's.

The learner's functions come from exercises/ in the current folder (the
lesson files of `python -m course.start DIR`). An error raised by them, or an
answer of the wrong shape, is reported as one line that names the function,
its lesson, and the grader command that says more.
"""

import functools
import importlib
from pathlib import Path

import numpy as np

from course import CourseError

CHOICES = ("course", "exercises")
PACKAGE = "exercises"  # the learner's folder, in the current folder


def add_impl_argument(parser, whose, lesson_file):
    """Add --impl course|exercises to parser; `whose` says which functions, from `lesson_file`."""
    parser.add_argument("--impl", choices=CHOICES, default="course",
                        help=f"whose {whose}: the package's, or yours from "
                             f"exercises/{lesson_file} in the current folder (default course)")


def lesson_number(module):
    """Return the lesson number of a lesson file's module name: 3 for "ex3_feedforward"."""
    return int(module.removeprefix("ex").split("_")[0])


def learners_functions(module, names):
    """Return the learner's functions `names` of exercises/MODULE.py, their errors made one line.

    Each returned function raises a CourseError naming itself when the
    learner's code raises.
    """
    if not (Path.cwd() / PACKAGE / f"{module}.py").is_file():
        raise CourseError(f"--impl exercises: expected your lesson file {PACKAGE}/{module}.py in "
                          f"{Path.cwd()}, got none (python -m course.start DIR makes a folder "
                          "with the exercises; run the program inside DIR)")
    try:
        lesson = importlib.import_module(f"{PACKAGE}.{module}")
    except Exception as error:  # the learner's file: a syntax error, an import that fails
        raise CourseError(f"--impl exercises: your {PACKAGE}/{module}.py cannot be imported: "
                          f"{type(error).__name__}: {error} "
                          f"(python -m course.grade {lesson_number(module)} says more)") from error
    return [_one_line_errors(getattr(lesson, name), module) for name in names]


def _one_line_errors(function, module):
    """Return `function` whose exceptions become a CourseError naming it and its lesson."""
    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as error:  # the learner's code: say whose, and where to learn more
            raise CourseError(f"--impl exercises: your {function.__name__} "
                              f"({PACKAGE}/{module}.py) raised {type(error).__name__}: {error} "
                              f"(python -m course.grade {lesson_number(module)} says more)"
                              ) from error
    return wrapped


def learners_answer(function, value, shape, module, refuse_zeros=True):
    """Return the learner's answer `value` of `function` as an array after checking its shape.

    refuse_zeros: also refuse an answer still all zeros, as the stubs return it.
    """
    array = np.asarray(value)
    more = f"(python -m course.grade {lesson_number(module)} says more)"
    where = f"--impl exercises: your {function} ({PACKAGE}/{module}.py)"
    if array.shape != tuple(shape):
        raise CourseError(f"{where} returned shape {array.shape}, expected {tuple(shape)} {more}")
    if refuse_zeros and not np.any(array):
        raise CourseError(f"{where} returned all zeros, as the stub does: finish lesson "
                          f"{lesson_number(module)} first {more}")
    return array
