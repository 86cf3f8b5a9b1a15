"""course.NeuralNetworkClassifier: scikit-learn's own checks, any labels, model selection."""

import os
import subprocess
import sys

import numpy as np
import pytest

INSTALLED = True
try:
    import sklearn  # noqa: F401
except ImportError:
    INSTALLED = False
if os.environ.get("COURSE_REQUIRE_SKLEARN"):
    assert INSTALLED, 'CI needs scikit-learn: pip install -e ".[test]"'
if not INSTALLED:
    pytest.skip('needs scikit-learn: pip install -e ".[estimator]"', allow_module_level=True)

from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import MinMaxScaler  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from course import NeuralNetworkClassifier  # noqa: E402
from course.nn import predict_proba  # noqa: E402
from course.train import train  # noqa: E402


@parametrize_with_checks([NeuralNetworkClassifier(maxiter=20)])
def test_scikit_learn_check_estimator(estimator, check):
    check(estimator)


def blobs(k, per_class=20, n=6, seed=0):
    """Return X (k * per_class, n) around k well-apart centres, and the class index of each row."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 3, (k, n))
    index = np.repeat(np.arange(k), per_class)
    return centres[index] + rng.normal(0, 0.3, (len(index), n)), index


@pytest.mark.parametrize("names", [
    np.array(["no", "yes"]),                                # two classes, strings
    np.array([7, -3, 12]),                                  # integers that are not 0..k - 1
    np.array([f"class {i:02d}" for i in range(20)]),        # twenty classes
])
def test_any_labels(names):
    X, index = blobs(len(names))
    y = names[index]
    model = NeuralNetworkClassifier(hidden_layer_size=10, lambda_=0.1, maxiter=100).fit(X, y)
    assert list(model.classes_) == sorted(names)
    assert set(model.predict(X)) <= set(names)
    assert model.score(X, y) > 0.9
    probabilities = model.predict_proba(X)
    assert probabilities.shape == (len(X), len(names))
    assert probabilities.sum(axis=1) == pytest.approx(1.0)
    # column j of predict_proba is classes_[j]
    assert np.array_equal(model.classes_[probabilities.argmax(axis=1)], model.predict(X))


def test_same_network_as_course_train(split):
    X_train, y_train = split[0][::8], split[1][::8]  # 500 digits, 50 of each
    model = NeuralNetworkClassifier(lambda_=1.0, maxiter=5, seed=3).fit(X_train, y_train)
    result = train(X_train, y_train, lambda_=1.0, maxiter=5, seed=3)
    assert np.array_equal(model.W1_, result.W1) and np.array_equal(model.W2_, result.W2)
    assert np.array_equal(model.predict_proba(split[2]), predict_proba(result.W1, result.W2,
                                                                       split[2]))


def test_float32_pictures_are_computed_in_float32(split):
    X_train, y_train = split[0][::13], split[1][::13]
    model = NeuralNetworkClassifier(maxiter=5).fit(X_train.astype(np.float32), y_train)
    assert model.predict_proba(split[2][:10].astype(np.float32)).dtype == np.float32
    assert model.W1_.dtype == np.float64  # the weights L-BFGS-B moves stay float64


def test_bad_parameters_are_named():
    X, y = blobs(2)
    with pytest.raises(ValueError, match=r"lambda_: expected a finite number >= 0, got -1"):
        NeuralNetworkClassifier(lambda_=-1).fit(X, y)
    with pytest.raises(ValueError, match=r"hidden_layer_size: expected an integer >= 1, got 0"):
        NeuralNetworkClassifier(hidden_layer_size=0).fit(X, y)


def test_grid_search_chooses_lambda(split):
    X, y = split[0][::10], split[1][::10]  # 400 digits, all ten
    search = GridSearchCV(NeuralNetworkClassifier(maxiter=10), {"lambda_": [0.1, 10.0]}, cv=2)
    search.fit(X, y)
    assert search.best_params_["lambda_"] in (0.1, 10.0)
    assert search.best_estimator_.lambda_ == search.best_params_["lambda_"]
    assert 0.5 < search.score(split[2], split[3]) <= 1.0


def test_cross_val_score_and_pipeline(split):
    X, y = split[0][::10], split[1][::10]  # 400 digits, all ten
    scores = cross_val_score(NeuralNetworkClassifier(maxiter=10), X, y, cv=2)
    assert scores.shape == (2,) and np.all(scores > 0.5)
    pipeline = make_pipeline(MinMaxScaler(), NeuralNetworkClassifier(maxiter=10)).fit(X, y)
    assert pipeline.score(split[2], split[3]) > 0.5


def test_without_scikit_learn_course_works_and_the_error_says_how_to_install_it():
    """The command works from any folder, beside a wheel's install too; a clone's extra is named."""
    program = (
        "import sys; sys.modules['sklearn'] = None\n"   # as if scikit-learn were not installed
        "import course, course.train, course.predict, course.bench\n"
        "try:\n"
        "    course.NeuralNetworkClassifier\n"
        "except ImportError as error:\n"
        "    print(error)\n")
    finished = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert 'pip install "scikit-learn>=1.6" (in a clone: pip install -e ".[estimator]")' \
        in finished.stdout


def test_other_names_are_still_missing():
    import course
    with pytest.raises(AttributeError, match="no attribute 'NeuralNetwork'"):
        course.NeuralNetwork
