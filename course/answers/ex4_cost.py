"""Answers to lesson 4: the cost, how wrong the network is as one number."""

import numpy as np
from scipy.special import expit as sigmoid, log_expit  # log_expit(z) = log(sigmoid(z))


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    """Return (J, grad): the regularized cost of the network, and zeros (the gradient: lesson 5)."""
    W1 = nn_params[:hidden_layer_size * (input_layer_size + 1)].reshape(
        hidden_layer_size, input_layer_size + 1)                       # (25, 401)
    W2 = nn_params[hidden_layer_size * (input_layer_size + 1):].reshape(
        num_labels, hidden_layer_size + 1)                             # (10, 26)
    m = X.shape[0]

    # Feed forward (lesson 3), keeping z3.
    a1 = np.hstack([np.ones((m, 1)), X])             # (m, 401)
    z2 = a1 @ W1.T                                   # (m, 401) x (401, 25) = (m, 25)
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])   # (m, 26)
    z3 = a2 @ W2.T                                   # (m, 26) x (26, 10) = (m, 10)

    # Cross-entropy against the one-hot labels: log(a3) = log_expit(z3) and
    # log(1 - a3) = log_expit(-z3), never log(0).
    Y = np.eye(num_labels)[y]                        # (m, 10), Y[i, y[i]] = 1
    J = np.sum(-Y * log_expit(z3) - (1 - Y) * log_expit(-z3)) / m

    # The L2 penalty, bias columns (column 0) left out.
    J += lambda_ / (2 * m) * (np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2))
    grad = np.zeros(nn_params.shape)                 # lesson 5
    return J, grad
