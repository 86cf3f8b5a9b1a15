"""Answers to lesson 10: bias and variance, learning and validation curves."""

import numpy as np

from course.nn import nn_cost_function, unroll
from course.training import train


def error(W1, W2, X, y):
    """Return the cost of the network W1, W2 on X, y with lambda 0: how wrong it is, no penalty."""
    return nn_cost_function(unroll(W1, W2), X.shape[1], W1.shape[0], W2.shape[0], X, y, 0.0)[0]


def learning_curve(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0, maxiter=50,
                   seed=0):
    """Return (error_train, error_val), each (len(sizes),): errors after training on the first n."""
    error_train = np.zeros(len(sizes))
    error_val = np.zeros(len(sizes))
    for i, n in enumerate(sizes):
        result = train(X[:n], y[:n], hidden_layer_size, lambda_, maxiter, seed)
        error_train[i] = error(result.W1, result.W2, X[:n], y[:n])  # the n it learned from
        error_val[i] = error(result.W1, result.W2, X_val, y_val)    # all it never saw
    return error_train, error_val


def validation_curve(X, y, X_val, y_val, lambdas, hidden_layer_size=25, maxiter=50, seed=0):
    """Return (error_train, error_val), each (len(lambdas),): errors of a network per lambda."""
    error_train = np.zeros(len(lambdas))
    error_val = np.zeros(len(lambdas))
    for i, lambda_ in enumerate(lambdas):
        result = train(X, y, hidden_layer_size, lambda_, maxiter, seed)
        error_train[i] = error(result.W1, result.W2, X, y)
        error_val[i] = error(result.W1, result.W2, X_val, y_val)
    return error_train, error_val


def choose_lambda(lambdas, error_train, error_val):
    """Return the lambda with the lowest validation error (the training error always prefers 0)."""
    return lambdas[int(np.argmin(error_val))]
