"""The exercises and their grader: reference passes, stubs fail, mistakes get named."""

import re
from pathlib import Path
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from course import checks, grade, nn
from course.checks import PARTS, Mistake

TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def mistakes_package():
    """Make tests/learner_mistakes importable as the package 'learner_mistakes'."""
    sys.path.insert(0, str(TESTS_DIR))
    yield "learner_mistakes"
    sys.path.remove(str(TESTS_DIR))


def test_every_part_passes_on_the_reference():
    outcomes = grade.grade(impl="reference")
    assert [outcome.part.number for outcome in outcomes if not outcome.passed] == []
    assert sum(outcome.score for outcome in outcomes) == 10 * len(PARTS)


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.number)
def test_every_check_fails_on_the_untouched_stub(part):
    path = grade.exercise_path(part.lesson)
    if not set(part.functions) <= grade.unstarted_functions(path):
        pytest.skip(f"exercises/{path.name} has been started: its stub is not untouched")
    passed, feedback = grade.check_part(part, "exercises")  # the check itself, run anyway
    assert not passed and feedback
    outcome = grade.run_part(part)
    assert not outcome.passed and outcome.feedback.startswith("not started: write ")


def test_the_stubs_run_and_return_the_right_shapes():
    from exercises import ex3_feedforward, ex4_cost, ex5_backprop

    W1, W2 = np.zeros((25, 401)), np.zeros((10, 26))
    assert ex3_feedforward.feed_forward(W1, W2, np.zeros((7, 400))).shape == (7, 10)
    J, grad = ex5_backprop.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10,
                                            np.zeros((7, 400)), np.arange(7), 1.0)
    assert J == 0.0 and grad.shape == (10285,)
    assert ex4_cost.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10, np.zeros((7, 400)),
                                     np.arange(7), 1.0)[1].shape == (10285,)


EXPECTED_FEEDBACK = {
    "1.1": "your image is the digit's transpose",
    "1.2": "you filled the grid column by column",
    "2.1": "you regularized theta[0], the bias",
    "2.2": "you regularized theta[0], the bias",
    "2.3": "labels are shifted by one",
    "2.4": "every label is one too high",
    "3.1": "ex3_feedforward.py line 9: return sigmoid(a2 @ W2.T) -> ValueError: matmul",
    "3.2": "every label is one too high",
    "4.2": "you regularized the bias columns",
    "5.1": "you computed z * (1 - z)",
    "5.2": "your code ended the process (exit code 3)",
    "5.3": "you took sigmoid_gradient of a2",
    "6.1": "contains NaN",
    "7.1": "hint: nn_cost_function returns (J, grad): pass jac=True",
    "8.1": "ex8_evaluation.py line 8: C[t, p] += 1 -> IndexError",
    "8.2": "stopped after 8 s without an answer",
    "9.1": "safe and poisonous are swapped",
}


def test_typical_mistakes_get_their_feedback_through_the_grader(mistakes_package):
    outcomes = {part.number: grade.run_part(part, mistakes_package,
                                            seconds=8 if part.number == "8.2" else None)
                for part in PARTS}  # 8.2 loops forever: a short time limit
    assert outcomes["4.1"].passed  # the bias mistake does not show without lambda
    for number, expected in EXPECTED_FEEDBACK.items():
        assert not outcomes[number].passed, number
        assert expected in outcomes[number].feedback, (number, outcomes[number].feedback)
    assert "a2 = [1, g(z2)] is (m, 26)" in outcomes["3.1"].feedback  # the hint


def test_the_grader_table_and_exit_code(mistakes_package, capsys):
    outcomes = grade.grade([1], impl=mistakes_package)
    grade.print_table(outcomes)
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["part", "name", "score", "feedback"]
    assert table[1].startswith("1.1   row_to_image") and " 0/10  -- " in table[1]
    assert table[-1].split()[:2] == ["total", "0/20"]
    assert grade.main(["--reference", "8"]) == 0
    if grade.unstarted_functions(grade.exercise_path(1)) == {"row_to_image", "tile_images"}:
        assert grade.main(["1"]) == 1


def direct(function_name, function):
    """Return a namespace offering one (mistaken) function, as a learner's module would."""
    return SimpleNamespace(**{function_name: function})


def cost_without_m(params, *sizes_x_y_lambda):
    J, grad = nn.nn_cost_function(params, *sizes_x_y_lambda)
    return J * len(sizes_x_y_lambda[4]), grad


@pytest.mark.parametrize("number, namespace, expected", [
    ("2.1", direct("lr_cost_function", lambda t, X, y, l: (
        checks.logistic.lr_cost_function(t, X, y, 0.0))), "regularization term is missing"),
    ("4.1", direct("nn_cost_function", cost_without_m), "you forgot to divide by m"),
    ("5.2", direct("rand_initialize_weights", lambda l_in, l_out, rng: np.zeros((l_out, l_in))),
     "should have shape (l_out, 1 + l_in) = (25, 401)"),
    ("5.2", direct("rand_initialize_weights",
                   lambda l_in, l_out, rng: np.full((l_out, 1 + l_in), 0.1)),
     "break the symmetry"),
    ("6.1", direct("compute_numerical_gradient", lambda J, t, epsilon=1e-4: np.array(
        [(J(t + epsilon * e) - J(t)) / epsilon for e in np.eye(len(t))])), "one-sided"),
    ("8.2", direct("accuracy_per_class", lambda t, p, n=10: np.diag(
        checks.evaluate.confusion_matrix(t, p, n)) / np.bincount(p, minlength=n)), "precision"),
])
def test_more_typical_mistakes_are_named(number, namespace, expected):
    part = next(part for part in PARTS if part.number == number)
    with pytest.raises(Mistake, match=re.escape(expected)):
        part.check(namespace)


def test_pytest_exercises_runs_the_same_checks():
    if grade.unstarted_functions(grade.exercise_path(1)) != {"row_to_image", "tile_images"}:
        pytest.skip("lesson 1 has been started")
    done = subprocess.run([sys.executable, "-m", "pytest", str(grade.EXERCISES_DIR), "-q",
                           "-k", "lesson1", "-p", "no:cacheprovider"],
                          capture_output=True, text=True, cwd=TESTS_DIR.parent)
    assert done.returncode == 1
    assert "2 failed" in done.stdout
    assert "not started: write row_to_image in exercises/ex1_data.py" in done.stdout


def test_train_with_the_learners_code_refuses_unfinished_lessons(capsys):
    from course import train

    if grade.unstarted_functions(grade.exercise_path(5)) == set():
        pytest.skip("lesson 5 has been started")
    assert train.main(["--impl", "exercises", "--maxiter", "2", "--out", "unused.npz"]) == 1
    assert "finish lessons 4 and 5 first" in capsys.readouterr().err


def test_train_with_the_learners_code_needs_the_gradient_check_the_grader_asks(monkeypatch):
    import exercises.ex5_backprop as lesson5
    from course import gradcheck, nn, train

    def slightly_wrong(*args):  # relative difference about 1e-7: between the old 1e-6 and 1e-9
        J, grad = nn.nn_cost_function(*args)
        return J, grad * (1 + 2e-7)

    monkeypatch.setattr(lesson5, "nn_cost_function", slightly_wrong)
    assert gradcheck.TOLERANCE < gradcheck.check_nn_gradients(3.0, slightly_wrong) < 1e-6
    with pytest.raises(ValueError, match="fails the gradient check .* expected below 1e-09"):
        train.learners_cost_function()
    monkeypatch.setattr(lesson5, "nn_cost_function", nn.nn_cost_function)
    assert train.learners_cost_function() is nn.nn_cost_function
