"""The checks of lesson 10: bias and variance."""

from functools import lru_cache

import numpy as np

from course import nn
from course.checks.common import (Mistake, Part, as_array, as_number, digits, name_the_mistake,
                                  same, untouched)
from course.training import train

LESSON = 10

SETTINGS = dict(hidden_layer_size=10, maxiter=40, seed=0)  # small, so that the check is quick
SIZES = (30, 75, 150)
LAMBDAS = (0.0, 1.0, 10.0)
LEARNING_LAMBDA = 0.1  # the learning curve's


@lru_cache(maxsize=None)
def problem():
    """Return (X, y, X_val, y_val): 150 training and 150 validation digits, from the training split."""
    X_train, y_train, _, _ = digits()
    order = np.random.default_rng(10).permutation(len(y_train))
    fit, val = order[:150], order[150:300]
    return X_train[fit], y_train[fit], X_train[val], y_train[val]


def cost(W1, W2, X, y, lambda_=0.0):
    """Return the cost of the network on X, y (lambda 0 unless given): the reference error."""
    return nn.nn_cost_function(nn.unroll(W1, W2), X.shape[1], W1.shape[0], W2.shape[0], X, y,
                               lambda_)[0]


def misread(W1, W2, X, y):
    """Return the fraction of X the network misreads (the classification error)."""
    return float(np.mean(nn.predict(W1, W2, X) != y))


def curve_candidates(networks, fits, lambdas):
    """Return (train, val): for each error, {mistakes: errors (len(networks),)}.

    mistakes: a tuple of HINTS keys, () for the right errors, one typical mistake
    or two made at once (("regularized", "whole set")): how the error is
    measured, and on which examples. networks[i] was trained on fits[i] (X, y)
    with lambdas[i].
    """
    X, y, X_val, y_val = problem()
    _, _, X_test, y_test = digits()
    count = len(networks)
    measures = {(): lambda W, data, lambda_: cost(*W, *data),
                ("regularized",): lambda W, data, lambda_: cost(*W, *data, lambda_),
                ("misread",): lambda W, data, lambda_: misread(*W, *data)}
    examples = ({(): fits, ("whole set",): [(X, y)] * count},
                {(): [(X_val, y_val)] * count, ("test split",): [(X_test, y_test)] * count,
                 ("validation subset",): [(X_val[:len(fit[1])], y_val[:len(fit[1])])
                                          for fit in fits]})
    return tuple({how + where: np.array([measure(W, data, lambda_) for W, data, lambda_
                                         in zip(networks, datas, lambdas)])
                  for how, measure in measures.items() for where, datas in side.items()}
                 for side in examples)


HINTS = {
    "regularized": "you reported the regularized cost: report the cost with lambda 0; the "
                   "penalty is part of what training minimizes, not of how wrong the network is",
    "whole set": "that is the error on the whole training set: the training error of a point "
                 "of the learning curve is measured on the n examples that network trained on, "
                 "X[:n], y[:n]",
    "test split": "those are errors on the test split: settings are chosen on the validation "
                  "examples X_val, y_val you are given; the test split is kept for the very "
                  "end, or it stops being a fair test",
    "validation subset": "the validation error is measured on all of X_val, y_val at every "
                         "point, not on as many as the network trained on: the same examples "
                         "each time, so the points compare like with like",
    "misread": "that is the fraction of examples misread: this lesson's error is the cost with "
               "lambda 0, as in the lecture (a smooth measure, comparable across sizes)",
}


def hint_for(mistakes):
    """Return the hint for one typical mistake, or for two made at once."""
    if len(mistakes) == 1:
        return HINTS[mistakes[0]]
    return "two mistakes at once: " + "; and ".join(
        f"({k}) {HINTS[mistake]}" for k, mistake in enumerate(mistakes, start=1))


def check_curve(received, candidates, what):
    """Raise a Mistake unless received (error_train, error_val) is the right curve.

    candidates: (train, val) of curve_candidates.
    """
    if not isinstance(received, tuple) or len(received) != 2:
        raise Mistake(f"{what} should return the pair (error_train, error_val)")
    right_train, right_val = (side[()] for side in candidates)
    count = len(right_train)
    if np.shape(received[0]) == np.shape(received[1]) == (count,) and \
            same(np.asarray(received[0], dtype=float), right_val) and \
            same(np.asarray(received[1], dtype=float), right_train):
        raise Mistake(f"{what}: you returned (error_val, error_train): the training error "
                      "comes first")
    for name, values, side in zip(("error_train", "error_val"), received, candidates):
        values = as_array(f"{what}: {name}", values, (count,))
        if same(values, side[()]):
            continue
        untouched(f"{what}: {name}", values)
        wrong = sorted((mistakes for mistakes in side if mistakes), key=len)  # one, then two
        name_the_mistake(values, side[()], f"{what}: {name}",
                         [(hint_for(mistakes), side[mistakes]) for mistakes in wrong])


