"""Typical mistakes of lesson 10, for tests/test_grading.py."""
import numpy as np

from course.nn import nn_cost_function, unroll
from course.training import train


def learning_curve(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0, maxiter=50,
                   seed=0):
    error_train, error_val = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, n in enumerate(sizes):
        result = train(X[:n], y[:n], hidden_layer_size, lambda_, maxiter, seed)
        params = unroll(result.W1, result.W2)
        error_train[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                          X, y, 0.0)[0]  # the whole set, not X[:n]
        error_val[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                        X_val, y_val, 0.0)[0]
    return error_train, error_val


def validation_curve(X, y, X_val, y_val, lambdas, hidden_layer_size=25, maxiter=50, seed=0):
    error_train, error_val = np.zeros(len(lambdas)), np.zeros(len(lambdas))
    for i, lambda_ in enumerate(lambdas):
        result = train(X, y, hidden_layer_size, lambda_, maxiter, seed)
        params = unroll(result.W1, result.W2)
        error_train[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                          X, y, lambda_)[0]  # regularization reported
        error_val[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                        X_val, y_val, lambda_)[0]
    return error_train, error_val


def choose_lambda(lambdas, error_train, error_val):
    return lambdas[int(np.argmin(error_train))]  # by the training error
