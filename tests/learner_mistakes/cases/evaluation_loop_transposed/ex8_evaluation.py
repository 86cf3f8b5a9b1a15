"""Lesson 8 with C[predicted, true]: accuracy_per_class is right, but reads the wrong matrix."""
import numpy as np


def confusion_matrix(y_true, y_pred, num_labels=10):
    C = np.zeros((num_labels, num_labels), dtype=int)
    for i in range(len(y_true)):
        C[y_pred[i], y_true[i]] += 1  # swapped
    return C


def accuracy_per_class(y_true, y_pred, num_labels=10):
    C = confusion_matrix(y_true, y_pred, num_labels)
    return np.diag(C) / C.sum(axis=1)
