"""The exercises and their grader: reference passes, stubs fail, mistakes get named."""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from course import CourseError, evaluate, grade, gradcheck, learner, logistic, nn
from course.checks import LESSONS, PARTS, Mistake
from course.checks.ex5_backprop import check_backprop, gradient_variants

TESTS_DIR = Path(__file__).resolve().parent
EXERCISES = TESTS_DIR.parent / "exercises"       # the stubs, as a learner gets them
MISTAKES = TESTS_DIR / "learner_mistakes"        # typical wrong answers, one file per lesson


def stub(lesson):
    """Return the module of a lesson's stub in exercises/."""
    return learner.import_lesson(EXERCISES, LESSONS[lesson])


def started(lesson, functions):
    """Return True when some of `functions` of the lesson's stub have been written."""
    path = learner.lesson_path(EXERCISES, LESSONS[lesson])
    return not set(functions) <= learner.unstarted_functions(path)


def test_every_part_passes_on_the_reference():
    outcomes = grade.grade(None, grade.ANSWERS)
    assert [outcome.part.number for outcome in outcomes if not outcome.passed] == []
    assert sum(outcome.score for outcome in outcomes) == 10 * len(PARTS)


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.number)
def test_every_check_fails_on_the_untouched_stub(part):
    if started(part.lesson, part.functions):
        pytest.skip(f"exercises/{LESSONS[part.lesson]}.py has been started: not untouched")
    passed, feedback = grade.check_part(part, EXERCISES)  # the check itself, run anyway
    assert not passed and feedback
    outcome = grade.run_part(part, EXERCISES)
    assert not outcome.passed and outcome.feedback.startswith("not started: write ")


def test_the_stubs_run_and_return_the_right_shapes():
    ex3_feedforward, ex4_cost, ex5_backprop = stub(3), stub(4), stub(5)
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
    "10.1": "that is the error on the whole training set",
    "10.2": "you reported the regularized cost",
    "10.3": "you chose lambda 0: the training error always prefers the least regularization",
}


def test_typical_mistakes_get_their_feedback_through_the_grader():
    outcomes = {part.number: grade.run_part(part, MISTAKES,
                                            seconds=8 if part.number == "8.2" else None)
                for part in PARTS}  # 8.2 loops forever: a short time limit
    assert outcomes["4.1"].passed  # the bias mistake does not show without lambda
    for number, expected in EXPECTED_FEEDBACK.items():
        assert not outcomes[number].passed, number
        assert expected in outcomes[number].feedback, (number, outcomes[number].feedback)
    assert "a2 = [1, g(z2)] is (m, 26)" in outcomes["3.1"].feedback  # the hint


def test_a_part_needing_a_stopped_part_is_not_run(monkeypatch):
    ran = []

    def stopped_at_its_limit(part, impl, seconds=None, quiet=True):
        ran.append(part.number)
        return grade.Outcome(part, False, "stopped after 60 s without an answer", stopped=True)

    monkeypatch.setattr(grade, "run_part", stopped_at_its_limit)
    outcomes = grade.grade([6], MISTAKES)
    assert ran == ["6.1"]  # 6.2 needs 6.1: it would wait its 60 s too
    assert outcomes[1].feedback == ("not run: 6.1, which it needs (both parts check your "
                                    "compute_numerical_gradient), was stopped at its time "
                                    "limit: fix 6.1 first")


def test_the_grader_table_and_exit_code(capsys, monkeypatch):
    outcomes = grade.grade([1], MISTAKES)
    grade.print_table(outcomes)
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["part", "name", "score", "feedback"]
    assert table[1].startswith("1.1   row_to_image") and " 0/10  -- " in table[1]
    assert table[-1].split()[:2] == ["total", "0/20"]
    assert grade.main(["--reference", "8"]) == 0
    monkeypatch.chdir(EXERCISES.parent)
    if not started(1, ["row_to_image", "tile_images"]):
        assert grade.main(["1"]) == 1


