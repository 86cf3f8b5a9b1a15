"""--impl exercises: a program runs the learner's own functions instead of the package's.

The learner's functions come from exercises/ in the current folder (the
lesson files of `python -m course.start DIR`), read by course.learner: what
they raise is one line naming the learner's file, line and code. This module
adds the option itself, refuses functions still left as stubs, and checks the
shape of what they return.
"""

from course import CourseError
from course.learner import (PACKAGE, Mistake, as_array, exercises_folder, learners_function,
                            lesson_path, unstarted_functions, untouched)

CHOICES = ("course", "exercises")


def add_impl_argument(parser, whose, lesson_file):
    """Add --impl course|exercises to parser; `whose` says which functions, from `lesson_file`."""
    parser.add_argument("--impl", choices=CHOICES, default="course",
                        help=f"whose {whose}: the package's, or yours from "
                             f"exercises/{lesson_file} in the current folder (default course)")


def lesson_number(module):
    """Return the lesson number of a lesson file's module name: 3 for "ex3_feedforward"."""
    return int(module.removeprefix("ex").split("_")[0])


def learners_functions(module, names):
    """Return the learner's functions `names` of exercises/MODULE.py, once none is still a stub."""
    path = lesson_path(exercises_folder(), module)
    if not path.is_file():
        raise CourseError(f"--impl exercises: expected your lesson file {PACKAGE}/{path.name} "
                          f"in {path.parent.parent}, got none (python -m course.start DIR "
                          "makes a folder with the exercises; run the program inside DIR)")
    try:
        unstarted = unstarted_functions(path)  # the file read and parsed once
        waiting = [name for name in names if name in unstarted]
    except SyntaxError:
        waiting = []  # learners_function reports it, with its line
    if waiting:
        raise CourseError(f"--impl exercises: {', '.join(waiting)} in {PACKAGE}/{path.name} is "
                          f"still the stub: finish lesson {lesson_number(module)} first "
                          f"(python -m course.grade {lesson_number(module)})")
    return [learners_function(module, name) for name in names]


def learners_answer(function, value, shape, module, refuse_zeros=True, gaps_nan=False):
    """Return the learner's answer `value` of `function` as a float array, its shape checked.

    It must be finite numbers (learner.as_array), bar NaN gaps when gaps_nan;
    refuse_zeros: also refuse an answer all zeros, as the stubs return it
    (learner.untouched).
    """
    name = f"your {function}"
    try:
        array = as_array(name, value, tuple(shape), gaps_nan)
        if refuse_zeros:
            untouched(name, array)
    except Mistake as mistake:
        raise CourseError(f"--impl exercises: {mistake} ({PACKAGE}/{module}.py; python -m "
                          f"course.grade {lesson_number(module)} says more)") from None
    return array
