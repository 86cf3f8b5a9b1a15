"""Train the network on the training digits with L-BFGS-B and save its weights.

    python -m course.train                      # 25 hidden units, lambda 1, 50 iterations
    python -m course.train --maxiter 200 --out data/long.npz
"""

import math
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np

from course import data
from course.augment import with_copies
from course.cli import (ArgumentParser, add_seed_argument, non_negative_float, non_negative_int,
                        positive_int, run_reporting_errors)
from course.lbfgs import minimize_lbfgs
from course.nn import (check_labels, check_lambda, check_network_input, check_positive_int,
                       nn_cost_function, predict, rand_initialize_network, reshape_params,
                       unroll)


@dataclass
class TrainingResult:
    """What a training run gives back: the weights and the cost at each iteration."""

    W1: np.ndarray  # (hidden, 401)
    W2: np.ndarray  # (10, hidden + 1)
    costs: list = field(default_factory=list)  # costs[0] before training, costs[i] after iteration i
    seconds: float = 0.0
    message: str = ""

    @property
    def iterations(self):
        """Return the number of L-BFGS-B iterations done."""
        return len(self.costs) - 1


def train(X, y, hidden_layer_size=25, lambda_=1.0, maxiter=50, seed=0, initial=None,
          progress=None, cost_function=nn_cost_function):
    """Return a TrainingResult: the weights L-BFGS-B finds for the examples X, y.

    Parameters
    ----------
    X : (m, n) training pictures (n = 400 for the digits), y : (m,) labels 0..9
    initial : None to start from random weights drawn with `seed`, or a pair
        (W1, W2) to start from (such as the pretrained weights)
    progress : None, or a function called after each iteration with
        (iteration, cost, seconds since the start)
    cost_function : the (J, grad) function to minimize, with the arguments of
        course.nn.nn_cost_function (the learner's own, for --impl exercises)
    """
    check_positive_int("hidden_layer_size", hidden_layer_size)
    check_positive_int("maxiter", maxiter)
    if initial is None:
        initial = rand_initialize_network(np.shape(X)[1], hidden_layer_size, data.NUM_LABELS,
                                          seed)
    W1, W2 = initial
    W1, W2, X = check_network_input(W1, W2, X)
    y = check_labels(y, X.shape[0], data.NUM_LABELS)
    lambda_ = check_lambda(lambda_)
    sizes = (X.shape[1], W1.shape[0], data.NUM_LABELS)
    if W1.shape[0] != hidden_layer_size:
        raise ValueError(f"initial: W1 has {W1.shape[0]} hidden units, "
                         f"expected hidden_layer_size = {hidden_layer_size}")

    cost = partial(cost_function, input_layer_size=sizes[0], hidden_layer_size=sizes[1],
                   num_labels=sizes[2], X=X, y=y, lambda_=lambda_)
    nn_params = unroll(W1, W2)
    costs = [float(cost(nn_params)[0])]
    if not math.isfinite(costs[0]):
        raise FloatingPointError(f"training cannot start: the cost of the starting weights is "
                                 f"{costs[0]} (weights or lambda far too large?)")
    start = time.perf_counter()

    def after_iteration(intermediate_result):
        costs.append(float(intermediate_result.fun))
        if not math.isfinite(costs[-1]):
            raise FloatingPointError(f"training diverged: the cost is {costs[-1]} "
                                     f"at iteration {len(costs) - 1}")
        if progress is not None:
            progress(len(costs) - 1, costs[-1], time.perf_counter() - start)

    result = minimize_lbfgs(cost, nn_params, maxiter, after_iteration)
    if not np.all(np.isfinite(result.x)):
        raise FloatingPointError("training diverged: the weights are no longer finite")
    W1, W2 = reshape_params(result.x, *sizes)
    return TrainingResult(W1=W1, W2=W2, costs=costs,
                          seconds=time.perf_counter() - start, message=str(result.message))


def accuracy(W1, W2, X, y):
    """Return the fraction of the examples X whose label y the network predicts."""
    return float(np.mean(predict(W1, W2, X) == y))


# ---------------------------------------------------------------- program

def parse_args(argv):
    """Return the parsed command line of course.train."""
    parser = ArgumentParser(
        prog="python -m course.train",
        description="Train the 400-25-10 network on the training digits with L-BFGS-B.")
    parser.add_argument("--hidden", type=positive_int, default=25, metavar="N",
                        help="hidden units (default 25)")
    parser.add_argument("--lambda", dest="lambda_", type=non_negative_float, default=1.0,
                        metavar="L",
                        help="regularization strength lambda (default 1.0)")
    parser.add_argument("--maxiter", type=positive_int, default=50, metavar="N",
                        help="L-BFGS-B iterations at most (default 50)")
    add_seed_argument(parser, "the random starting weights (and of --augment's copies)")
    parser.add_argument("--init", choices=("random", "pretrained"), default="random",
                        help="start from random weights or from data/pretrained.npz "
                             "(default random)")
    parser.add_argument("--dataset", choices=("digits", "fashion"), default="digits",
                        help="what to learn: the course's digits, or Fashion-MNIST's "
                             "clothing (needs Debian's dataset-fashion-mnist; default digits)")
    parser.add_argument("--out", type=Path, default=None, metavar="PATH",
                        help=f"where to save the weights (default {data.TRAINED}, or "
                             "data/trained-fashion.npz for --dataset fashion)")
    parser.add_argument("--augment", type=non_negative_int, default=0, metavar="N",
                        help="add N changed copies of each training digit (rotated, scaled, "
                             "slanted, shifted, strokes thicker, thinner or broken, noise; "
                             "default 0)")
    parser.add_argument("--distort", type=non_negative_float, default=0.0, metavar="S",
                        help="with --augment: also distort the copies elastically, each pixel "
                             "moved by about S pixels (default 0: not at all)")
    parser.add_argument("--impl", choices=("course", "exercises"), default="course",
                        help="whose cost and gradient to train with: the package's, or "
                             "yours from exercises/ex5_backprop.py (default course)")
    parser.add_argument("--validate", action="store_true",
                        help="for choosing settings: train on 80%% of the training split, "
                             "report accuracy on the other 20%% (never the test set) and "
                             "save nothing")
    return parser.parse_args(argv)


