"""Feedback that points at the mistake: one learner's folder per case, in tests/learner_mistakes/cases.

Each case is a lesson file with one mistake that the grader once answered with
a misleading line: a catch-all, a hint tied to the line instead of the error,
blame on a part that only calls the wrong one, or bare numbers.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from course import evaluate, grade, nn
from course.answers import ex10_bias_variance as answer
from course.answers import ex9_fruit
from course.checks import PARTS, Mistake
from course.checks.common import first_difference, format_value

CASES = Path(__file__).resolve().parent / "learner_mistakes" / "cases"

# case: {part: (text the feedback has, text it must not have)}
EXPECTED = {
    "data_flipped_rows": {
        "1.2": ("1.2 cannot pass until 1.1 does (tile_images uses your row_to_image)", None)},
    "feedforward_without_hidden_bias": {
        "3.1": ("a3: the hidden layer has no bias unit: a2 = [1, g(z2)]", "expected ["),
        "3.2": ("3.2 cannot pass until 3.1 does (predict uses your feed_forward)", None)},
    "feedforward_no_transpose": {
        "3.1": ("z2 = a1 @ W1.T, (m, 401) times (401, 25); without the .T the sizes do not fit",
                "column of ones")},
    "fruit_biases_swapped": {
        "9.1": ("swap the two hidden units (the rows of W1), or the weights W2 gives them",
                "give W2 weights on them")},
    "fruit_soft_weights": {
        "9.1": ("your sigmoids are soft: the hidden units' outputs stay between 0.06 and 0.95",
                "give W2 weights on them")},
    "gradcheck_theta_not_restored": {
        "6.1": ("changed theta and did not put it back: after the call theta[0] is 0.999900", None),
        "6.2": ("6.2 cannot pass until 6.1 does", None)},
    "training_swapped_init": {
        "7.1": ("rand_initialize_weights(l_in, l_out, rng) takes the size of the layer it reads "
                "from first", "jac=True")},
    "bias_variance_two_mistakes": {
        "10.1": ("learning_curve: error_train: two mistakes at once: (1) you reported the "
                 "regularized cost", "values are wrong"),
        "10.2": ("validation_curve: error_val: two mistakes at once: (1) that is the fraction of "
                 "examples misread", "values are wrong")},
    "bias_variance_test_split": {
        "10.1": ("learning_curve: error_val: those are errors on the test split", None)},
    "cost_not_divided_by_m": {
        "4.1": ("you forgot to divide by m", None),
        "4.2": ("4.2 cannot pass until 4.1 does (both parts check your nn_cost_function): fix "
                "4.1 first", "regularized cost uses your nn_cost_function: cost")},
    "evaluation_loop_transposed": {
        "8.1": ("rows and columns are swapped", None),
        "8.2": ("8.2 cannot pass until 8.1 does (accuracy_per_class uses your confusion_matrix)",
                None)},
    "evaluation_one_count_off": {
        "8.1": ("the confusion matrix: 1 of 9 values are wrong, the first at [1, 1]: expected 3, "
                "got 2", "2.000000")},
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_case_gets_feedback_that_points_at_its_mistake(case):
    folder = CASES / case
    lesson = int(next(folder.glob("ex*.py")).name[2:].split("_")[0])
    outcomes = {outcome.part.number: outcome for outcome in grade.grade([lesson], folder)}
    for number, (has, has_not) in EXPECTED[case].items():
        feedback = outcomes[number].feedback
        assert not outcomes[number].passed, (case, number)
        assert has in feedback, (case, number, feedback)
        assert has_not is None or has_not not in feedback, (case, number, feedback)


def test_every_case_folder_is_asserted():
    folders = {path.name for path in CASES.iterdir() if (path / "__init__.py").is_file()}
    assert folders == set(EXPECTED)


def test_counts_are_shown_as_whole_numbers():
    assert format_value([3, 1, 0]) == "[3 1 0]"
    assert format_value(2.0) == "2"
    assert format_value([0.5, 1.0]) == "[0.500000 1.000000]"


def test_the_first_difference_is_named_by_row_and_column():
    expected = [[1.0, 2.0], [3.0, 4.0]]
    assert first_difference([[1.0, 2.0], [3.5, 5.0]], expected) == \
        "2 of 4 values are wrong, the first at [1, 0]: expected 3, got 3.500000"


def check_of(number):
    """Return the check of part `number`."""
    return next(part for part in PARTS if part.number == number).check


def wrong_sign(params, *args):
    """Return the cost and the gradient with delta3 = Y - a3: every value of the wrong sign."""
    J, grad = nn.nn_cost_function(params, *args)
    return J, -grad


def W1_bias_regularized(params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda_):
    """Return the cost and the gradient with W1's bias column regularized too (W2's left alone)."""
    J, grad = nn.nn_cost_function(params, input_layer_size, hidden_layer_size, num_labels, X, y,
                                  lambda_)
    W1, _ = nn.reshape_params(params, input_layer_size, hidden_layer_size, num_labels)
    W1_grad, W2_grad = nn.reshape_params(grad, input_layer_size, hidden_layer_size, num_labels)
    W1_grad[:, 0] += lambda_ / len(y) * W1[:, 0]
    return J, nn.unroll(W1_grad, W2_grad)


def large_step(J, theta, epsilon=1e-4):
    """Return central differences with a step of 0.5 instead of epsilon."""
    return np.array([(J(theta + 0.5 * e) - J(theta - 0.5 * e)) / 1.0 for e in np.eye(len(theta))])


def validation_on_a_subset(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0,
                           maxiter=50, seed=0):
    """Return a learning curve whose validation error is measured on X_val[:n] only."""
    curve = [answer.learning_curve(X, y, X_val[:n], y_val[:n], [n], hidden_layer_size, lambda_,
                                   maxiter, seed) for n in sizes]
    return tuple(np.concatenate(errors) for errors in zip(*curve))


def last_error_doubled(*args, **kwargs):
    """Return the validation curve with its last validation error doubled: no typical mistake."""
    error_train, error_val = answer.validation_curve(*args, **kwargs)
    return error_train, error_val * [1, 1, 2]


@pytest.mark.parametrize("number, namespace, expected", [
    ("10.1", SimpleNamespace(learning_curve=validation_on_a_subset),
     "the validation error is measured on all of X_val, y_val at every point"),
    ("10.2", SimpleNamespace(validation_curve=lambda *args, **kwargs: answer.validation_curve(
        *args, **kwargs)[::-1]), "you returned (error_val, error_train)"),
    ("10.2", SimpleNamespace(validation_curve=last_error_doubled),
     "validation_curve: error_val: 1 of 3 values are wrong, the first at [2]"),
    ("1.1", SimpleNamespace(row_to_image=lambda x: np.reshape(x, (20, 20))[:, ::-1]),
     "your image is mirrored left to right"),
    ("1.1", SimpleNamespace(row_to_image=lambda x: np.reshape(x, (20, 20))[::-1]),
     "your image is upside down"),
    ("2.4", SimpleNamespace(predict_one_vs_all=lambda all_theta, X: np.argmax(
        X @ all_theta[:, 1:].T, axis=1)), "your scores leave out the bias, theta[0]"),
    ("5.3", SimpleNamespace(nn_cost_function=wrong_sign), "every value has the wrong sign"),
    ("5.4", SimpleNamespace(nn_cost_function=W1_bias_regularized),
     "you regularized the bias column of W1's gradient: leave its column 0 alone"),
    ("6.1", SimpleNamespace(compute_numerical_gradient=large_step),
     "each value is off by the same 0.25, epsilon squared for a central difference: your step "
     "is about 0.5"),
    ("7.1", SimpleNamespace(train=lambda *args, **kwargs: np.full(25 * 401 + 10 * 26, 0.1)),
     "train returned the unrolled vector"),
    ("8.2", SimpleNamespace(accuracy_per_class=lambda t, p, n=10: np.diag(
        evaluate.confusion_matrix(t, p, n)) / len(t)), "you divided by all the examples"),
])
def test_mistakes_met_on_a_walk_are_named(number, namespace, expected):
    with pytest.raises(Mistake, match=re.escape(expected)):
        check_of(number)(namespace)


def unit_2_off_the_edge():
    """Return the answer's weights with hidden unit 2 on the line x1 + x2 = 0.4: no edge."""
    W1, W2 = ex9_fruit.hand_made_weights()
    return W1 * [[1, 1, 1], [1, -1, 1]], W2


def units_swapped():
    """Return the answer's weights with the two hidden units (rows of W1) swapped."""
    W1, W2 = ex9_fruit.hand_made_weights()
    return W1[::-1], W2


@pytest.mark.parametrize("weights, expected", [
    (unit_2_off_the_edge, "hidden unit 2 fires on neither edge of the band"),
    (units_swapped, "swap the two hidden units"),
])
def test_lesson_9_hints_point_at_the_idea_not_the_numbers(weights, expected):
    with pytest.raises(Mistake) as raised:
        check_of("9.1")(SimpleNamespace(hand_made_weights=weights))
    assert expected in str(raised.value)
    answer_numbers = {str(abs(w)).removesuffix(".0") for W in ex9_fruit.hand_made_weights()
                      for w in W.ravel()}  # 10, 20, 25
    hint = str(raised.value).split(": ", 1)[1]  # after "N% right: "
    assert not answer_numbers & set(re.findall(r"\d+", hint)), hint
