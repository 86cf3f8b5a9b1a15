"""Answers to lesson 7: training, letting L-BFGS-B find the weights."""

import numpy as np
from scipy.optimize import minimize

from course.answers.ex5_backprop import nn_cost_function as cost_from_lesson_5
from course.nn import rand_initialize_weights, reshape_params, unroll


def train(X, y, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0, cost_function=None):
    """Return (W1, W2): the weights L-BFGS-B finds for the examples X, y from random weights."""
    if cost_function is None:
        cost_function = cost_from_lesson_5
    input_layer_size, num_labels = X.shape[1], 10
    rng = np.random.default_rng(seed)
    W1 = rand_initialize_weights(input_layer_size, hidden_layer_size, rng)  # (25, 401)
    W2 = rand_initialize_weights(hidden_layer_size, num_labels, rng)        # (10, 26)
    result = minimize(cost_function, unroll(W1, W2),
                      args=(input_layer_size, hidden_layer_size, num_labels, X, y, lambda_),
                      jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    W1, W2 = reshape_params(result.x, input_layer_size, hidden_layer_size, num_labels)
    return W1, W2