def learners_cost_function():
    """Return the learner's nn_cost_function (lesson 5) once it passes the gradient check."""
    from exercises.ex5_backprop import nn_cost_function as cost_function

    from course.gradcheck import TOLERANCE, check_nn_gradients
    difference = check_nn_gradients(3.0, cost_function)
    if np.isnan(difference):
        raise ValueError(
            "--impl exercises: your nn_cost_function gives a zero cost and gradient that do "
            "not change with the weights (still the stubs?): finish lessons 4 and 5 first; "
            "python -m course.grade 4 5 says where you are")
    if not difference < TOLERANCE:
        raise ValueError(
            f"--impl exercises: your nn_cost_function fails the gradient check (relative "
            f"difference {difference:.1e}, expected below {TOLERANCE:g}): finish lessons 4 "
            "and 5 first; python -m course.grade 4 5 says what is wrong")
    print(f"your nn_cost_function passes the gradient check (relative difference "
          f"{difference:.1e}); training with it")
    return cost_function


def run(args):
    """Train as the command line says, print progress and accuracies, save the weights."""
    out = args.out if args.out is not None else data.default_trained(args.dataset)
    if not args.validate:
        data.check_weights_target(out)  # before the work, not after
    if args.init == "pretrained" and args.dataset != "digits":
        raise ValueError("--init pretrained: the pretrained weights read digits; "
                         f"train {args.dataset} from random weights")
    dataset = data.load_dataset(args.dataset)
    X_train, y_train, X_test, y_test = (dataset.X_train, dataset.y_train, dataset.X_test,
                                        dataset.y_test)
    things = f"{dataset.item}s"
    if args.validate:
        X_train, y_train, X_test, y_test = data.validation_split(X_train, y_train)
        held_out = "validation accuracy:"
    else:
        held_out = "test accuracy:"
    initial = None
    if args.init == "pretrained":
        initial = data.load_weights(data.PRETRAINED)
        if initial[0].shape[0] != args.hidden:
            raise ValueError(f"--init pretrained: the pretrained network has "
                             f"{initial[0].shape[0]} hidden units, not --hidden {args.hidden}")

    cost_function = learners_cost_function() if args.impl == "exercises" else nn_cost_function
    checksum = data.data_checksum(X_train, y_train)  # of the digits, before any copies
    if args.distort and not args.augment:
        raise ValueError(f"--distort {args.distort:g}: expected --augment N too (it distorts "
                         "the changed copies), got no copies")
    X_fit, y_fit = with_copies(X_train, y_train, args.augment, args.seed, args.distort)
    distorted = f", distorted {args.distort:g}" if args.distort else ""
    copies = f" (with {args.augment} changed copies of each{distorted})" if args.augment else ""
    print(f"training a {X_train.shape[1]}-{args.hidden}-{data.NUM_LABELS} network on "
          f"{len(X_train)} {things}{copies}: lambda {args.lambda_:g}, at most {args.maxiter} "
          f"iterations, {args.init} start, seed {args.seed}")

    def progress(iteration, cost, seconds):
        print(f"iteration {iteration:4d} | cost {cost:.6f} | {seconds:6.2f} s", flush=True)

    result = train(X_fit, y_fit, args.hidden, args.lambda_, args.maxiter, args.seed,
                   initial, progress, cost_function)
    train_accuracy = accuracy(result.W1, result.W2, X_train, y_train)
    test_accuracy = accuracy(result.W1, result.W2, X_test, y_test)
    print(f"done in {result.seconds:.2f} s after {result.iterations} iterations "
          f"({result.message})")
    print(f"{'training accuracy:':21}{100 * train_accuracy:.1f}%")
    print(f"{held_out:21}{100 * test_accuracy:.1f}% ({len(y_test)} held-out {things})")
    if args.validate:
        return
    path = data.save_weights(
        out, result.W1, result.W2,
        program="course.train", dataset=args.dataset, impl=args.impl,
        hidden_layer_size=args.hidden, lambda_=args.lambda_, maxiter=args.maxiter,
        seed=args.seed, init=args.init, augment=args.augment, distort=args.distort,
        iterations=result.iterations, costs=result.costs, seconds=result.seconds,
        train_accuracy=train_accuracy, test_accuracy=test_accuracy,
        data_checksum=checksum)
    print(f"weights saved to {path}")


def main(argv=None):
    """Run course.train; return its exit status."""
    return run_reporting_errors(
        run, parse_args(argv),
        interrupted="interrupted: no weights saved, any earlier weights file is as it was")


if __name__ == "__main__":
    sys.exit(main())
