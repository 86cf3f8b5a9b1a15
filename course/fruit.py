"""The fruit lesson: two inputs, two classes, and why a hidden layer is needed.

    python -m course.fruit     # plots/fruit_boundaries.png

A made-up fruit has spots (their size in mm) and spikes (their length in mm).
It is poisonous when its spikes are about as long as its spots are large
(within 2 mm): the poisonous ones lie in a band between two lines, and no
single straight line separates them from the safe ones. A network with no
hidden layer draws one straight line; one with a hidden layer of sigmoids can
combine several.
Both use the same cost (cross-entropy) and the same optimizer (L-BFGS-B) as
the digits.
"""

import itertools
import sys

import numpy as np

from course.cli import (ArgumentParser, add_seed_argument, check_memory, positive_int,
                        run_reporting_errors)
# Figure and LinearSegmentedColormap are matplotlib's, imported once figures sees to MPLBACKEND.
from course.figures import Figure, LinearSegmentedColormap, save_figure
from course.fruit_data import CLASSES, LIMITS, make_fruit, scale
from course.lbfgs import minimize_lbfgs
from course.logistic import lr_cost_function
from course.nn import (add_bias, nn_cost_function, predict_proba, rand_initialize_network,
                       reshape_params, sigmoid, unroll)

SNAPSHOTS = (1, 5, 20, 100)


def train_linear(X, y, snapshots=SNAPSHOTS):
    """Return {iteration: theta} of logistic regression (no hidden layer) after each snapshot."""
    X1 = add_bias(scale(X))  # (m, 3)
    return _train(lambda theta: lr_cost_function(theta, X1, y, 0.0), np.zeros(3), snapshots)


def train_hidden(X, y, hidden_layer_size=8, snapshots=SNAPSHOTS, seed=0):
    """Return {iteration: (W1, W2)} of a 2-hidden-2 sigmoid network after each snapshot."""
    sizes = (2, hidden_layer_size, 2)
    x0 = unroll(*rand_initialize_network(*sizes, seed))
    Xs = scale(X)
    taken = _train(lambda params: nn_cost_function(params, *sizes, Xs, y, 1e-3), x0, snapshots)
    return {iteration: reshape_params(params, *sizes) for iteration, params in taken.items()}


def _train(cost_function, x0, snapshots):
    """Return {iteration: parameters} of L-BFGS-B on cost_function, kept at each snapshot."""
    taken, iterations = {}, itertools.count(1)

    def after_iteration(intermediate_result):
        iteration = next(iterations)
        if iteration in snapshots:
            taken[iteration] = intermediate_result.x.copy()

    result = minimize_lbfgs(cost_function, x0, max(snapshots), after_iteration)
    for iteration in snapshots:  # converged early: the final answer stands for later snapshots
        taken.setdefault(iteration, result.x.copy())
    return taken


def probability_linear(theta, X):
    """Return the (m,) probabilities of poisonous that logistic regression gives the fruits X."""
    return sigmoid(add_bias(scale(X)) @ theta)  # (m, 3) @ (3,) = (m,)


def probability_hidden(W1, W2, X):
    """Return the (m,) probabilities of poisonous that the network gives the fruits X."""
    return predict_proba(W1, W2, scale(X))[:, 1]  # (m, 2), column 1 poisonous


def share_right(p, y):
    """Return the fraction of fruits classed right: poisonous (1) where the probability p >= 0.5."""
    return float(np.mean((p >= 0.5) == y))


def iterations_text(count):
    """Return "1 iteration" or "N iterations"."""
    return f"{count} iteration{'' if count == 1 else 's'}"


def draw_lines(ax, steps, p):
    """Draw on ax the 0.5 line of the probabilities p, or dashed lines of equal probability.

    The dashed lines stand in where the 0.5 line is out of view, with a note of
    what the model then calls every fruit.
    """
    if p.min() < 0.5 < p.max():
        ax.contour(steps, steps, p, levels=[0.5], colors="black", linewidths=1.5)
        return
    levels = [level for level in np.arange(0.02, 1.0, 0.02) if p.min() < level < p.max()]
    if levels:
        lines = ax.contour(steps, steps, p, levels=levels, colors="dimgray", linewidths=0.8,
                           linestyles="dashed")
        ax.clabel(lines, fmt="%.2f", fontsize=7)
    called = "safe" if p.max() < 0.5 else "poisonous"
    ax.text(0.5, 0.02, f"no 0.5 line: every fruit called {called}",
            transform=ax.transAxes, ha="center", fontsize=8,
            bbox=dict(facecolor="white", alpha=0.8, edgecolor="none"))


