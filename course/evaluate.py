"""Where the network goes wrong: confusion matrix and accuracy per class (lesson 8)."""

import numpy as np

from course import CourseError


def confusion_matrix(y_true, y_pred, num_labels=10):
    """Return the (labels, labels) counts C with C[i, j] = examples of label i read as j."""
    y_true = _labels("y_true", y_true, num_labels)
    y_pred = _labels("y_pred", y_pred, num_labels)
    if y_pred.shape != y_true.shape:
        raise CourseError(f"y_pred: expected {len(y_true)} labels like y_true, got {len(y_pred)}")
    pairs = y_true * num_labels + y_pred  # one number per (true, predicted) pair
    return np.bincount(pairs, minlength=num_labels ** 2).reshape(num_labels, num_labels)


def accuracy_per_class(y_true, y_pred, num_labels=10):
    """Return the (labels,) fraction of each label's examples read right (NaN for absent labels)."""
    C = confusion_matrix(y_true, y_pred, num_labels)
    examples = C.sum(axis=1)  # examples of each true label
    return np.divide(np.diag(C), examples, out=np.full(num_labels, np.nan), where=examples > 0)


def most_confused_pairs(C, k=5):
    """Return the k (true, predicted, count) off-diagonal cells of C with the most examples."""
    off = np.array(C, copy=True)
    np.fill_diagonal(off, 0)
    order = np.argsort(off, axis=None)[::-1][:k]
    return [(int(i), int(j), int(off[i, j])) for i, j in zip(*np.unravel_index(order, off.shape))
            if off[i, j] > 0]


def _labels(name, y, num_labels):
    """Return y as a 1-D int array after checking its labels are in 0..num_labels - 1."""
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and (y.dtype.kind not in "iu" or y.min() < 0
                                   or y.max() >= num_labels)):
        raise CourseError(f"{name}: expected a vector of integer labels 0..{num_labels - 1}, "
                          f"got {y.dtype} with shape {y.shape}")
    return y.astype(np.int64)
