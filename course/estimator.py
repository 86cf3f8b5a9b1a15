"""The course's network as a scikit-learn classifier, for GridSearchCV, pipelines and the like.

    from sklearn.model_selection import GridSearchCV
    from course import NeuralNetworkClassifier
    search = GridSearchCV(NeuralNetworkClassifier(), {"lambda_": [0.1, 1, 10]}).fit(X, y)

It trains the same network with the same cost and gradient (course.nn) and the
same L-BFGS-B call (course.lbfgs) as `python -m course.train`, on any labels:
the k classes found in y, whatever they are, become the k output units, in the
order of `classes_`. Pictures given as float32 are computed in float32.
"""

import numpy as np

try:
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # scikit-learn missing, or older than 1.6 (no validate_data)
    raise ImportError('course.NeuralNetworkClassifier needs scikit-learn >= 1.6: '
                      'pip install "scikit-learn>=1.6" (in a clone: pip install -e ".[estimator]")'
                      ) from None

from course.nn import check_lambda, check_positive_int, predict_proba
from course.training import train


class NeuralNetworkClassifier(ClassifierMixin, BaseEstimator):
    """A two-layer sigmoid network with L2 regularization, trained by L-BFGS-B.

    Parameters
    ----------
    hidden_layer_size : hidden units (25 in the course)
    lambda_ : regularization strength, >= 0 (the bias weights are not regularized)
    maxiter : L-BFGS-B iterations at most
    seed : seed of the random starting weights (an int, or None for a fresh one)

    Attributes after fit: classes_ (k,), W1_ (hidden, n + 1), W2_ (k, hidden + 1),
    n_features_in_, n_iter_ (L-BFGS-B iterations done), loss_ (final cost).
    """

    def __init__(self, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0):
        self.hidden_layer_size = hidden_layer_size
        self.lambda_ = lambda_
        self.maxiter = maxiter
        self.seed = seed

    def fit(self, X, y):
        """Return self, trained on the examples X (m, n) with labels y (m,)."""
        check_positive_int("hidden_layer_size", self.hidden_layer_size)
        check_positive_int("maxiter", self.maxiter)
        lambda_ = check_lambda(self.lambda_)
        X, y = validate_data(self, X, y, dtype=(np.float64, np.float32))
        check_classification_targets(y)
        self.classes_, labels = np.unique(y, return_inverse=True)  # labels: 0..k - 1
        result = train(X, labels, self.hidden_layer_size, lambda_, self.maxiter, self.seed,
                       num_labels=len(self.classes_))  # the same training as course.train
        self.W1_, self.W2_ = result.W1, result.W2
        self.n_iter_, self.loss_ = result.iterations, result.costs[-1]
        return self

    def __sklearn_is_fitted__(self):
        """Return True once fit has run (lambda_ ends in _, as fitted attributes do)."""
        return hasattr(self, "classes_")

    def predict_proba(self, X):
        """Return (m, k) probabilities, one column per class of classes_, each row summing to 1."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=(np.float64, np.float32))
        return predict_proba(self.W1_, self.W2_, X)

    def predict(self, X):
        """Return the (m,) predicted labels: for each example, the class of the largest output."""
        probabilities = self.predict_proba(X)  # (m, k), after checking that fit has run
        return self.classes_[np.argmax(probabilities, axis=1)]