def direct(function_name, function):
    """Return a namespace offering one (mistaken) function, as a learner's module would."""
    return SimpleNamespace(**{function_name: function})


def cost_without_m(params, *sizes_x_y_lambda):
    J, grad = nn.nn_cost_function(params, *sizes_x_y_lambda)
    return J * len(sizes_x_y_lambda[4]), grad


@pytest.mark.parametrize("number, namespace, expected", [
    ("2.1", direct("lr_cost_function", lambda t, X, y, l: (
        logistic.lr_cost_function(t, X, y, 0.0))), "regularization term is missing"),
    ("4.1", direct("nn_cost_function", cost_without_m), "you forgot to divide by m"),
    ("5.2", direct("rand_initialize_weights", lambda l_in, l_out, rng: np.zeros((l_out, l_in))),
     "should have shape (l_out, 1 + l_in) = (25, 401)"),
    ("5.2", direct("rand_initialize_weights",
                   lambda l_in, l_out, rng: np.full((l_out, 1 + l_in), 0.1)),
     "break the symmetry"),
    ("6.1", direct("compute_numerical_gradient", lambda J, t, epsilon=1e-4: np.array(
        [(J(t + epsilon * e) - J(t)) / epsilon for e in np.eye(len(t))])), "one-sided"),
    ("8.2", direct("accuracy_per_class", lambda t, p, n=10: np.diag(
        evaluate.confusion_matrix(t, p, n)) / np.bincount(p, minlength=n)), "precision"),
])
def test_more_typical_mistakes_are_named(number, namespace, expected):
    part = next(part for part in PARTS if part.number == number)
    with pytest.raises(Mistake, match=re.escape(expected)):
        part.check(namespace)


@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_each_backpropagation_mistake_gets_its_own_feedback(lambda_):
    sizes, W1, W2, X, y = gradcheck.debug_problem()
    variants = gradient_variants(W1, W2, X, y, lambda_)
    assert len(variants) == (11 if lambda_ else 6)
    for hint, grad in variants.items():  # none is the right gradient, nor another's
        with pytest.raises(Mistake, match=re.escape(hint)):
            check_backprop(direct("nn_cost_function", lambda *args, grad=grad: (0.0, grad)),
                           lambda_)


def test_pytest_exercises_runs_the_same_checks():
    if started(1, ["row_to_image", "tile_images"]):
        pytest.skip("lesson 1 has been started")
    done = subprocess.run([sys.executable, "-m", "pytest", "exercises", "-q",
                           "-k", "lesson1-", "-p", "no:cacheprovider"],
                          capture_output=True, text=True, cwd=EXERCISES.parent)
    assert done.returncode == 1
    assert "2 failed" in done.stdout
    assert "not started: write row_to_image in exercises/ex1_data.py" in done.stdout


def test_train_with_the_learners_code_refuses_unfinished_lessons(capsys):
    from course import train

    if started(5, ["sigmoid_gradient", "rand_initialize_weights", "nn_cost_function"]):
        pytest.skip("lesson 5 has been started")
    assert train.main(["--impl", "exercises", "--maxiter", "2", "--out", "unused.npz"]) == 1
    assert "is still the stub: finish lesson 5 first" in capsys.readouterr().err


def test_train_with_the_learners_code_needs_the_gradient_check_the_grader_asks(monkeypatch):
    from course import gradcheck, train

    lesson5 = stub(5)  # the module train imports as exercises.ex5_backprop
    monkeypatch.setattr("course.impl.unstarted_functions", lambda path: set())  # "written"

    def slightly_wrong(*args):  # relative difference about 1e-7: between the old 1e-6 and 1e-9
        J, grad = nn.nn_cost_function(*args)
        return J, grad * (1 + 2e-7)

    monkeypatch.setattr(lesson5, "nn_cost_function", slightly_wrong)
    assert gradcheck.TOLERANCE < gradcheck.check_nn_gradients(3.0, slightly_wrong) < 1e-6
    with pytest.raises(ValueError, match="fails the gradient check .* expected below 1e-09"):
        train.learners_cost_function()
    monkeypatch.setattr(lesson5, "nn_cost_function", nn.nn_cost_function)
    on_one_thread = train.learners_cost_function()  # on one BLAS thread, its errors reported
    assert on_one_thread.__wrapped__.__wrapped__ is nn.nn_cost_function


