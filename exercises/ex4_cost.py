"""Lesson 4: the cost. How wrong is the network, as one number?

The cost is the mean over the examples of the cross-entropy of the 10 outputs
against the one-hot targets, plus the L2 penalty of the weights (lesson part
4.2). The gradient comes in lesson 5: here `grad` stays zeros. Check:

    python -m course.grade 4        or        python -m pytest exercises -k lesson4

When yours passes, read the textbook answer: course/answers/ex4_cost.py.
"""

import numpy as np
from scipy.special import expit as sigmoid, log_expit  # log_expit(z) = log(sigmoid(z))


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_):
    """Return (J, grad): the regularized cost of the network, and (in lesson 5) its gradient.

    Parameters
    ----------
    nn_params : W1 and W2 unrolled, concatenate([W1.ravel(), W2.ravel()])
    X : (m, input_layer_size) examples; y : (m,) labels 0..num_labels - 1
    lambda_ : regularization strength, >= 0

    J = 1/m sum over examples i and outputs k of
            -Y[i, k] log(a3[i, k]) - (1 - Y[i, k]) log(1 - a3[i, k])
        + lambda_/(2m) (sum of W1[:, 1:]**2 + sum of W2[:, 1:]**2)
    with Y[i, k] = 1 when y[i] == k, else 0. The bias columns are not regularized.
    """
    W1 = nn_params[:hidden_layer_size * (input_layer_size + 1)].reshape(
        hidden_layer_size, input_layer_size + 1)                       # (25, 401)
    W2 = nn_params[hidden_layer_size * (input_layer_size + 1):].reshape(
        num_labels, hidden_layer_size + 1)                             # (10, 26)
    m = X.shape[0]
    J = 0.0
    grad = np.zeros(nn_params.shape)  # lesson 5
    # ========================= YOUR CODE HERE =========================
    # 1. Feed forward as in lesson 3, keeping z3: a3 = sigmoid(z3).
    # 2. Y = np.eye(num_labels)[y] is the (m, 10) one-hot matrix of the labels.
    # 3. log(a3) = log_expit(z3) and log(1 - a3) = log_expit(-z3) never give
    #    log(0). Sum over everything, divide by m (4.1, lambda 0).
    # 4. Add the regularization term (4.2), leaving column 0 of W1 and W2 out.

    # ==================================================================
    return J, grad
