"""Lesson 8 with a loop that stops one example short."""
import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    C = np.zeros((num_labels, num_labels), dtype=int)
    for k in range(len(y_true) - 1):  # one short
        C[y_true[k], y_pred[k]] += 1
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    C = confusion_matrix(y_true, y_pred, num_labels)
    return np.diag(C) / C.sum(axis=1)
