"""The checks of lesson 2: logistic regression."""

from functools import lru_cache

import numpy as np

from course import logistic
from course.checks.common import (Mistake, Part, as_array, as_number, digits, name_the_mistake,
                                  same, untouched)

LESSON = 2


def lr_fixture():
    """Return the original course's check: theta, X (with ones), y, lambda_."""
    theta = np.array([-2.0, -1.0, 1.0, 2.0])
    X = np.hstack([np.ones((5, 1)), np.arange(1, 16).reshape(3, 5).T / 10])  # (5, 4)
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    return theta, X, y, 3.0


def lr_variants(theta, X, y, lambda_):
    """Return {mistake: (J, grad)} for the usual mistakes in lr_cost_function."""
    m = len(y)
    J0, grad0 = logistic.lr_cost_function(theta, X, y, 0.0)
    reg = np.sum(theta[1:] ** 2)
    bias_grad = np.r_[lambda_ / m * theta[0], np.zeros(len(theta) - 1)]
    J, grad = logistic.lr_cost_function(theta, X, y, lambda_)
    return {
        "you regularized theta[0], the bias: the penalty sums theta[1:] only":
            (J + lambda_ / (2 * m) * theta[0] ** 2, grad + bias_grad),
        "the regularization term is missing (lambda / (2 m) times the sum of theta[1:]**2)":
            (J0, grad0),
        "the penalty should be lambda / (2 m) times the squares, you used lambda / m":
            (J0 + lambda_ / m * reg, grad0 + 2 * (grad - grad0)),
        "you forgot to divide by m (the cost is a mean over the examples)":
            (m * J0 + lambda_ / (2 * m) * reg, m * grad0 + (grad - grad0)),
    }


def check_lr_cost(impl):
    """Return a success line if J is the original course's 2.534819, else raise a Mistake."""
    theta, X, y, lambda_ = lr_fixture()
    J, grad = impl.lr_cost_function(theta.copy(), X, y, lambda_)
    J = as_number("the cost J", J)
    if same(J, 2.534819, rtol=1e-6):
        return "cost 2.534819 on the original course's check"
    untouched("the cost J", J)
    name_the_mistake(J, 2.534819, "the cost J",
                     [(hint, v[0]) for hint, v in lr_variants(theta, X, y, lambda_).items()])


def check_lr_gradient(impl):
    """Return a success line if grad is the original course's, else raise a Mistake."""
    theta, X, y, lambda_ = lr_fixture()
    _, grad = impl.lr_cost_function(theta.copy(), X, y, lambda_)
    grad = as_array("the gradient", grad, (4,))
    expected = np.array([0.146561, -0.548558, 0.724722, 1.398003])
    if same(grad, expected, rtol=1e-5):
        return "gradient 0.146561 -0.548558 0.724722 1.398003"
    untouched("the gradient", grad)
    name_the_mistake(grad, expected, "the gradient",
                     [(hint, v[1]) for hint, v in lr_variants(theta, X, y, lambda_).items()],
                     rtol=1e-5)


@lru_cache(maxsize=None)
def reference_all_theta():
    """Return the reference one-vs-all classifiers (lambda 0.1) on the training digits."""
    X_train, y_train, _, _ = digits()
    return logistic.one_vs_all(X_train, y_train, 10, 0.1)


def check_one_vs_all(impl):
    """Return a success line if 88% of held-out digits are read right, else raise a Mistake."""
    X_train, y_train, X_test, y_test = digits()
    all_theta = as_array("one_vs_all(X, y, 10, 0.1)",
                         impl.one_vs_all(X_train.copy(), y_train.copy(), 10, 0.1),
                         (10, 401))
    untouched("all_theta", all_theta)
    predicted = logistic.predict_one_vs_all(all_theta, X_test)
    accuracy = np.mean(predicted == y_test)
    if accuracy >= 0.88:
        return f"held-out accuracy {100 * accuracy:.1f}% for the linear baseline"
    for shift in (1, -1):
        if np.mean(predicted == (y_test + shift) % 10) > 0.5:
            raise Mistake(f"held-out accuracy {100 * accuracy:.1f}%, and most digits are read "
                          "as their neighbour: labels are shifted by one. Classifier c "
                          "(row c of all_theta) must learn y == c, for c in 0..9")
    raise Mistake(f"held-out accuracy {100 * accuracy:.1f}%, expected at least 88%: is each "
                  "row trained with minimize(..., jac=True, method='L-BFGS-B') on X with its "
                  "column of ones, from zeros, up to 50 iterations?")


def check_predict_one_vs_all(impl):
    """Return a success line if each label has the largest score, else raise a Mistake."""
    _, _, X_test, _ = digits()
    all_theta = reference_all_theta()
    received = np.asarray(impl.predict_one_vs_all(all_theta.copy(), X_test.copy()))
    expected = logistic.predict_one_vs_all(all_theta, X_test)
    if received.shape == (10,) or received.shape == (401,):
        raise Mistake(f"predictions should have one label per example, shape {expected.shape}, "
                      f"got {received.shape}: take the argmax along axis=1")
    received = as_array("predictions", received, expected.shape)
    if np.array_equal(received, expected):
        return "the same label as the reference for all 1000 held-out digits"
    untouched("predictions", received)
    if np.array_equal(received, expected + 1):
        raise Mistake("every label is one too high: labels are 0..9 (zero is 0), the index "
                      "of the largest score is the label itself")
    if np.array_equal(received, np.argmax(X_test @ all_theta[:, 1:].T, axis=1)):
        raise Mistake("your scores leave out the bias, theta[0] of each classifier: every "
                      "example needs its column of ones, as in one_vs_all")
    wrong = int(np.sum(received != expected))
    raise Mistake(f"{wrong} of 1000 predictions differ from the largest score "
                  "np.argmax(X1 @ all_theta.T, axis=1), with X1 the examples with ones")


PARTS = (
    Part(LESSON, "2.1", "lr_cost_function: cost", ("lr_cost_function",), check_lr_cost),
    Part(LESSON, "2.2", "lr_cost_function: gradient", ("lr_cost_function",), check_lr_gradient),
    Part(LESSON, "2.3", "one_vs_all", ("one_vs_all",), check_one_vs_all,
         "hint: X needs its column of ones before lr_cost_function sees it"),
    Part(LESSON, "2.4", "predict_one_vs_all", ("predict_one_vs_all",), check_predict_one_vs_all,
         "hint: add the column of ones to X before multiplying by all_theta.T"),
)
