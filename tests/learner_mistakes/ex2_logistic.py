"""Typical mistakes of lesson 2, for tests/test_grading.py."""
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit


def lr_cost_function(theta, X, y, lambda_):
    m = len(y)
    z = X @ theta
    J = -np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)) / m
    J += lambda_ / (2 * m) * np.sum(theta ** 2)  # theta[0] regularized too
    return J, X.T @ (expit(z) - y) / m + lambda_ / m * theta


def one_vs_all(X, y, num_labels, lambda_):
    m, n = X.shape
    X1 = np.hstack([np.ones((m, 1)), X])
    all_theta = np.zeros((num_labels, n + 1))
    for c in range(num_labels):
        target = (y == c + 1).astype(float)  # labels 1..10, as in the original course
        result = minimize(lr_cost_function, np.zeros(n + 1), args=(X1, target, lambda_),
                          jac=True, method="L-BFGS-B", options={"maxiter": 50})
        all_theta[c] = result.x
    return all_theta


def predict_one_vs_all(all_theta, X):
    return np.argmax(np.hstack([np.ones((len(X), 1)), X]) @ all_theta.T, axis=1) + 1
