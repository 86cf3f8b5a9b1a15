"""Lesson 7: training. Let L-BFGS-B find the weights.

Check your answer:

    python -m course.grade 7        or        python -m pytest exercises -k lesson7

When yours passes, read the textbook answer: course/answers/ex7_training.py.
"""

import numpy as np
from scipy.optimize import minimize

from course.nn import rand_initialize_weights, reshape_params, unroll


def train(X, y, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0, cost_function=None):
    """Return (W1, W2): the weights L-BFGS-B finds for the examples X, y from random weights.

    Parameters
    ----------
    X : (m, 400) examples; y : (m,) labels 0..9
    cost_function : the (J, grad) function to minimize, with the arguments of
        nn_cost_function (default: yours, from lesson 5)
    seed : seed of np.random.default_rng for the starting weights
    """
    if cost_function is None:
        from exercises.ex5_backprop import nn_cost_function as cost_function
    input_layer_size, num_labels = X.shape[1], 10
    W1 = np.zeros((hidden_layer_size, input_layer_size + 1))
    W2 = np.zeros((num_labels, hidden_layer_size + 1))
    # ========================= YOUR CODE HERE =========================
    # 1. rng = np.random.default_rng(seed); W1 and W2 from
    #    rand_initialize_weights(l_in, l_out, rng).
    # 2. minimize(cost_function, unroll(W1, W2),
    #             args=(input_layer_size, hidden_layer_size, num_labels, X, y, lambda_),
    #             jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    # 3. W1, W2 = reshape_params(result.x, input_layer_size, hidden_layer_size, num_labels)

    # ==================================================================
    return W1, W2
