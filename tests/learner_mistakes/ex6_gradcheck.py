"""Typical mistakes of lesson 6, for tests/test_grading.py."""
import numpy as np


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    numgrad = np.zeros(theta.shape)
    for i in range(theta.size):
        step = np.zeros(theta.shape)  # the perturbation never set: 0 / 0
        numgrad[i] = np.float64(J(theta + step) - J(theta - step)) / (2 * step[i])
    return numgrad
