"""Lesson 4 with the cross-entropy summed, not divided by m."""

import numpy as np
from scipy.special import expit as sigmoid, log_expit


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    W1 = nn_params[:hidden_layer_size * (input_layer_size + 1)].reshape(
        hidden_layer_size, input_layer_size + 1)
    W2 = nn_params[hidden_layer_size * (input_layer_size + 1):].reshape(
        num_labels, hidden_layer_size + 1)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ W1.T)])
    z3 = a2 @ W2.T
    Y = np.eye(num_labels)[y]
    J = np.sum(-Y * log_expit(z3) - (1 - Y) * log_expit(-z3))
    J += lambda_ / (2 * m) * (np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2))
    return J, np.zeros(nn_params.shape)
