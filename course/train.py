"""Train the network on the training digits with L-BFGS-B and save its weights.

    python -m course.train                      # 25 hidden units, lambda 1, 50 iterations
    python -m course.train --maxiter 200 --out data/long.npz
"""

import argparse
import math
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from threadpoolctl import ThreadpoolController

from course import data
from course.nn import (check_labels, check_lambda, check_network_input, nn_cost_function,
                       predict, rand_initialize_weights, reshape_params, unroll)


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
          progress=None):
    """Return a TrainingResult: the weights L-BFGS-B finds for the digits X, y.

    Parameters
    ----------
    X : (m, 400) training digits, y : (m,) labels 0..9
    initial : None to start from random weights drawn with `seed`, or a pair
        (W1, W2) to start from (such as the pretrained weights)
    progress : None, or a function called after each iteration with
        (iteration, cost, seconds since the start)
    """
    if initial is None:
        rng = np.random.default_rng(seed)
        W1 = rand_initialize_weights(np.shape(X)[1], hidden_layer_size, rng)
        W2 = rand_initialize_weights(hidden_layer_size, data.NUM_LABELS, rng)
    else:
        W1, W2 = initial
    W1, W2, X = check_network_input(W1, W2, X)
    y = check_labels(y, X.shape[0], data.NUM_LABELS)
    lambda_ = check_lambda(lambda_)
    if isinstance(maxiter, bool) or not isinstance(maxiter, (int, np.integer)) or maxiter < 1:
        raise ValueError(f"maxiter: expected an integer >= 1, got {maxiter!r}")
    sizes = (X.shape[1], W1.shape[0], data.NUM_LABELS)
    if W1.shape[0] != hidden_layer_size:
        raise ValueError(f"initial: W1 has {W1.shape[0]} hidden units, "
                         f"expected hidden_layer_size = {hidden_layer_size}")

    cost_function = partial(nn_cost_function, input_layer_size=sizes[0],
                            hidden_layer_size=sizes[1], num_labels=sizes[2],
                            X=X, y=y, lambda_=lambda_)
    nn_params = unroll(W1, W2)
    costs = [cost_function(nn_params)[0]]
    start = time.perf_counter()

    def after_iteration(intermediate_result):
        costs.append(float(intermediate_result.fun))
        if not math.isfinite(costs[-1]):
            raise FloatingPointError(f"training diverged: the cost is {costs[-1]} "
                                     f"at iteration {len(costs) - 1}")
        if progress is not None:
            progress(len(costs) - 1, costs[-1], time.perf_counter() - start)

    with single_threaded_scipy_blas():
        result = minimize(cost_function, nn_params, jac=True, method="L-BFGS-B",
                          options={"maxiter": maxiter}, callback=after_iteration)
    W1, W2 = reshape_params(result.x, *sizes)
    return TrainingResult(W1=W1, W2=W2, costs=costs,
                          seconds=time.perf_counter() - start, message=str(result.message))


@contextmanager
def single_threaded_scipy_blas():
    """Return a context in which the BLAS libraries that scipy brings run on one thread.

    numpy and scipy wheels each bring their own OpenBLAS, each with a pool of
    threads that spin for a while after every call. Inside L-BFGS-B the two
    take turns (numpy for our matrix products, scipy for the optimizer's small
    vector work) and their spinning threads fight over the cores: on 2 cores
    one evaluation took 42 ms there against 7 ms alone. scipy's small work
    gains nothing from threads, so its pool gets one and numpy keeps its own.
    Where numpy and scipy share one BLAS (as in conda), there is nothing to do.
    """
    libraries = [library for library in ThreadpoolController().lib_controllers
                 if library.user_api == "blas" and _in_scipy(library.filepath)]
    before = [library.num_threads for library in libraries]
    for library in libraries:
        library.set_num_threads(1)
    try:
        yield
    finally:
        for library, num_threads in zip(libraries, before):
            library.set_num_threads(num_threads)


def _in_scipy(filepath):
    """Return True when a shared library's path lies in scipy's own folders."""
    return any(part in ("scipy", "scipy.libs") for part in Path(filepath).parts)


