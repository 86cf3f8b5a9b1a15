"""Lesson 6: gradient checking. Is backpropagation right? Ask the definition of a derivative.

Check your answers:

    python -m course.grade 6        or        python -m pytest exercises -k lesson6

Then see your lesson 5 gradient beside central differences, element by element:

    python -m course.gradcheck --impl exercises

A right gradient gives a relative difference below 1e-9.

When yours passes, read the textbook answer: course/answers/ex6_gradcheck.py.
"""

import numpy as np


def compute_numerical_gradient(J, theta, epsilon=1e-4):
    """Return the (n,) numerical gradient of J at theta, by central differences.

    Parameters
    ----------
    J : a function of a vector like theta, returning the cost (a number)
    theta : (n,) the point where the gradient is wanted

    For each element i: move theta[i] alone by +epsilon and by -epsilon, and
        numgrad[i] = (J(theta + e_i) - J(theta - e_i)) / (2 epsilon)
    """
    numgrad = np.zeros(theta.shape)
    # ========================= YOUR CODE HERE =========================
    # A loop over the elements is right here: this is a check, not training.
    # Keep theta itself unchanged: work on a perturbation vector, reset after use.

    # ==================================================================
    return numgrad
