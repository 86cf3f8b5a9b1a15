"""Typical mistakes of lesson 9, for tests/test_grading.py."""
import numpy as np


def hand_made_weights():
    W1 = np.array([[10.0, -25.0, 25.0], [-10.0, -25.0, 25.0]])
    W2 = np.array([[-10.0, 20.0, -20.0], [10.0, -20.0, 20.0]])  # safe and poisonous swapped
    return W1, W2
