"""Answers to lesson 5: backpropagation, the gradient of the cost for every weight at once."""

import numpy as np
from scipy.special import expit as sigmoid

from course.answers.ex4_cost import nn_cost_function as cost_from_lesson_4


def sigmoid_gradient(z):
    """Return the derivative of the sigmoid at each element of z: g(z) (1 - g(z))."""
    g = sigmoid(z)
    return g * (1 - g)


def rand_initialize_weights(l_in, l_out, rng):
    """Return random weights (l_out, 1 + l_in), uniform in [-epsilon, epsilon], drawn from rng."""
    epsilon = np.sqrt(6 / (l_in + l_out))            # about 0.12 for the 400-25 layer
    return rng.uniform(-epsilon, epsilon, (l_out, 1 + l_in))


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    """Return (J, grad): the cost (lesson 4) and its gradient, unrolled like nn_params.

    The maths, for all m examples at once (Y the one-hot labels, .* elementwise):
        delta3 = a3 - Y                                  dJ/dz3 of each example
        delta2 = (delta3 W2[:, 1:]) .* g'(z2)            dJ/dz2: the error carried back
        Delta1 = delta2^T a1,  Delta2 = delta3^T a2      summed over the examples
        W1_grad = Delta1 / m + lambda_ / m W1            (bias column 0 not regularized)
        W2_grad = Delta2 / m + lambda_ / m W2            (idem)
    """
    J, _ = cost_from_lesson_4(nn_params, input_layer_size, hidden_layer_size, num_labels,
                              X, y, lambda_)
    W1 = nn_params[:hidden_layer_size * (input_layer_size + 1)].reshape(
        hidden_layer_size, input_layer_size + 1)                       # (25, 401)
    W2 = nn_params[hidden_layer_size * (input_layer_size + 1):].reshape(
        num_labels, hidden_layer_size + 1)                             # (10, 26)
    m = X.shape[0]

    # 1. Feed forward, keeping every layer.
    a1 = np.hstack([np.ones((m, 1)), X])             # (m, 401)
    z2 = a1 @ W1.T                                   # (m, 401) x (401, 25) = (m, 25)
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])   # (m, 26)
    z3 = a2 @ W2.T                                   # (m, 26) x (26, 10) = (m, 10)
    a3 = sigmoid(z3)                                 # (m, 10)

    # 2. The errors, from the output back. No error flows into a bias unit:
    #    W2[:, 1:] drops W2's bias column.
    Y = np.eye(num_labels)[y]                        # (m, 10)
    delta3 = a3 - Y                                  # (m, 10)
    delta2 = (delta3 @ W2[:, 1:]) * sigmoid_gradient(z2)  # (m, 10) x (10, 25) = (m, 25)

    # 3. The gradients: accumulated over the examples, averaged, then regularized.
    Delta1 = delta2.T @ a1                           # (25, m) x (m, 401) = (25, 401)
    Delta2 = delta3.T @ a2                           # (10, m) x (m, 26) = (10, 26)
    W1_grad = Delta1 / m
    W2_grad = Delta2 / m
    W1_grad[:, 1:] += lambda_ / m * W1[:, 1:]
    W2_grad[:, 1:] += lambda_ / m * W2[:, 1:]

    grad = np.concatenate([W1_grad.ravel(), W2_grad.ravel()])
    return J, grad
