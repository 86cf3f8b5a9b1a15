"""Tune the network honestly: choose its settings on a validation part of the training split.

    python -m course.tune     # plots/learning_curve.png, validation_lambda.png, validation_hidden.png
    python -m course.tune --maxiter 50 --sizes 100 400 1600 3200   # quicker

The test split is never loaded: 800 of the 4000 training digits (80 per label)
are held out for validation, and the network learns from the other 3200.
"""

import sys
import time

import numpy as np

from course import CourseError
from course.figures import curves_figure, save_figure
from course.cli import (ArgumentParser, add_seed_argument, non_negative_float, positive_int,
                        run_reporting_errors)
from course.datasets import load_split, validation_split
from course.options import add_network_arguments
from course.training import accuracy, train

SIZES = (100, 200, 400, 800, 1600, 3200)
LAMBDAS = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0)
HIDDENS = (5, 10, 25, 50, 100)


def errors(X_fit, y_fit, X_val, y_val, **settings):
    """Return (training error, validation error) of a network trained on X_fit with the settings."""
    result = train(X_fit, y_fit, **settings)
    return (1 - accuracy(result.W1, result.W2, X_fit, y_fit),
            1 - accuracy(result.W1, result.W2, X_val, y_val))


def measurer(X_fit, y_fit, X_val, y_val, progress=None):
    """Return measure(n, **settings): the errors of a network trained on the first n of X_fit.

    Each (n, settings) is trained once: asked again, measure gives the same
    errors back. progress, if given, is called after each training with
    (n, settings, seconds).
    """
    done = {}

    def measure(n, **settings):
        key = (n, *sorted(settings.items()))
        if key not in done:
            start = time.perf_counter()
            done[key] = errors(X_fit[:n], y_fit[:n], X_val, y_val, **settings)
            if progress is not None:
                progress(n, settings, time.perf_counter() - start)
        return done[key]
    return measure


def balanced_order(X, y):
    """Return X and y reordered to go through the labels in turn, so that any first n are balanced."""
    order = interleaved_order(y)
    return X[order], y[order]


def interleaved_order(y):
    """Return indices of y that go through the labels in turn (0, 1, ..., 9, 0, 1, ...)."""
    rank = np.empty(len(y), dtype=np.int64)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        rank[members] = np.arange(len(members))
    return np.lexsort((y, rank))


def learning_curve(measure, sizes, **settings):
    """Return (train errors, validation errors) after training on the first n examples, n in sizes."""
    curve = [measure(n, **settings) for n in sizes]
    return tuple(np.array(values) for values in zip(*curve))


def validation_curve(measure, n, name, values, **settings):
    """Return (train errors, validation errors) on the first n examples for each value of setting `name`."""
    curve = [measure(n, **{**settings, name: value}) for value in values]
    return tuple(np.array(values) for values in zip(*curve))


def check_sizes(sizes, available):
    """Return the learning curve's sizes after checking that there are that many training digits."""
    too_many = [n for n in sizes if n > available]
    if too_many:
        raise CourseError(f"--sizes: expected at most {available} (the training digits tune "
                          f"learns from; the other 800 validate), got {too_many[0]}")
    return sorted(set(sizes))


def print_progress(n, settings, seconds):
    """Print one line when a training is done, so that a long run is never silent."""
    print(f"  trained on {n} digits, {settings['hidden_layer_size']} hidden units, lambda "
          f"{settings['lambda_']:g}: {seconds:.1f} s", flush=True)


def run(args):
    """Draw the three curves, print their figures and the settings they choose."""
    X_train, y_train, _, _ = load_split()
    X_fit, y_fit, X_val, y_val = validation_split(X_train, y_train)
    X_fit, y_fit = balanced_order(X_fit, y_fit)
    sizes = check_sizes(args.sizes, len(X_fit))
    settings = dict(hidden_layer_size=args.hidden, lambda_=args.lambda_,
                    maxiter=args.maxiter, seed=args.seed)
    print(f"tuning on {len(X_fit)} training digits, validating on {len(X_val)} others "
          f"(the test set is not used); {args.maxiter} iterations per training, each setting "
          "trained once", flush=True)
    measure = measurer(X_fit, y_fit, X_val, y_val, print_progress)

    train_error, val_error = learning_curve(measure, sizes, **settings)
    report("training digits", sizes, train_error, val_error)
    saved = [save_figure(curves_figure(
        sizes, train_error, val_error, "training digits",
        f"learning curve: {args.hidden} hidden units, lambda {args.lambda_:g}", log_x=True),
        "learning_curve.png")]

    chosen = {}
    for name, values, label, log_x, figure in (
            ("lambda_", args.lambdas, "lambda", False, "validation_lambda.png"),
            ("hidden_layer_size", args.hiddens, "hidden units", True, "validation_hidden.png")):
        train_error, val_error = validation_curve(measure, len(X_fit), name, values, **settings)
        report(label, values, train_error, val_error)
        best = values[int(np.argmin(val_error))]
        chosen[label] = best
        title = f"validation curve over {label} (best: {best:g})"
        saved.append(save_figure(curves_figure(values, train_error, val_error, label, title,
                                               log_x=log_x, symlog=name == "lambda_"), figure))
    for path in saved:
        print(f"figure saved to {path}")
    print("chosen on the validation digits: " +
          ", ".join(f"{label} {value:g}" for label, value in chosen.items()))


def report(label, values, train_error, val_error):
    """Print one line per value: the training and validation error."""
    print(f"\n{label:>16} | training error | validation error")
    for value, t, v in zip(values, train_error, val_error):
        print(f"{value:>16g} | {100 * t:13.1f}% | {100 * v:15.1f}%")


def main(argv=None):
    """Run course.tune; return its exit status."""
    parser = ArgumentParser(
        prog="python -m course.tune",
        description="Learning curve and validation curves, on a validation part of the "
                    "training split (never the test split). Saves plots/learning_curve.png, "
                    "plots/validation_lambda.png and plots/validation_hidden.png; with the "
                    "defaults it trains 15 networks: several minutes on 2 cores, a line after "
                    "each.",
        epilog="example: python -m course.tune --maxiter 50 --sizes 100 400 1600 3200")
    add_network_arguments(parser, maxiter=100, where=" where it is not varied")
    add_seed_argument(parser, "the starting weights")
    parser.add_argument("--sizes", type=positive_int, nargs="+", default=SIZES, metavar="N",
                        help="training set sizes of the learning curve, at most 3200 "
                             f"(default {' '.join(map(str, SIZES))})")
    parser.add_argument("--lambdas", type=non_negative_float, nargs="+", default=LAMBDAS,
                        metavar="L", help="values of lambda (default "
                                          f"{' '.join(f'{value:g}' for value in LAMBDAS)})")
    parser.add_argument("--hiddens", type=positive_int, nargs="+", default=HIDDENS,
                        metavar="N", help="hidden layer sizes (default "
                                          f"{' '.join(map(str, HIDDENS))})")
    args = parser.parse_args(argv)
    return run_reporting_errors(run, args)


if __name__ == "__main__":
    sys.exit(main())
