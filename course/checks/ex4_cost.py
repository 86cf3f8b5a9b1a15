"""The checks of lesson 4: the cost."""

import numpy as np
from scipy.special import expit

from course import nn
from course.checks.common import (Mistake, Part, as_number, digits, name_the_mistake,
                                  pretrained, same, shape_hint, untouched)

LESSON = 4


def cost_variants(W1, W2, X, y, lambda_):
    """Return {mistake: J} for the usual mistakes in the network's cost."""
    m = len(y)
    z3 = nn.forward_pass(W1, W2, X)[2]
    Y = nn.one_hot(y, 10)
    a3 = expit(z3)
    with np.errstate(divide="ignore"):
        first_term = -np.sum(Y * np.log(a3)) / m
    J0 = nn.nn_cost_function(nn.unroll(W1, W2), 400, W1.shape[0], 10, X, y, 0.0)[0]
    reg = np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2)
    reg_all = np.sum(W1 ** 2) + np.sum(W2 ** 2)
    shifted = {}
    for shift in (1, -1):
        J_shift = nn.nn_cost_function(nn.unroll(W1, W2), 400, W1.shape[0], 10, X,
                                      (y + shift) % 10, 0.0)[0]
        shifted[shift] = J_shift + lambda_ / (2 * m) * reg
    return {
        "labels are shifted by one: Y[i, y[i]] = 1 with labels 0..9 (zero is column 0)":
            shifted[1],
        "labels are shifted by one the other way: Y[i, y[i]] = 1, column 0 for zero":
            shifted[-1],
        "you forgot to divide by m (the cost is a mean over the examples)":
            m * J0 + lambda_ / (2 * m) * reg,
        "only the y log(h) term is there: add (1 - y) log(1 - h) for the other labels":
            first_term + lambda_ / (2 * m) * reg,
        "you regularized the bias columns W1[:, 0] and W2[:, 0]: leave them out":
            J0 + lambda_ / (2 * m) * reg_all,
        "the penalty should be lambda / (2 m) times the squares, you used lambda / m":
            J0 + lambda_ / m * reg,
        "the regularization term is missing (lambda / (2 m) times the squared weights)": J0,
    }


def check_cost(impl, lambda_):
    """Return a success line if J is the library's, else raise a Mistake."""
    X_train, y_train, _, _ = digits()
    W1, W2 = pretrained()
    J = impl.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10, X_train.copy(), y_train.copy(),
                              lambda_)
    if not isinstance(J, tuple) or len(J) != 2:
        raise Mistake("nn_cost_function should return the pair (J, grad)")
    J = as_number("the cost J", J[0])
    expected = nn.nn_cost_function(nn.unroll(W1, W2), 400, 25, 10, X_train, y_train, lambda_)[0]
    if same(J, expected):
        return f"cost {expected:.6f} with the pretrained weights, lambda {lambda_:g}"
    untouched("the cost J", J)
    candidates = list(cost_variants(W1, W2, X_train, y_train, lambda_).items())
    if lambda_ == 0:
        candidates = candidates[:4]  # the regularization mistakes need lambda > 0
    name_the_mistake(J, expected, f"the cost with lambda {lambda_:g}", candidates)


PARTS = (
    Part(LESSON, "4.1", "nn_cost_function: cost", ("nn_cost_function",),
         lambda impl: check_cost(impl, 0.0), shape_hint),
    Part(LESSON, "4.2", "nn_cost_function: regularized cost", ("nn_cost_function",),
         lambda impl: check_cost(impl, 1.0), shape_hint, needs=("4.1",)),
)
