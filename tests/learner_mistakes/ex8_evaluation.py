"""Typical mistakes of lesson 8, for tests/test_grading.py."""
import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    C = np.zeros((num_labels - 1, num_labels - 1), dtype=int)  # one too small
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    k = 0
    while k < num_labels:  # k never grows: an endless loop
        pass
    return np.zeros(num_labels)
