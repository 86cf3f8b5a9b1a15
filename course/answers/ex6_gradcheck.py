"""Answers to lesson 6: gradient checking with the definition of a derivative."""

import numpy as np


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    """Return the (n,) numerical gradient of J at theta, by central differences."""
    numgrad = np.zeros(theta.shape)
    perturb = np.zeros(theta.shape)
    for i in range(theta.size):
        perturb[i] = epsilon                         # move theta[i] alone
        numgrad[i] = (J(theta + perturb) - J(theta - perturb)) / (2 * epsilon)
        perturb[i] = 0.0                             # and put it back
    return numgrad
