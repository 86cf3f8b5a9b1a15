"""Tune the network honestly: choose its settings on data it does not learn from.

    python -m course.tune     # plots/learning_curve.png, validation_lambda.png, validation_hidden.png
    python -m course.tune --curves copies distort --hidden 200 --maxiter 150

The test split is never loaded: 800 of the 4000 training digits (80 per label)
are held out for validation, and the network learns from the other 3200 (and, with
--augment, their changed copies). Beside them, every network reads the foreign
validation set (`course.foreign`): digits from handwriting fonts, not MNIST, when
those fonts are installed. The settings chosen are those with the lowest mean of the
validation errors.
"""

import sys
import time
from functools import lru_cache

import numpy as np

from course import CourseError
from course.augment import with_copies
from course.foreign import FONTS_INSTALL, fonts_installed, foreign_validation
from course.figures import curves_figure, save_figure
from course.cli import (ArgumentParser, add_seed_argument, non_negative_float, non_negative_int,
                        positive_int, run_reporting_errors)
from course.datasets import load_split, validation_split
from course.options import (add_augment_arguments, add_members_argument, add_network_arguments,
                            add_precision_argument, add_typeset_argument)
from course.training import accuracy, averaged_network, member_plan, train
from course.typeset import with_typeset_digits

SIZES = (100, 200, 400, 800, 1600, 3200)
LAMBDAS = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0)
HIDDENS = (5, 10, 25, 50, 100)
COPIES = (0, 2, 5, 10)
DISTORTS = (0.0, 0.5, 1.0, 1.5)
MAXITERS = (50, 100, 200, 400)
MEMBERS = (1, 2, 4)
# Each curve (saved as plots/validation_NAME.png): the setting it varies, the option that
# lists the values tried, its label, log x axis.
CURVES = {
    "lambda": ("lambda_", "lambdas", "lambda", False),
    "hidden": ("hidden_layer_size", "hiddens", "hidden units", True),
    "copies": ("copies", "copies", "copies", False),
    "distort": ("distort", "distorts", "distortion", False),
    "maxiter": ("maxiter", "maxiters", "iterations", True),
    "members": ("members", "member_counts", "members", False),
}


def errors(W1, W2, X_fit, y_fit, checks):
    """Return the errors of the network W1, W2: on X_fit, y_fit (what it learned from, without
    the copies), then on each (X, y) of `checks`."""
    return tuple(1 - accuracy(W1, W2, X, y) for X, y in ((X_fit, y_fit), *checks))


def measurer(X_fit, y_fit, checks, progress=None, plain=None):
    """Return measure(n, copies=0, distort=0.0, members=1, **settings): errors() of a network
    trained on the first n of X_fit and `copies` changed copies of each.

    With members > 1, that network is `members` networks averaged (averaged_network),
    trained from the seeds seed, seed + 1, ...; with `plain` (the number of digits of
    X_fit before its typeset ones), in pairs from one seed, the first of each pair on
    at most the first `plain` digits (member_plan's "half"). Each network is trained once: asked
    again, measure uses it again, so a curve over 1, 2, 3 members trains 3. The copies
    of the last (n, copies, distort, seed) are kept for the next training that asks for
    the same. progress, if given, is called after each training with (n, settings, seconds).
    """
    trained = {}

    # One set of copies kept: a curve over lambda, hidden units or iterations of one member
    # makes them once; with several members, each member's are made again (memory bounded).
    @lru_cache(maxsize=1)
    def fitting_set(n, copies, distort, seed):
        return with_copies(X_fit[:n], y_fit[:n], copies, seed, distort)

    def network(n, copies, distort, settings):
        key = (n, copies, distort, *sorted(settings.items()))
        if key not in trained:
            start = time.perf_counter()
            X_more, y_more = fitting_set(n, copies, distort, settings["seed"])
            result = train(X_more, y_more, **settings)
            trained[key] = result.W1, result.W2
            if progress is not None:
                progress(n, dict(settings, copies=copies, distort=distort),
                         time.perf_counter() - start)
        return trained[key]

    def measure(n, copies=0, distort=0.0, members=1, seed=0, **settings):
        plan = member_plan(seed, members, None if plain is None else "half")
        networks = [network(n if plain is None or typeset else min(n, plain), copies, distort,
                            dict(settings, seed=member_seed))
                    for member_seed, typeset in plan]
        return errors(*averaged_network(networks), X_fit[:n], y_fit[:n], checks)
    return measure


