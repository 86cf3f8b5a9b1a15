"""The textbook form of the cost and gradient: one example at a time.

It computes what course.nn.nn_cost_function computes, with a Python loop over
the examples as the original course's first version did. It is here to check
the vectorized version against and to show (in course.bench) why we vectorize:
do not train with it.
"""

import numpy as np

from course.nn import (check_labels, check_lambda, check_network_input, reshape_params,
                       sigmoid, sigmoid_gradient, unroll)


def nn_cost_function_loop(nn_params, input_layer_size, hidden_layer_size, num_labels,
                          X, y, lambda_):
    """Return (J, grad) like nn_cost_function, accumulated one example at a time."""
    W1, W2 = reshape_params(nn_params, input_layer_size, hidden_layer_size, num_labels)
    W1, W2, X = check_network_input(W1, W2, X)
    y = check_labels(y, X.shape[0], num_labels)
    lambda_ = check_lambda(lambda_)
    m = X.shape[0]
    J = 0.0
    Delta1 = np.zeros_like(W1)  # (25, 401)
    Delta2 = np.zeros_like(W2)  # (10, 26)
    for t in range(m):
        a1 = np.concatenate([[1.0], X[t]])              # (401,)
        z2 = W1 @ a1                                     # (25, 401) x (401,) = (25,)
        a2 = np.concatenate([[1.0], sigmoid(z2)])       # (26,)
        z3 = W2 @ a2                                     # (10, 26) x (26,) = (10,)
        a3 = sigmoid(z3)                                 # (10,)
        y_t = np.zeros(num_labels)
        y_t[y[t]] = 1.0
        J -= np.sum(y_t * np.log(a3) + (1 - y_t) * np.log(1 - a3))
        delta3 = a3 - y_t                                    # (10,)
        delta2 = (W2[:, 1:].T @ delta3) * sigmoid_gradient(z2)  # (25, 10) x (10,) = (25,)
        Delta1 += np.outer(delta2, a1)                       # (25, 401)
        Delta2 += np.outer(delta3, a2)                       # (10, 26)
    J = J / m + lambda_ / (2 * m) * (np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2))
    W1_grad, W2_grad = Delta1 / m, Delta2 / m
    W1_grad[:, 1:] += lambda_ / m * W1[:, 1:]
    W2_grad[:, 1:] += lambda_ / m * W2[:, 1:]
    return float(J), unroll(W1_grad, W2_grad)