def accuracy(W1, W2, X, y):
    """Return the fraction of the examples X whose label y the network predicts."""
    return float(np.mean(predict(W1, W2, X) == y))


# ---------------------------------------------------------------- program

def positive_int(text):
    """Return text as an integer >= 1, for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def non_negative_float(text):
    """Return text as a finite float >= 0, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {text!r}")
    return value


def parse_args(argv):
    """Return the parsed command line of course.train."""
    parser = argparse.ArgumentParser(
        prog="python -m course.train",
        description="Train the 400-25-10 network on the training digits with L-BFGS-B.")
    parser.add_argument("--hidden", type=positive_int, default=25, metavar="N",
                        help="hidden units (default 25)")
    parser.add_argument("--lambda", dest="lambda_", type=non_negative_float, default=1.0,
                        metavar="L",
                        help="regularization strength lambda (default 1.0)")
    parser.add_argument("--maxiter", type=positive_int, default=50, metavar="N",
                        help="L-BFGS-B iterations at most (default 50)")
    parser.add_argument("--seed", type=int, default=0, metavar="N",
                        help="seed of the random starting weights (default 0)")
    parser.add_argument("--init", choices=("random", "pretrained"), default="random",
                        help="start from random weights or from data/pretrained.npz "
                             "(default random)")
    parser.add_argument("--out", type=Path, default=data.TRAINED, metavar="PATH",
                        help=f"where to save the weights (default {data.TRAINED})")
    parser.add_argument("--validate", action="store_true",
                        help="for choosing settings: train on 80%% of the training split, "
                             "report accuracy on the other 20%% (never the test set) and "
                             "save nothing")
    return parser.parse_args(argv)


def run(args):
    """Train as the command line says, print progress and accuracies, save the weights."""
    X_train, y_train, X_test, y_test = data.load_split()
    if args.validate:
        X_train, y_train, X_test, y_test = data.validation_split(X_train, y_train)
        held_out = "validation accuracy:"
    else:
        data.check_weights_target(args.out)
        held_out = "test accuracy:"
    initial = None
    if args.init == "pretrained":
        initial = data.load_weights(data.PRETRAINED)
        if initial[0].shape[0] != args.hidden:
            raise ValueError(f"--init pretrained: the pretrained network has "
                             f"{initial[0].shape[0]} hidden units, not --hidden {args.hidden}")

    print(f"training a {X_train.shape[1]}-{args.hidden}-{data.NUM_LABELS} network on "
          f"{len(X_train)} digits: lambda {args.lambda_:g}, at most {args.maxiter} "
          f"iterations, {args.init} start, seed {args.seed}")

    def progress(iteration, cost, seconds):
        print(f"iteration {iteration:4d} | cost {cost:.6f} | {seconds:6.2f} s", flush=True)

    result = train(X_train, y_train, args.hidden, args.lambda_, args.maxiter, args.seed,
                   initial, progress)
    train_accuracy = accuracy(result.W1, result.W2, X_train, y_train)
    test_accuracy = accuracy(result.W1, result.W2, X_test, y_test)
    print(f"done in {result.seconds:.2f} s after {result.iterations} iterations "
          f"({result.message})")
    print(f"{'training accuracy:':21}{100 * train_accuracy:.1f}%")
    print(f"{held_out:21}{100 * test_accuracy:.1f}% ({len(y_test)} held-out digits)")
    if args.validate:
        return
    path = data.save_weights(
        args.out, result.W1, result.W2,
        program="course.train", hidden_layer_size=args.hidden, lambda_=args.lambda_,
        maxiter=args.maxiter, seed=args.seed, init=args.init,
        iterations=result.iterations, costs=result.costs, seconds=result.seconds,
        train_accuracy=train_accuracy, test_accuracy=test_accuracy,
        data_checksum=data.data_checksum(X_train, y_train))
    print(f"weights saved to {path}")


def main(argv=None):
    """Run course.train; return its exit status."""
    args = parse_args(argv)
    try:
        run(args)
    except KeyboardInterrupt:
        print("\ninterrupted: no weights saved, any earlier weights file is as it was",
              file=sys.stderr)
        return 130
    except (OSError, ValueError, FloatingPointError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
