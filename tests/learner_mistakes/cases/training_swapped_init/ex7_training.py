"""Lesson 7 with the arguments of rand_initialize_weights swapped (jac=True is there)."""
import numpy as np
from scipy.optimize import minimize

from course.nn import rand_initialize_weights, reshape_params, unroll


def train(X, y, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0, cost_function=None):
    rng = np.random.default_rng(seed)
    W1 = rand_initialize_weights(hidden_layer_size, X.shape[1], rng)  # sizes swapped
    W2 = rand_initialize_weights(10, hidden_layer_size, rng)          # sizes swapped
    result = minimize(cost_function, unroll(W1, W2),
                      args=(X.shape[1], hidden_layer_size, 10, X, y, lambda_),
                      jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    return reshape_params(result.x, X.shape[1], hidden_layer_size, 10)
