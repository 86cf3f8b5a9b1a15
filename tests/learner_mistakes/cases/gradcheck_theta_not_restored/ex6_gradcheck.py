"""Lesson 6 moving theta itself and never putting it back."""
import numpy as np


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    numgrad = np.zeros(theta.shape)
    for i in range(theta.size):
        theta[i] += epsilon
        plus = J(theta)
        theta[i] -= 2 * epsilon
        minus = J(theta)
        numgrad[i] = (plus - minus) / (2 * epsilon)   # theta[i] left at theta[i] - epsilon
    return numgrad
