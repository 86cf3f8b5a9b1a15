"""Answers to lesson 3: feed-forward, reading digits with the pretrained weights."""

import numpy as np
from scipy.special import expit as sigmoid  # sigmoid(z) = 1 / (1 + exp(-z)), no overflow


def feed_forward(W1, W2, X):
    """Return a3, the (m, 10) outputs of the network for the examples X."""
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])             # (m, 401)  the inputs and the bias unit
    z2 = a1 @ W1.T                                   # (m, 401) x (401, 25) = (m, 25)
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])   # (m, 26)   the hidden layer and its bias unit
    z3 = a2 @ W2.T                                   # (m, 26) x (26, 10) = (m, 10)
    a3 = sigmoid(z3)                                 # (m, 10)
    return a3


def predict(W1, W2, X):
    """Return the (m,) labels 0..9 the network reads: the output unit with the largest value."""
    a3 = feed_forward(W1, W2, X)                     # (m, 10)
    return np.argmax(a3, axis=1)                     # output k is label k (zero is 0)
