"""Answers to lesson 2: one-vs-all logistic regression, the linear baseline."""

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit  # expit(z) = 1 / (1 + exp(-z)), log_expit = log(expit)


def lr_cost_function(theta, X, y, lambda_):
    """Return (J, grad): the regularized logistic regression cost and its gradient."""
    m = len(y)
    z = X @ theta                                    # (m, n + 1) x (n + 1,) = (m,)
    h = expit(z)                                     # (m,)
    # log(h) = log_expit(z) and log(1 - h) = log_expit(-z): finite even where h rounds to 0 or 1
    J = -np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)) / m
    J += lambda_ / (2 * m) * np.sum(theta[1:] ** 2)  # theta[0], the bias, is not regularized
    grad = X.T @ (h - y) / m                         # (n + 1, m) x (m,) = (n + 1,)
    grad[1:] += lambda_ / m * theta[1:]
    return J, grad


def one_vs_all(X, y, num_labels, lambda_):
    """Return all_theta (num_labels, n + 1): row c is the classifier of label c against the rest."""
    m, n = X.shape
    X1 = np.hstack([np.ones((m, 1)), X])             # (m, n + 1)
    all_theta = np.zeros((num_labels, n + 1))
    for c in range(num_labels):
        target = (y == c).astype(np.float64)         # 1 for label c, 0 for the others
        result = minimize(lr_cost_function, np.zeros(n + 1), args=(X1, target, lambda_),
                          jac=True, method="L-BFGS-B", options={"maxiter": 50})
        all_theta[c] = result.x
    return all_theta


def predict_one_vs_all(all_theta, X):
    """Return the (m,) labels 0..9: for each example, the label whose classifier scores highest."""
    X1 = np.hstack([np.ones((X.shape[0], 1)), X])    # (m, n + 1)
    scores = X1 @ all_theta.T                        # (m, n + 1) x (n + 1, labels) = (m, labels)
    return np.argmax(scores, axis=1)
