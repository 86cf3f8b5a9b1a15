"""Lesson 10: bias and variance. Short of data, of freedom, or of restraint?

Train on more and more examples and watch two errors: on the examples the
network trained on, and on validation examples it never saw (the learning
curve). Then train with several lambdas and keep the one whose validation
error is lowest (the validation curve). Both use a validation part of the
training split: the test split stays untouched until the settings are chosen.
The error reported is the cost with lambda 0: regularization is part of what
training minimizes, not of how wrong the network is. Check your answers:

    python -m course.grade 10        or        python -m pytest exercises -k lesson10

python -m course.tune draws the same curves for the digits. When yours passes,
read the textbook answer: course/answers/ex10_bias_variance.py.
"""

import numpy as np

from course.nn import nn_cost_function, unroll
from course.training import train  # train(X, y, hidden_layer_size, lambda_, maxiter, seed)


def learning_curve(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0, maxiter=50,
                   seed=0):
    """Return (error_train, error_val), each (len(sizes),): errors after training on the first n.

    For each n in sizes, a network trained on X[:n], y[:n] (with lambda_) gives
        error_train[i] : its cost on those n examples, lambda 0
        error_val[i]   : its cost on all of X_val, y_val, lambda 0
    """
    error_train = np.zeros(len(sizes))
    error_val = np.zeros(len(sizes))
    # ========================= YOUR CODE HERE =========================
    # result = train(X[:n], y[:n], hidden_layer_size, lambda_, maxiter, seed) gives
    # result.W1, result.W2; nn_cost_function(unroll(W1, W2), X.shape[1],
    # hidden_layer_size, 10, X_some, y_some, 0.0)[0] is their cost on X_some, lambda 0.

    # ==================================================================
    return error_train, error_val


def validation_curve(X, y, X_val, y_val, lambdas, hidden_layer_size=25, maxiter=50, seed=0):
    """Return (error_train, error_val), each (len(lambdas),): errors of a network per lambda.

    For each lambda in lambdas, a network trained on all of X, y with that lambda gives
        error_train[i] : its cost on X, y, lambda 0
        error_val[i]   : its cost on X_val, y_val, lambda 0
    """
    error_train = np.zeros(len(lambdas))
    error_val = np.zeros(len(lambdas))
    # ========================= YOUR CODE HERE =========================
    # As learning_curve, with all of X each time and lambda varying.

    # ==================================================================
    return error_train, error_val


def choose_lambda(lambdas, error_train, error_val):
    """Return the lambda of lambdas to keep, given the errors validation_curve measured."""
    chosen = 0.0
    # ========================= YOUR CODE HERE =========================
    # The one that does best on examples the network never trained on.

    # ==================================================================
    return chosen
