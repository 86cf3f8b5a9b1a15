"""Lesson 3: feed-forward. Read digits with the pretrained weights.

The network has 400 inputs, 25 hidden units and 10 outputs, one per label.
W1 (25, 401) and W2 (10, 26) hold its weights; column 0 of each holds the
biases, which multiply a unit that is always 1. Check your answers:

    python -m course.grade 3        or        python -m pytest exercises -k lesson3

When yours passes, read the textbook answer: course/answers/ex3_feedforward.py.
"""

import numpy as np
from scipy.special import expit as sigmoid  # sigmoid(z) = 1 / (1 + exp(-z)), no overflow


def feed_forward(W1, W2, X):
    """Return a3, the (m, 10) outputs of the network for the examples X.

    Parameters
    ----------
    W1 : (25, 401), W2 : (10, 26) weights, biases in column 0
    X : (m, 400) examples, one per row

    The lecture's steps, for all examples at once:
        a1 = [1, X]          (m, 401)     add a column of ones
        z2 = a1 W1^T         (m, 25)
        a2 = [1, g(z2)]      (m, 26)      g is the sigmoid; add the bias unit again
        z3 = a2 W2^T         (m, 10)
        a3 = g(z3)           (m, 10)
    """
    m = X.shape[0]
    a3 = np.zeros((m, W2.shape[0]))
    # ========================= YOUR CODE HERE =========================
    # np.hstack([np.ones((m, 1)), A]) adds a column of ones in front of A.

    # ==================================================================
    return a3


def predict(W1, W2, X):
    """Return the (m,) labels 0..9 the network reads: the output unit with the largest value."""
    p = np.zeros(X.shape[0], dtype=int)
    # ========================= YOUR CODE HERE =========================
    # Use feed_forward, then np.argmax along axis=1. Output k is label k (zero is 0).

    # ==================================================================
    return p