ANSWER_8 = '''
import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    C = np.zeros((num_labels, num_labels), dtype=int)
    # ========================= YOUR CODE HERE =========================
    np.add.at(C, (y_true, y_pred), 1)
    # ==================================================================
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    # ========================= YOUR CODE HERE =========================
    C = confusion_matrix(y_true, y_pred, num_labels)
    return np.diag(C) / C.sum(axis=1)
    # ==================================================================
'''


@pytest.fixture
def learners_folder(tmp_path):
    """Return a folder holding a copy of exercises/ in which only lesson 8 is solved."""
    shutil.copytree(EXERCISES, tmp_path / "exercises",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "exercises" / "ex8_evaluation.py").write_text(ANSWER_8)
    return tmp_path


# Runs the grader where no top-level package `exercises` can be imported at all, from the
# current folder or from an installation: only the grader's own import of the folder works.
WITHOUT_EXERCISES = """
import sys

class NoTopLevelExercises:
    def find_spec(self, name, path=None, target=None):
        if name == "exercises":
            raise ModuleNotFoundError("no package exercises", name=name)

sys.meta_path.insert(0, NoTopLevelExercises())
try:
    import exercises
    sys.exit("exercises is importable")
except ModuleNotFoundError:
    pass
from course.grade import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [[sys.executable, "-m", "course.grade"],
                                     [str(Path(sys.executable).parent / "course-grade")],
                                     [sys.executable, "-c", WITHOUT_EXERCISES]],
                         ids=["python -m", "console script", "exercises not importable"])
def test_the_grader_reads_the_exercises_of_the_current_folder(learners_folder, command):
    if not Path(command[0]).exists():
        pytest.skip("the console script course-grade is not installed beside this Python")
    done = subprocess.run(command + ["8", "1"], capture_output=True, text=True,
                          cwd=learners_folder)
    assert done.returncode == 1, done.stderr  # lesson 1 is not done
    assert f"your code in {learners_folder / 'exercises'}" in done.stdout
    rows = {line.split()[0]: line for line in done.stdout.splitlines()[2:]}
    assert " ok " in rows["8.1"] and " ok " in rows["8.2"]   # the copy's answers, not the stubs
    assert "not started: write row_to_image in exercises/ex1_data.py" in rows["1.1"]


def test_the_grader_without_an_exercises_folder_says_how_to_get_one(tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.chdir(tmp_path)
    assert grade.main(["8"]) == 1
    assert capsys.readouterr().err == (
        f"error: no exercises/ folder in {tmp_path}: run python -m course.start DIR to get a "
        "fresh copy, then run the grader inside DIR\n")
    (tmp_path / "exercises").mkdir()
    assert grade.main(["8"]) == 1
    assert "exercises: expected the file __init__.py of the lessons' package, got none: run " \
        "python -m course.start DIR" in capsys.readouterr().err


def test_a_learners_folder_is_imported_from_that_folder_only(tmp_path):
    other = tmp_path / "learner_mistakes"  # a second package of that name, not yet imported
    shutil.copytree(MISTAKES, other, ignore=shutil.ignore_patterns("__pycache__"))
    assert learner.import_lesson(MISTAKES, "ex9_fruit").__file__ == str(MISTAKES / "ex9_fruit.py")
    with pytest.raises(CourseError, match="expected to import the package learner_mistakes from"):
        learner.import_lesson(other, "ex9_fruit")
