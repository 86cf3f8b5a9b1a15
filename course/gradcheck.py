"""Gradient checking: compare backpropagation with central differences."""

import numpy as np

from course.nn import nn_cost_function, unroll


TOLERANCE = 1e-9  # a right backpropagation differs from central differences by less than this


def debug_initialize_weights(fan_out, fan_in):
    """Return fixed weights of shape (fan_out, 1 + fan_in): sin(1), sin(2), ... / 10, row by row."""
    count = fan_out * (1 + fan_in)
    return np.sin(np.arange(1, count + 1)).reshape(fan_out, 1 + fan_in) / 10


def debug_problem():
    """Return the gradient check's fixed problem: sizes (3, 5, 3), W1, W2, X (5, 3), y [1 2 0 1 2].

    A 3-5-3 network on 5 examples, weights and inputs from debug_initialize_weights.
    """
    input_layer_size, hidden_layer_size, num_labels, m = 3, 5, 3, 5
    W1 = debug_initialize_weights(hidden_layer_size, input_layer_size)  # (5, 4)
    W2 = debug_initialize_weights(num_labels, hidden_layer_size)        # (3, 6)
    X = debug_initialize_weights(m, input_layer_size - 1)               # (5, 3)
    y = np.arange(1, m + 1) % num_labels                                # [1 2 0 1 2]
    return (input_layer_size, hidden_layer_size, num_labels), W1, W2, X, y


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    """Return the central-difference gradient of J at theta, (J(t + e) - J(t - e)) / 2e per element.

    J takes a vector like theta and returns the cost (or a tuple whose first
    element is the cost, such as the (J, grad) of nn_cost_function).
    """
    theta = np.asarray(theta, dtype=np.float64)
    numgrad = np.zeros_like(theta)
    perturb = np.zeros_like(theta)
    for i in range(theta.size):
        perturb[i] = epsilon
        numgrad[i] = (_cost(J, theta + perturb) - _cost(J, theta - perturb)) / (2 * epsilon)
        perturb[i] = 0.0
    return numgrad


def check_nn_gradients(lambda_=0.0, cost_function=nn_cost_function,
                       numerical=compute_numerical_gradient):
    """Return the relative difference between backprop and numerical gradients on a 3-5-3 network.

    The fixture is debug_problem(), small and fixed. A correct backpropagation
    gives a relative difference below TOLERANCE; NaN means both gradients are zero.
    `cost_function` and `numerical` can be a learner's own.
    """
    sizes, W1, W2, X, y = debug_problem()

    def cost(params):
        return cost_function(params, *sizes, X, y, lambda_)

    nn_params = unroll(W1, W2)
    grad = np.asarray(cost(nn_params)[1], dtype=np.float64)
    numgrad = np.asarray(numerical(lambda params: _cost(cost, params), nn_params.copy()),
                         dtype=np.float64)
    with np.errstate(invalid="ignore"):  # both zero: NaN, the check cannot tell
        return float(np.linalg.norm(numgrad - grad) / np.linalg.norm(numgrad + grad))


def _cost(J, theta):
    """Return the cost J(theta), taking the first element when J returns (cost, grad)."""
    value = J(theta)
    return float(value[0] if isinstance(value, tuple) else value)
