"""Training the network: L-BFGS-B from random or given weights, the cost of every iteration kept."""

import math
import time
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from course import CourseError
from course.datasets import NUM_LABELS
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
          progress=None, cost_function=nn_cost_function, num_labels=NUM_LABELS):
    """Return a TrainingResult: the weights L-BFGS-B finds for the examples X, y.

    Parameters
    ----------
    X : (m, n) training pictures (n = 400 for the digits), y : (m,) labels 0..9
    initial : None to start from random weights drawn with `seed`, or a pair
        (W1, W2) to start from (such as the pretrained weights)
    progress : None, or a function called with (iteration, cost, seconds since
        the start) for the starting weights (iteration 0), then after each iteration
    cost_function : the (J, grad) function to minimize, with the arguments of
        course.nn.nn_cost_function (the learner's own, for --impl exercises)
    num_labels : the output units, one per label 0..num_labels - 1 (10 for the digits)
    """
    check_positive_int("hidden_layer_size", hidden_layer_size)
    check_positive_int("maxiter", maxiter)
    if initial is None:
        initial = rand_initialize_network(np.shape(X)[1], hidden_layer_size, num_labels,
                                          seed)
    W1, W2 = initial
    W1, W2, X = check_network_input(W1, W2, X)
    y = check_labels(y, X.shape[0], num_labels)
    lambda_ = check_lambda(lambda_)
    sizes = (X.shape[1], W1.shape[0], num_labels)
    if W1.shape[0] != hidden_layer_size:
        raise CourseError(f"initial: W1 has {W1.shape[0]} hidden units, "
                          f"expected hidden_layer_size = {hidden_layer_size}")

    cost_of = partial(cost_function, input_layer_size=sizes[0], hidden_layer_size=sizes[1],
                      num_labels=sizes[2], X=X, y=y, lambda_=lambda_)

    costs = []

    def cost(params):
        if not np.all(np.isfinite(params)):  # a step of L-BFGS-B went past the largest float
            raise CourseError(f"training diverged: the weights are no longer finite at "
                              f"iteration {len(costs)} (lambda {lambda_:g} too large?)")
        J, grad = cost_of(params)
        if not costs:  # L-BFGS-B evaluates the starting weights first: the curve begins there
            if not math.isfinite(J):
                raise CourseError(f"training cannot start: the cost of the starting weights "
                                  f"is {J} (weights or lambda far too large?)")
            costs.append(float(J))
            if progress is not None:
                progress(0, costs[0], time.perf_counter() - start)
        return J, grad

    def after_iteration(intermediate_result):
        costs.append(float(intermediate_result.fun))
        if not math.isfinite(costs[-1]):
            raise CourseError(f"training diverged: the cost is {costs[-1]} "
                                     f"at iteration {len(costs) - 1}")
        if progress is not None:
            progress(len(costs) - 1, costs[-1], time.perf_counter() - start)

    start = time.perf_counter()
    result = minimize_lbfgs(cost, unroll(W1, W2), maxiter, after_iteration)
    if not np.all(np.isfinite(result.x)):
        raise CourseError("training diverged: the weights are no longer finite")
    W1, W2 = reshape_params(result.x, *sizes)
    return TrainingResult(W1=W1, W2=W2, costs=costs,
                          seconds=time.perf_counter() - start, message=str(result.message))


def averaged_network(networks):
    """Return (W1, W2): one network whose z3 is the mean of the z3 of the networks (W1, W2).

    Its hidden layer is theirs side by side, so it has all their hidden units. The
    sigmoid only grows, so it reads each picture as the mean of their z3 says: a vote
    of the networks, made into one network of the same two-layer shape.
    """
    if not networks:
        raise CourseError("networks: expected at least one (W1, W2), got none")
    W1 = np.vstack([W1 for W1, _ in networks])                    # (sum of hidden, n + 1)
    bias = np.mean([W2[:, :1] for _, W2 in networks], axis=0)     # (10, 1)
    W2 = np.hstack([bias] + [W2[:, 1:] / len(networks) for _, W2 in networks])
    return W1, W2                                                  # W2: (10, sum of hidden + 1)


def member_plan(seed, members, typeset=None):
    """Return [(seed, learns from the typeset digits too)] for each member of a network.

    typeset None: none of them does; "all": all do; "half": the members come in pairs,
    each pair from one seed, the first without the typeset digits, the second with them.
    """
    if typeset == "half":
        return [(seed + i // 2, i % 2 == 1) for i in range(members)]
    return [(seed + i, typeset == "all") for i in range(members)]


def accuracy(W1, W2, X, y):
    """Return the fraction of the examples X whose label y the network predicts."""
    return float(np.mean(predict(W1, W2, X) == y))
