"""Typical mistakes of lesson 3, for tests/test_grading.py."""
import numpy as np
from scipy.special import expit as sigmoid


def feed_forward(W1, W2, X):
    a1 = np.hstack([np.ones((len(X), 1)), X])
    a2 = sigmoid(a1 @ W1.T)  # no bias unit in the hidden layer
    return sigmoid(a2 @ W2.T)


def predict(W1, W2, X):
    a1 = np.hstack([np.ones((len(X), 1)), X])
    a2 = np.hstack([np.ones((len(X), 1)), sigmoid(a1 @ W1.T)])
    return np.argmax(a2 @ W2.T, axis=1) + 1  # labels 1..10
