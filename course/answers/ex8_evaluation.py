"""Answers to lesson 8: which digits the network gets wrong, and as what."""

import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    """Return C (num_labels, num_labels) of counts: C[i, j] = examples of label i read as j."""
    C = np.zeros((num_labels, num_labels), dtype=int)
    np.add.at(C, (y_true, y_pred), 1)                # one more in C[true, predicted] per example
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    """Return (num_labels,) fractions: for each label, the share of its examples read right."""
    C = confusion_matrix(y_true, y_pred, num_labels)
    return np.diag(C) / C.sum(axis=1)                # right answers / examples of each label