def balanced_order(X, y):
    """Return X and y reordered to go through the labels in turn, so that any first n are balanced."""
    order = interleaved_order(y)
    return X[order], y[order]


def learning_curve(measure, sizes, **settings):
    """Return the errors (on the training digits, then on each check) after training on the
    first n digits, n in sizes: one array of len(sizes) each."""
    curve = [measure(n, **settings) for n in sizes]
    return tuple(np.array(values) for values in zip(*curve))


def interleaved_order(y):
    """Return indices of y that go through the labels in turn (0, 1, ..., 9, 0, 1, ...)."""
    rank = np.empty(len(y), dtype=np.int64)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        rank[members] = np.arange(len(members))
    return np.lexsort((y, rank))


def validation_curve(measure, n, name, values, **settings):
    """Return the errors (on the training digits, then on each check) of the first n digits
    for each value of the setting `name`: one array of len(values) each."""
    curve = [measure(n, **{**settings, name: value}) for value in values]
    return tuple(np.array(values) for values in zip(*curve))


def print_progress(n, settings, seconds):
    """Print one line when a training is done, so that a long run is never silent."""
    print(f"  trained on {n} digits, {settings['hidden_layer_size']} hidden units, lambda "
          f"{settings['lambda_']:g}, {settings['maxiter']} iterations, {settings['copies']} "
          f"copies, distortion {settings['distort']:g}, seed {settings['seed']}: "
          f"{seconds:.1f} s", flush=True)


def run(args):
    """Draw the curves asked for, print their figures and the settings they choose."""
    if args.typeset == "half" and args.members < 2 and "members" not in args.curves:
        raise CourseError(f"--typeset half: expected --members 2 or more, or the members curve "
                          f"(every other member learns from the typeset digits), got --members "
                          f"{args.members}")
    X_train, y_train, _, _ = load_split()
    X_fit, y_fit, X_val, y_val = validation_split(X_train, y_train)
    X_fit, y_fit = balanced_order(X_fit, y_fit)
    typeset, plain = "", (len(X_fit) if args.typeset == "half" else None)
    if args.typeset:  # after the MNIST digits: a learning curve reaches them at its full size
        X_fit, y_fit, added = with_typeset_digits(X_fit, y_fit)
        typeset = f" ({added} of them typeset{', for every other member' if plain else ''})"
    dtype = np.float32 if args.precision == "single" else np.float64
    checks = {"validation": (X_val, y_val)}
    if fonts_installed():
        checks["foreign"] = foreign_validation()
    else:
        print(f"the foreign validation set is left out: its fonts are not installed "
              f"({FONTS_INSTALL})")
    X_fit = X_fit.astype(dtype)  # the copies, and so the training, in this precision
    checks = {name: (X.astype(dtype), y) for name, (X, y) in checks.items()}
    settings = dict(hidden_layer_size=args.hidden, lambda_=args.lambda_, maxiter=args.maxiter,
                    seed=args.seed, copies=args.augment, distort=args.distort,
                    members=args.members)
    foreign = f" and on {len(checks['foreign'][1])} foreign digits" if "foreign" in checks else ""
    print(f"tuning on {len(X_fit)} training digits{typeset}, validating on {len(X_val)} others "
          f"(the test set is not used){foreign}; "
          f"{args.hidden} hidden units, lambda {args.lambda_:g}, {args.maxiter} iterations, "
          f"{args.augment} copies, distortion {args.distort:g}, {args.members} member"
          f"{'s' if args.members > 1 else ''} where not varied; "
          f"{args.precision} precision; each setting trained once", flush=True)
    measure = measurer(X_fit, y_fit, checks.values(), print_progress, plain)

    saved, chosen = [], {}
    if "learning" in args.curves:
        sizes = clipped_sizes(args.sizes, len(X_fit))
        curve = learning_curve(measure, sizes, **settings)
        report("training digits", sizes, curve, checks)
        title = f"learning curve: {args.hidden} hidden units, lambda {args.lambda_:g}"
        saved.append(save_figure(figure(sizes, curve, checks, "training digits", title,
                                        log_x=True),
                                 "learning_curve.png"))
    for curve_name in args.curves:
        if curve_name == "learning":
            continue
        name, option, label, log_x = CURVES[curve_name]
        values = getattr(args, option)
        curve = validation_curve(measure, len(X_fit), name, values, **settings)
        report(label, values, curve, checks)
        best = values[int(np.argmin(np.mean(curve[1:], axis=0)))]
        chosen[label] = best
        title = f"validation curve over {label} (best: {best:g})"
        fig = figure(values, curve, checks, label, title, log_x=log_x, symlog=name == "lambda_")
        saved.append(save_figure(fig, f"validation_{curve_name}.png"))
    for path in saved:
        print(f"figure saved to {path}")
    if chosen:
        print(f"chosen on the mean error of {' and '.join(checks)}: " +
              ", ".join(f"{label} {value:g}" for label, value in chosen.items()))


