"""Lesson 8: evaluation. Which digits does the network get wrong, and as what?

Check your answers:

    python -m course.grade 8        or        python -m pytest exercises -k lesson8

When yours passes, read the textbook answer: course/answers/ex8_evaluation.py.
"""

import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    """Return C (num_labels, num_labels) of counts: C[i, j] = examples of label i read as j.

    The diagonal counts the right answers; row i shows what label i was taken for.
    """
    C = np.zeros((num_labels, num_labels), dtype=int)
    # ========================= YOUR CODE HERE =========================
    # np.add.at(C, (y_true, y_pred), 1) adds one per example, or loop over the pairs.

    # ==================================================================
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    """Return (num_labels,) fractions: for each label, the share of its examples read right."""
    accuracy = np.zeros(num_labels)
    # ========================= YOUR CODE HERE =========================
    # From the confusion matrix: the diagonal divided by the row sums
    # (how many examples each label has).

    # ==================================================================
    return accuracy
