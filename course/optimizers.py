"""Why L-BFGS-B: the digit network trained by plain gradient descent, momentum and L-BFGS-B.

    python -m course.optimizers      # plots/optimizers.png: cost against iterations and time

Every method starts from the same random weights and minimizes the same cost,
course.nn.nn_cost_function, for the same number of iterations (one gradient
each for gradient descent; one or a few for L-BFGS-B, which also picks its own
step sizes).
"""

import sys
import time

import numpy as np

from course.cli import ArgumentParser, add_seed_argument, positive_int, run_reporting_errors
from course.datasets import NUM_LABELS, load_split
from course.figures import Figure, save_figure  # matplotlib's, after figures sees to MPLBACKEND
from course.lbfgs import minimize_lbfgs
from course.nn import nn_cost_function, rand_initialize_network, unroll

# name: (learning rate, momentum); the rates were tried on the digits (see the README)
GRADIENT_DESCENT = {
    "gradient descent, rate 0.1 (too small)": (0.1, 0.0),
    "gradient descent, rate 3 (good)": (3.0, 0.0),
    "gradient descent, rate 30 (too large)": (30.0, 0.0),
    "momentum 0.9, rate 0.5": (0.5, 0.9),
}


def gradient_descent(cost_function, x0, learning_rate, iterations, momentum=0.0):
    """Return (costs, seconds): the cost before each step and the time since the start.

    Each step moves against the gradient: velocity = momentum * velocity -
    learning_rate * grad, then x = x + velocity (momentum 0 is plain descent).
    A cost that is no longer finite ends the run: the steps were too large.
    """
    x, velocity = np.array(x0, dtype=np.float64), np.zeros(len(x0))
    costs, seconds, start = [], [], time.perf_counter()
    for _ in range(iterations + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            J, grad = cost_function(x)
        costs.append(float(J))
        seconds.append(time.perf_counter() - start)
        if not np.isfinite(J):
            break
        velocity = momentum * velocity - learning_rate * grad
        x = x + velocity
    return costs, seconds


def lbfgs(cost_function, x0, iterations):
    """Return (costs, seconds) of L-BFGS-B: the cost after each iteration, and when."""
    start = time.perf_counter()
    costs, seconds = [float(cost_function(x0)[0])], [0.0]

    def after_iteration(intermediate_result):
        costs.append(float(intermediate_result.fun))
        seconds.append(time.perf_counter() - start)

    minimize_lbfgs(cost_function, x0, iterations, after_iteration)
    return costs, seconds


def compare(X, y, iterations=100, hidden_layer_size=25, lambda_=1.0, seed=0):
    """Return {method: (costs, seconds)} for every method, all from the same starting weights."""
    x0 = unroll(*rand_initialize_network(X.shape[1], hidden_layer_size, NUM_LABELS, seed))

    def cost(params):
        return nn_cost_function(params, X.shape[1], hidden_layer_size, NUM_LABELS, X, y,
                                lambda_)

    runs = {name: gradient_descent(cost, x0, rate, iterations, momentum)
            for name, (rate, momentum) in GRADIENT_DESCENT.items()}
    runs["L-BFGS-B"] = lbfgs(cost, x0, iterations)
    return runs


def optimizers_figure(runs, title):
    """Return a figure of each method's cost against iterations (left) and seconds (right)."""
    fig = Figure(figsize=(12, 4.8), layout="constrained")
    by_iteration, by_time = fig.subplots(1, 2, sharey=True)
    for name, (costs, seconds) in runs.items():
        style = dict(linewidth=2.5, color="black") if name == "L-BFGS-B" else {}
        by_iteration.plot(np.arange(len(costs)), costs, label=name, **style)
        by_time.plot(seconds, costs, label=name, **style)
    by_iteration.set_yscale("log")
    by_iteration.set_xlabel("iteration")
    by_iteration.set_ylabel("cost J (log scale)")
    by_time.set_xlabel("seconds")
    for ax in (by_iteration, by_time):
        ax.grid(True, which="both", alpha=0.3)
    by_time.legend(fontsize=9)
    fig.suptitle(title)
    return fig


def run(args):
    """Compare the optimizers on the training digits, print the final costs, save the figure."""
    X_train, y_train, _, _ = load_split()
    print(f"training the {X_train.shape[1]}-25-{NUM_LABELS} network on {len(X_train)} "
          f"digits for {args.iterations} iterations with each method")
    runs = compare(X_train, y_train, args.iterations, seed=args.seed)
    for name, (costs, seconds) in runs.items():
        ending = (f"cost {costs[-1]:.3f}" if np.isfinite(costs[-1])
                  else f"diverged at iteration {len(costs) - 1}")
        print(f"  {name:40} {ending}, highest after the start {max(costs[1:]):.3f}, "
              f"{seconds[-1]:.2f} s")
    path = save_figure(optimizers_figure(
        runs, f"the same network, the same cost, {args.iterations} iterations: "
              "what the optimizer buys"), "optimizers.png")
    print(f"figure saved to {path}")


def main(argv=None):
    """Run course.optimizers; return its exit status."""
    parser = ArgumentParser(prog="python -m course.optimizers",
                            description="Train the digit network with gradient descent, "
                                        "momentum and L-BFGS-B, and plot their costs in "
                                        "plots/optimizers.png. Takes seconds to a minute.",
                            epilog="example: python -m course.optimizers --iterations 50")
    parser.add_argument("--iterations", type=positive_int, default=100, metavar="N",
                        help="iterations of each method (default 100)")
    add_seed_argument(parser, "the starting weights, the same for all")
    return run_reporting_errors(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
