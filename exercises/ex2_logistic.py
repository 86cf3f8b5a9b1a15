"""Lesson 2: a linear baseline. One-vs-all logistic regression.

Before the network, the simplest classifier that works: for each label c, a
logistic regression that says "c or not c", trained with L-BFGS-B. The
network of the next lessons has to beat it. Check your answers:

    python -m course.grade 2        or        python -m pytest exercises -k lesson2

When yours passes, read the textbook answer: course/answers/ex2_logistic.py.
"""

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit  # expit(z) = 1 / (1 + exp(-z)), log_expit = log(expit)


def lr_cost_function(theta, X, y, lambda_):
    """Return (J, grad): the regularized logistic regression cost and its gradient.

    Parameters
    ----------
    theta : (n + 1,) parameters; theta[0] multiplies the column of ones (the bias)
    X : (m, n + 1) examples, one per row, with a column of ones first
    y : (m,) targets, 1 or 0
    lambda_ : regularization strength, >= 0

    Returns
    -------
    J : the cost, one number:
        J = -1/m sum(y log(h) + (1 - y) log(1 - h)) + lambda_/(2m) sum(theta[1:]**2)
        with h = sigmoid(X theta). theta[0] is not regularized.
    grad : (n + 1,) its gradient: 1/m X^T (h - y), plus lambda_/m theta[j] for j >= 1
    """
    m = len(y)
    J = 0.0
    grad = np.zeros(theta.shape)
    # ========================= YOUR CODE HERE =========================
    # z = X @ theta is (m,). log(h) = log_expit(z) and log(1 - h) = log_expit(-z)
    # stay finite even where h rounds to 0 or 1. No loop over the examples.

    # ==================================================================
    return J, grad


def one_vs_all(X, y, num_labels, lambda_):
    """Return all_theta (num_labels, n + 1): row c is the classifier of label c against the rest.

    Parameters
    ----------
    X : (m, n) examples, without the column of ones
    y : (m,) labels 0..num_labels - 1
    """
    m, n = X.shape
    all_theta = np.zeros((num_labels, n + 1))
    # ========================= YOUR CODE HERE =========================
    # 1. Add the column of ones: X1 = np.hstack([np.ones((m, 1)), X]).
    # 2. For each label c: the targets are (y == c) as 0/1 floats; start from
    #    zeros and call
    #        minimize(lr_cost_function, theta0, args=(X1, target, lambda_),
    #                 jac=True, method="L-BFGS-B", options={"maxiter": 50})
    #    jac=True says that lr_cost_function returns the gradient too.
    #    Store result.x in all_theta[c].

    # ==================================================================
    return all_theta


def predict_one_vs_all(all_theta, X):
    """Return the (m,) labels 0..9: for each example, the label whose classifier scores highest.

    Parameters
    ----------
    all_theta : (num_labels, n + 1) from one_vs_all
    X : (m, n) examples, without the column of ones
    """
    p = np.zeros(X.shape[0], dtype=int)
    # ========================= YOUR CODE HERE =========================
    # Scores: X with its column of ones, times all_theta.T -> (m, num_labels).
    # The label is the index of the largest score in each row (np.argmax, axis=1).

    # ==================================================================
    return p
