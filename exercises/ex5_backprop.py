"""Lesson 5: backpropagation. The gradient of the cost, for every weight at once.

Check your answers:

    python -m course.grade 5        or        python -m pytest exercises -k lesson5

Then watch your own code learn:  python -m course.train --impl exercises

When yours passes, read the textbook answer: course/answers/ex5_backprop.py.
"""

import numpy as np
from scipy.special import expit as sigmoid


def sigmoid_gradient(z):
    """Return the derivative of the sigmoid at each element of z: g(z) (1 - g(z)).

    z can be a number, a vector or a matrix; the result has its shape.
    """
    g = np.zeros(np.shape(z))
    # ========================= YOUR CODE HERE =========================

    # ==================================================================
    return g


def rand_initialize_weights(l_in, l_out, rng):
    """Return random weights (l_out, 1 + l_in) for a layer with l_in inputs and l_out units.

    Draw them uniformly in [-epsilon, epsilon], epsilon = sqrt(6 / (l_in + l_out))
    (about 0.12 for the first layer), from the numpy Generator `rng`, so that a
    seed repeats a run. Random, so that the hidden units start different.
    """
    W = np.zeros((l_out, 1 + l_in))
    # ========================= YOUR CODE HERE =========================
    # rng.uniform(low, high, size) draws the numbers.

    # ==================================================================
    return W


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    """Return (J, grad): the cost (your lesson 4) and its gradient, unrolled like nn_params.

    Backpropagation, for all m examples at once (Y is the one-hot label matrix):
        delta3 = a3 - Y                                   (m, 10)
        delta2 = (delta3 W2[:, 1:]) * sigmoid_gradient(z2)  (m, 25)
        W1_grad = delta2^T a1 / m                         (25, 401)
        W2_grad = delta3^T a2 / m                         (10, 26)
    then (5.4) add lambda_ / m times the weights, except column 0 of each.
    grad = concatenate([W1_grad.ravel(), W2_grad.ravel()]).
    """
    from exercises.ex4_cost import nn_cost_function as cost_from_lesson_4

    J, _ = cost_from_lesson_4(nn_params, input_layer_size, hidden_layer_size, num_labels,
                              X, y, lambda_)
    W1 = nn_params[:hidden_layer_size * (input_layer_size + 1)].reshape(
        hidden_layer_size, input_layer_size + 1)                       # (25, 401)
    W2 = nn_params[hidden_layer_size * (input_layer_size + 1):].reshape(
        num_labels, hidden_layer_size + 1)                             # (10, 26)
    m = X.shape[0]
    W1_grad = np.zeros(W1.shape)
    W2_grad = np.zeros(W2.shape)
    # ========================= YOUR CODE HERE =========================
    # 1. Feed forward again, keeping a1, z2, a2 and a3.
    # 2. delta3, delta2 as above: W2[:, 1:] drops the bias column, because no
    #    error flows back into the bias unit.
    # 3. The two gradients, divided by m; then their regularization (5.4).

    # ==================================================================
    grad = np.concatenate([W1_grad.ravel(), W2_grad.ravel()])
    return J, grad
