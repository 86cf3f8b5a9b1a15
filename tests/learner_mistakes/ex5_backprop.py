"""Typical mistakes of lesson 5, for tests/test_grading.py."""
import os

import numpy as np
from scipy.special import expit as sigmoid

from course.nn import reshape_params


def sigmoid_gradient(z):
    return z * (1 - z)  # the derivative taken as if z were g(z)


def rand_initialize_weights(l_in, l_out, rng):
    os._exit(3)  # code that ends the whole process


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    W1, W2 = reshape_params(nn_params, input_layer_size, hidden_layer_size, num_labels)
    m = len(y)
    a1 = np.hstack([np.ones((m, 1)), X])
    a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ W1.T)])
    delta3 = sigmoid(a2 @ W2.T) - np.eye(num_labels)[y]
    g = sigmoid(a2[:, 1:])
    delta2 = (delta3 @ W2[:, 1:]) * g * (1 - g)  # sigmoid gradient of a2, not z2
    grad = np.concatenate([(delta2.T @ a1 / m).ravel(), (delta3.T @ a2 / m).ravel()])
    return 0.0, grad
