"""Read held-out digits with trained weights.

    python -m course.predict --test          # accuracy on the 1000 held-out digits
    python -m course.predict --index 7       # one held-out digit, its top 3, a figure
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from course import data
from course.figures import prediction_figure, save_figure
from course.nn import check_network_input, predict, predict_proba


def load_network(path, X):
    """Return (W1, W2) from `path`, checked to fit examples like X; warn when trained on other data."""
    W1, W2 = data.load_weights(path)
    if W1.shape[1] != X.shape[1] + 1:
        raise ValueError(
            f"weights file {path}: W1 has shape {W1.shape}, which reads "
            f"{W1.shape[1] - 1} pixels, but these digits have {X.shape[1]}")
    check_network_input(W1, W2, X)
    return W1, W2


def describe_weights(path):
    """Return one line saying which weights these are and how they were trained."""
    meta = data.load_metadata(path)
    if "hidden_layer_size" not in meta:
        return f"weights: {path}"
    return (f"weights: {path} ({meta['hidden_layer_size']} hidden units, "
            f"lambda {meta['lambda_']:g}, {meta['iterations']} iterations, "
            f"{meta['init']} start, seed {meta['seed']})")


def top_k(probabilities, k=3):
    """Return the k (label, probability) pairs with the largest probabilities, largest first."""
    order = np.argsort(probabilities)[::-1][:k]
    return [(int(label), float(probabilities[label])) for label in order]


def report_test(path, X_train, y_train, X_test, y_test):
    """Print the held-out accuracy of the weights at `path`; return it."""
    W1, W2 = load_network(path, X_test)
    print(describe_weights(path))
    checksum = data.load_metadata(path).get("data_checksum")
    if checksum is not None and checksum != data.data_checksum(X_train, y_train):
        print("note: these weights were trained on other data than this training split")
    correct = int(np.sum(predict(W1, W2, X_test) == y_test))
    accuracy = correct / len(y_test)
    print(f"test accuracy: {100 * accuracy:.1f}% ({correct} of {len(y_test)} held-out digits)")
    return accuracy


def report_index(path, index, X_test, y_test):
    """Print the prediction for held-out digit `index`, save its figure; return the figure's path."""
    if not 0 <= index < len(X_test):
        raise ValueError(f"--index: expected a held-out digit from 0 to {len(X_test) - 1}, "
                         f"got {index}")
    W1, W2 = load_network(path, X_test)
    x = X_test[index]
    probabilities = predict_proba(W1, W2, x[np.newaxis, :])[0]  # (10,)
    best = top_k(probabilities)
    print(describe_weights(path))
    verdict = "right" if best[0][0] == y_test[index] else "wrong"
    print(f"held-out digit {index}: true label {y_test[index]}, "
          f"the network reads {best[0][0]} ({verdict})")
    for label, probability in best:
        print(f"  {label}: {100 * probability:5.1f}%")
    title = (f"held-out digit {index}: label {y_test[index]}, "
             f"read as {best[0][0]} ({100 * best[0][1]:.0f}%)")
    figure = save_figure(prediction_figure(x, probabilities, title), f"predict_{index}.png")
    print(f"figure saved to {figure}")
    return figure


def parse_args(argv):
    """Return the parsed command line of course.predict."""
    parser = argparse.ArgumentParser(
        prog="python -m course.predict",
        description="Read held-out digits with trained weights (default: --test).")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--test", action="store_true",
                      help="accuracy on the 1000 held-out test digits")
    what.add_argument("--index", type=int, metavar="N",
                      help="read held-out digit N (0-999): its top 3 and a figure")
    parser.add_argument("--weights", type=Path, default=None, metavar="PATH",
                        help=f"weights file (default: {data.TRAINED} if it exists, "
                             f"else {data.PRETRAINED})")
    return parser.parse_args(argv)


def main(argv=None):
    """Run course.predict; return its exit status."""
    args = parse_args(argv)
    path = args.weights if args.weights is not None else data.default_weights()
    try:
        X_train, y_train, X_test, y_test = data.load_split()
        if args.index is not None:
            report_index(path, args.index, X_test, y_test)
        else:
            report_test(path, X_train, y_train, X_test, y_test)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
