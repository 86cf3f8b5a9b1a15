"""Lesson 9 with the hidden biases' signs swapped: unit 1 gets the upper edge, unit 2 the lower."""
import numpy as np


def hand_made_weights():
    W1 = np.array([[-10.0, -25.0, 25.0],
                   [10.0, -25.0, 25.0]])
    W2 = np.array([[10.0, -20.0, 20.0],
                   [-10.0, 20.0, -20.0]])
    return W1, W2