def clipped_sizes(sizes, available):
    """Return the sizes, each at most `available` (noted when one was larger), without repeats."""
    if max(sizes) > available:
        print(f"note: --sizes larger than the {available} training digits left after "
              f"validation ({', '.join(str(n) for n in sizes if n > available)}) "
              f"become {available}")
    return list(dict.fromkeys(min(n, available) for n in sizes))


def figure(values, curve, checks, xlabel, title, **scales):
    """Return the figure of one curve: the training error, then the error on each check."""
    train_error, val_error, *more = curve
    names = [f"{name} validation" for name in list(checks)[1:]]
    return curves_figure(values, train_error, val_error, *zip(names, more),
                         xlabel=xlabel, title=title, **scales)


def report(label, values, curve, checks):
    """Print one line per value: the training error, the error on each check, their mean."""
    print(f"\n{label:>16} | training error | " +
          " | ".join(f"{name} error" for name in checks) + " | mean of these")
    widths = [len(f"{name} error") - 1 for name in checks]
    for value, (train_error, *check_errors) in zip(values, zip(*curve)):
        print(f"{value:>16g} | {100 * train_error:13.1f}% | " +
              " | ".join(f"{100 * error:{width}.1f}%" for error, width in
                         zip(check_errors, widths)) +
              f" | {100 * np.mean(check_errors):12.2f}%")


def as_typed(values):
    """Return values as they are typed on a command line: "100 200 400", "0 0.1 0.3"."""
    return " ".join(f"{value:g}" for value in values)


def main(argv=None):
    """Run course.tune; return its exit status."""
    parser = ArgumentParser(
        prog="python -m course.tune",
        description="Learning curve and validation curves, on a validation part of the "
                    "training split (never the test split). Saves plots/learning_curve.png "
                    "and plots/validation_CURVE.png for each curve; with the defaults it "
                    "trains 15 networks: about 20 s on 2 cores, a line after each.",
        epilog="example: python -m course.tune --maxiter 50 --sizes 100 400 1600 3200")
    add_network_arguments(parser, maxiter=100, where=" where it is not varied")
    add_seed_argument(parser, "the starting weights")
    add_augment_arguments(parser, where=" where not varied")
    add_members_argument(parser, where=" where not varied")
    add_precision_argument(parser, "double")
    add_typeset_argument(parser)
    parser.add_argument("--curves", nargs="+", choices=("learning", *CURVES),
                        default=("learning", "lambda", "hidden"), metavar="CURVE",
                        help="which curves to draw, among learning, " + ", ".join(CURVES) +
                             " (default: learning lambda hidden)")
    parser.add_argument("--sizes", type=positive_int, nargs="+", default=SIZES, metavar="N",
                        help="training set sizes of the learning curve, at most 3200 "
                             f"(default {as_typed(SIZES)})")
    for option, kind, default, what in (
            ("lambdas", non_negative_float, LAMBDAS, "values of lambda"),
            ("hiddens", positive_int, HIDDENS, "hidden layer sizes"),
            ("copies", non_negative_int, COPIES, "numbers of copies (--augment)"),
            ("distorts", non_negative_float, DISTORTS, "distortion strengths"),
            ("maxiters", positive_int, MAXITERS, "numbers of iterations"),
            ("member_counts", positive_int, MEMBERS, "numbers of members (--members)")):
        parser.add_argument(f"--{option.replace('_', '-')}", type=kind, nargs="+",
                            default=default, metavar="V",
                            help=f"{what} that their curve tries (default {as_typed(default)})")
    args = parser.parse_args(argv)
    return run_reporting_errors(run, args)


if __name__ == "__main__":
    sys.exit(main())