def boundaries_figure(X, y, linear, hidden):
    """Return a figure: each network's probability of poisonous over the plane, its 0.5 line, the fruits.

    The shading goes from green (surely safe) to red (surely poisonous); the
    black line is where the probability is 0.5, the boundary the network draws.
    Where that line is out of view, dashed lines of equal probability show its
    direction: straight and parallel for the network with no hidden layer.
    """
    steps = np.linspace(*LIMITS, 201)
    grid = np.stack(np.meshgrid(steps, steps), axis=-1).reshape(-1, 2)  # (201 * 201, 2)
    shades = LinearSegmentedColormap.from_list("safe_poisonous", ["#8fd18f", "#ffffff", "#f08a80"])
    fig = Figure(figsize=(3.2 * len(linear), 7.2), layout="constrained")
    axes = fig.subplots(2, len(linear), sharex=True, sharey=True)
    rows = (("no hidden layer", linear, probability_linear),
            (f"{next(iter(hidden.values()))[0].shape[0]} hidden units", hidden,
             lambda W, X: probability_hidden(*W, X)))
    for row, (name, snapshots, probability) in zip(axes, rows):
        for ax, (iteration, weights) in zip(row, snapshots.items()):
            p = probability(weights, grid).reshape(len(steps), len(steps))
            shading = ax.pcolormesh(steps, steps, p, cmap=shades, vmin=0, vmax=1,
                                    shading="auto")
            draw_lines(ax, steps, p)
            for label, marker, color in ((0, "o", "tab:green"), (1, "x", "tab:red")):
                ax.scatter(*X[y == label].T, marker=marker, color=color, s=14,
                           label=CLASSES[label])
            right = share_right(probability(weights, X), y)
            ax.set_title(f"{name}\nafter {iterations_text(iteration)}: {100 * right:.0f}% "
                         "right", fontsize=10)
    for ax in axes[-1]:
        ax.set_xlabel("spot size (mm)")
    for ax in axes[:, 0]:
        ax.set_ylabel("spike length (mm)")
    axes[0, -1].legend(loc="upper right", fontsize=8)
    fig.colorbar(shading, ax=axes, shrink=0.6, label="probability of poisonous "
                                                     "(black line: 0.5)")
    fig.suptitle("poisonous (red) when spikes are about as long as spots are large: "
                 "a straight line cannot tell, a hidden layer can")
    return fig


def run(args):
    """Train both networks on the fruits, print how well they do, save the figure."""
    # About a dozen numbers per fruit for its measurements and the linear model,
    # four per hidden unit for the network's activations and gradient.
    check_memory(f"{args.fruits} fruits and {args.hidden} hidden units",
                 8 * args.fruits * (12 + 4 * args.hidden))
    X, y = make_fruit(args.fruits, args.seed)
    linear = train_linear(X, y)
    hidden = train_hidden(X, y, args.hidden, seed=args.seed)
    last = max(SNAPSHOTS)
    print(f"{args.fruits} fruits, {np.sum(y)} of them poisonous")
    print(f"  no hidden layer:         "
          f"{100 * share_right(probability_linear(linear[last], X), y):.0f}% "
          f"right after {last} iterations (a straight line)")
    print(f"  {args.hidden} hidden units:         "
          f"{100 * share_right(probability_hidden(*hidden[last], X), y):.0f}% right")
    path = save_figure(boundaries_figure(X, y, linear, hidden), "fruit_boundaries.png")
    print(f"figure saved to {path}")


def main(argv=None):
    """Run course.fruit; return its exit status."""
    parser = ArgumentParser(prog="python -m course.fruit",
                            description="Why a hidden layer: safe or poisonous fruit from two "
                                        "measurements. Trains a network with no hidden layer "
                                        "and one with a hidden layer (seconds) and saves "
                                        "plots/fruit_boundaries.png.",
                            epilog="example: python -m course.fruit --hidden 3 --seed 1")
    parser.add_argument("--fruits", type=positive_int, default=200, metavar="N",
                        help="how many fruits to make (default 200)")
    parser.add_argument("--hidden", type=positive_int, default=8, metavar="N",
                        help="hidden units of the second network (default 8)")
    add_seed_argument(parser, "the fruits and of the starting weights")
    return run_reporting_errors(run, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
