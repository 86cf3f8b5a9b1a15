"""The made-up fruits of lesson 9 and how a network with a hidden layer reads them.

A fruit has spots (their size in mm) and spikes (their length in mm). It is
poisonous when its spikes are about as long as its spots are large (within
BAND mm): the poisonous ones lie in a band between two lines.
"""

import numpy as np

from course.nn import predict

CLASSES = ("safe", "poisonous")
LIMITS = (0.0, 10.0)   # both measurements, in mm
BAND = 2.0             # poisonous when spike length and spot size differ by less than this


def make_fruit(m, seed=0):
    """Return (X, y): m fruits, X (m, 2) spot size and spike length in mm, y 1 for poisonous."""
    X = np.random.default_rng(seed).uniform(*LIMITS, size=(m, 2))
    y = (np.abs(X[:, 1] - X[:, 0]) < BAND).astype(np.int64)  # spikes about as long as spots
    return X, y


def scale(X):
    """Return the measurements centred and scaled to about [-1, 1], as the networks read them."""
    return (np.asarray(X, dtype=np.float64) - 5.0) / 5.0


def predict_hidden(W1, W2, X):
    """Return the (m,) classes the network gives the fruits X."""
    return predict(W1, W2, scale(X))