def check_learning_curve(impl):
    """Return a success line if both errors of 3 trainings are right, else raise a Mistake."""
    X, y, X_val, y_val = problem()
    received = impl.learning_curve(X.copy(), y.copy(), X_val.copy(), y_val.copy(), list(SIZES),
                                   lambda_=LEARNING_LAMBDA, **SETTINGS)
    networks = [(result.W1, result.W2) for result in
                (train(X[:n], y[:n], lambda_=LEARNING_LAMBDA, **SETTINGS) for n in SIZES)]
    candidates = curve_candidates(networks, [(X[:n], y[:n]) for n in SIZES],
                                  [LEARNING_LAMBDA] * len(SIZES))
    received_train = np.asarray(received[1] if isinstance(received, tuple) else received)
    if isinstance(received, tuple) and len(received) == 2 and np.size(received[0]) == len(SIZES) \
            and np.ptp(np.asarray(received[0], dtype=float)) == 0 and np.ptp(received_train) == 0:
        raise Mistake("learning_curve: every point has the same errors: train each network on "
                      "the first n examples, X[:n], y[:n], not on all of X")
    check_curve(received, candidates, "learning_curve")
    right_train, right_val = (side[()] for side in candidates)
    return (f"from 30 to 150 digits the training error goes {right_train[0]:.3f} -> "
            f"{right_train[-1]:.3f}, the validation error {right_val[0]:.3f} -> "
            f"{right_val[-1]:.3f}")


def check_validation_curve(impl):
    """Return a success line if both errors of 3 lambdas are right, else raise a Mistake."""
    X, y, X_val, y_val = problem()
    received = impl.validation_curve(X.copy(), y.copy(), X_val.copy(), y_val.copy(),
                                     list(LAMBDAS), **SETTINGS)
    networks = [(result.W1, result.W2) for result in
                (train(X, y, lambda_=lam, **SETTINGS) for lam in LAMBDAS)]
    candidates = curve_candidates(networks, [(X, y)] * len(LAMBDAS), list(LAMBDAS))
    check_curve(received, candidates, "validation_curve")
    right_train, right_val = (side[()] for side in candidates)
    return ("lambda " + ", ".join(f"{lam:g}" for lam in LAMBDAS) + ": training error " +
            " ".join(f"{e:.3f}" for e in right_train) + ", validation error " +
            " ".join(f"{e:.3f}" for e in right_val))


def check_choose_lambda(impl):
    """Return a success line if the lowest validation error is chosen, else raise a Mistake."""
    lambdas = [0.0, 0.3, 1.0, 3.0, 10.0]
    error_train = np.array([0.01, 0.05, 0.12, 0.30, 0.70])  # always lowest at lambda 0
    error_val = np.array([0.90, 0.62, 0.55, 0.58, 0.80])    # lowest at lambda 1
    chosen = as_number("choose_lambda(...)", impl.choose_lambda(list(lambdas), error_train.copy(),
                                                                error_val.copy()))
    if chosen == 1.0:
        return "lambda 1, the lowest validation error (the training error would pick 0)"
    if chosen == 0.0:
        raise Mistake("you chose lambda 0: the training error always prefers the least "
                      "regularization (it rewards overfitting); choose by the validation error")
    if chosen == 10.0:
        raise Mistake("you chose the largest validation error: take the lambda where it is "
                      "lowest, np.argmin")
    if chosen in (1, 2):
        raise Mistake(f"you returned the index {chosen:g}, not the lambda: lambdas[index]")
    raise Mistake(f"expected lambda 1 (the lowest validation error, 0.55), got {chosen:g}")


PARTS = (
    Part(LESSON, "10.1", "learning_curve", ("learning_curve",), check_learning_curve,
         seconds=120),
    Part(LESSON, "10.2", "validation_curve", ("validation_curve",), check_validation_curve,
         seconds=120),
    Part(LESSON, "10.3", "choose_lambda", ("choose_lambda",), check_choose_lambda),
)
