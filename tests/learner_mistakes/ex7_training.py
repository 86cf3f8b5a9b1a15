"""Typical mistakes of lesson 7, for tests/test_grading.py."""
import numpy as np
from scipy.optimize import minimize

from course.nn import rand_initialize_weights, reshape_params, unroll


def train(X, y, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0, cost_function=None):
    rng = np.random.default_rng(seed)
    W1 = rand_initialize_weights(X.shape[1], hidden_layer_size, rng)
    W2 = rand_initialize_weights(hidden_layer_size, 10, rng)
    result = minimize(cost_function, unroll(W1, W2),  # jac=True forgotten
                      args=(X.shape[1], hidden_layer_size, 10, X, y, lambda_),
                      method="L-BFGS-B", options={"maxiter": maxiter})
    return reshape_params(result.x, X.shape[1], hidden_layer_size, 10)
