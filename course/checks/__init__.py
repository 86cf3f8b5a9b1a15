"""The checks of the exercises: one module per lesson, shared by pytest and the grader.

A check takes `impl`, anything with the lesson's functions as attributes (the
learner's module `exercises.exN_topic`, or the textbook answer
`course.answers.exN_topic`), and returns a short line saying what it found
right; a wrong answer raises `Mistake` with feedback in the learner's terms.
Where a typical mistake gives a recognisable answer, the check computes that
answer too and names the mistake. Each lesson's module (`course/checks/ex4_cost.py`
...) holds its checks and its PARTS; this package gathers them.
"""

from course.checks import (ex1_data, ex2_logistic, ex3_feedforward, ex4_cost, ex5_backprop,
                           ex6_gradcheck, ex7_training, ex8_evaluation, ex9_fruit,
                           ex10_bias_variance)
from course.checks.common import Mistake, Part

__all__ = ["LESSONS", "PARTS", "Mistake", "Part"]

_LESSON_MODULES = (ex1_data, ex2_logistic, ex3_feedforward, ex4_cost, ex5_backprop,
                   ex6_gradcheck, ex7_training, ex8_evaluation, ex9_fruit, ex10_bias_variance)

# {1: "ex1_data", ...}: the lesson files, named alike in exercises/ and course/answers/
LESSONS = {module.LESSON: module.__name__.rpartition(".")[2] for module in _LESSON_MODULES}

PARTS = tuple(part for module in _LESSON_MODULES for part in module.PARTS)
