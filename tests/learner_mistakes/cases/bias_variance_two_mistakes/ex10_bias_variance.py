"""Lesson 10 with two mistakes in one error: each grader hint must still name one of them."""
import numpy as np

from course.datasets import load_split
from course.nn import nn_cost_function, predict, unroll
from course.training import train


def learning_curve(X, y, X_val, y_val, sizes, hidden_layer_size=25, lambda_=1.0, maxiter=50,
                   seed=0):
    error_train, error_val = np.zeros(len(sizes)), np.zeros(len(sizes))
    for i, n in enumerate(sizes):
        result = train(X[:n], y[:n], hidden_layer_size, lambda_, maxiter, seed)
        params = unroll(result.W1, result.W2)
        error_train[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                          X, y, lambda_)[0]  # whole set, and regularized
        error_val[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                        X_val, y_val, 0.0)[0]
    return error_train, error_val


def validation_curve(X, y, X_val, y_val, lambdas, hidden_layer_size=25, maxiter=50, seed=0):
    _, _, X_test, y_test = load_split()
    error_train, error_val = np.zeros(len(lambdas)), np.zeros(len(lambdas))
    for i, lambda_ in enumerate(lambdas):
        result = train(X, y, hidden_layer_size, lambda_, maxiter, seed)
        params = unroll(result.W1, result.W2)
        error_train[i] = nn_cost_function(params, X.shape[1], hidden_layer_size, 10,
                                          X, y, 0.0)[0]
        error_val[i] = np.mean(predict(result.W1, result.W2, X_test) != y_test)  # misread, test
    return error_train, error_val


def choose_lambda(lambdas, error_train, error_val):
    return lambdas[int(np.argmin(error_val))]
