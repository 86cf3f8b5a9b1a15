"""The linear baseline: regularized one-vs-all logistic regression (lesson 2)."""

import numpy as np
from scipy.special import expit, log_expit

from course import CourseError
from course.lbfgs import minimize_lbfgs
from course.nn import add_bias


def lr_cost_function(theta, X, y, lambda_):
    """Return (J, grad): the regularized logistic regression cost and its gradient.

    Parameters
    ----------
    theta : (n + 1,) parameters, theta[0] the bias (not regularized)
    X : (m, n + 1) examples with their column of ones first
    y : (m,) targets 0 or 1
    lambda_ : regularization strength, >= 0
    """
    theta, X, y = np.asarray(theta, float), np.asarray(X, float), np.asarray(y, float)
    if X.ndim != 2 or theta.shape != (X.shape[1],) or y.shape != (X.shape[0],):
        raise CourseError(f"theta, X, y: expected shapes (n + 1,), (m, n + 1), (m,), got "
                          f"{theta.shape}, {X.shape}, {y.shape}")
    m = len(y)
    z = X @ theta                  # (m, n + 1) x (n + 1,) = (m,)
    # log(h) and log(1 - h) taken from z, finite where h rounds to 0 or 1.
    J = -np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)) / m
    J += lambda_ / (2 * m) * np.sum(theta[1:] ** 2)
    grad = X.T @ (expit(z) - y) / m  # (n + 1, m) x (m,) = (n + 1,)
    grad[1:] += lambda_ / m * theta[1:]
    return float(J), grad


def one_vs_all(X, y, num_labels, lambda_, maxiter=50):
    """Return all_theta (num_labels, n + 1): one classifier per label, label c against the rest."""
    X1 = add_bias(X)  # (m, n + 1)
    all_theta = np.zeros((num_labels, X1.shape[1]))
    for c in range(num_labels):
        target = (y == c).astype(np.float64)  # 1 for label c, 0 for the others
        result = minimize_lbfgs(lambda theta: lr_cost_function(theta, X1, target, lambda_),
                                np.zeros(X1.shape[1]), maxiter)
        all_theta[c] = result.x
    return all_theta


def predict_one_vs_all(all_theta, X):
    """Return the (m,) labels whose classifier gives the largest score for each example."""
    return np.argmax(add_bias(X) @ all_theta.T, axis=1)  # (m, n + 1) x (n + 1, labels)
