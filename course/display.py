"""Save the figures of the course under plots/.

    python -m course.display            # digits.png, hidden_units.png, cost.png
    python -m course.display --show     # and open them in a window
"""

import sys
from functools import partial

import numpy as np

from course import CourseError
from course.cli import ArgumentParser, add_seed_argument, printable, run_reporting_errors
from course.datasets import load_dataset
from course.figures import (cost_figure, digits_figure, figure_name, has_screen,
                            hidden_units_figure, save_figure, tile_images)
from course.images import SIDE
from course.impl import add_impl_argument, learners_answer, learners_functions
from course.options import add_dataset_argument, add_weights_argument
from course.weights import chosen_weights, default_weights, load_network

LESSON_FILE = "ex1_data"  # whose tile_images --impl exercises uses


def learners_tile_images():
    """Return the learner's tile_images (lesson 1), its answers checked, for the digits figure."""
    tile_images, = learners_functions(LESSON_FILE, ["tile_images"])

    def tile(X, rows, cols, pad=1):
        step = SIDE + pad
        shape = (pad + rows * step, pad + cols * step)
        return learners_answer("tile_images", tile_images(X, rows, cols, pad), shape,
                               LESSON_FILE, gaps_nan=True)  # lesson 1 leaves the gaps NaN
    return tile


def save_all(weights_path, dataset, seed=0, impl="course", what="weights file"):
    """Save the three figures for the weights at `weights_path`; return their paths.

    impl "exercises": the digits are tiled by the learner's own tile_images.
    what: the weights file's name in messages ("--weights" when the user gave it).
    """
    X_train = dataset.X_train
    W1, _, meta = load_network(weights_path, X_train.shape[1], what)
    rng = np.random.default_rng(seed)
    sample = rng.choice(len(X_train), size=100, replace=False)
    things = "digits" if dataset.item == "digit" else f"{dataset.name} pictures"
    title, tile = f"100 random training {things}", tile_images
    if impl == "exercises":
        title, tile = f"{title}, tiled by your tile_images", learners_tile_images()
    paths = [
        save_figure(digits_figure(X_train[sample], title, tile),
                    figure_name(dataset.name, f"{dataset.item}s.png")),
        save_figure(hidden_units_figure(W1, hidden_units_title(W1, weights_path)),
                    figure_name(dataset.name, "hidden_units.png")),
    ]
    if meta.get("ignored"):
        print(f"note: metadata of {printable(weights_path)} left out, not of the expected "
              "type: " + ", ".join(meta["ignored"]))
    costs = meta.get("costs")
    if costs:
        paths.append(save_figure(cost_figure(costs, cost_title(weights_path, meta)),
                                 figure_name(dataset.name, "cost.png")))
    else:
        print(f"no cost curve: {printable(weights_path)} carries no training history "
              "(weights saved by python -m course.train do)")
    return paths


def hidden_units_title(W1, weights_path):
    """Return the hidden units figure's title: what each picture shows, and how to read it."""
    return (f"the {W1.shape[0]} hidden units of {printable(weights_path.name)}: each one's "
            f"{W1.shape[1] - 1} input weights\nink on red pixels turns a unit on, on blue off")


def cost_title(weights_path, meta):
    """Return the cost figure's title: the file, and lambda and iterations when meta has them,
    and on a line of its own which member the curve is of, for a network of members."""
    settings = [f"lambda {meta['lambda_']:g}" if "lambda_" in meta else "",
                f"{meta['iterations']} iterations" if "iterations" in meta else ""]
    title = ", ".join([f"training cost of {printable(weights_path.name)}"]
                      + [text for text in settings if text])
    members = meta.get("members", 1)
    return title + (f"\n(the first of its {members} members)" if members > 1 else "")


def show(paths):
    """Open the saved figures in windows, where there is a screen to show them on."""
    import matplotlib.pyplot as plt

    if not has_screen():
        print("no screen to show figures on: they are saved in plots/ only")
        return
    for path in paths:
        fig = plt.figure(path.name)
        fig.add_subplot().imshow(plt.imread(path))
        fig.axes[0].set_axis_off()
    plt.show()


def main(argv=None):
    """Run course.display; return its exit status."""
    parser = ArgumentParser(
        prog="python -m course.display",
        description="Save the figures of the digits, the hidden units and the training "
                    "cost under plots/: digits.png, hidden_units.png, cost.png (the cost "
                    "when the weights carry their training history). Takes seconds.",
        epilog="example: python -m course.display --impl exercises   # your tile_images")
    add_weights_argument(parser)
    add_dataset_argument(parser, "whose pictures to show (figures of another data set than "
                                 "the digits are named NAME_*.png)")
    add_seed_argument(parser, "the choice of the 100 pictures shown")
    parser.add_argument("--show", action="store_true",
                        help="also open the figures in a window, where there is a screen")
    add_impl_argument(parser, "tile_images lays out the digits figure", f"{LESSON_FILE}.py")
    return run_reporting_errors(run, parser.parse_args(argv))


def run(args):
    """Save the figures, say where they went, and show them if asked."""
    if args.impl == "exercises" and args.dataset != "digits":
        raise CourseError(f"--impl exercises: your tile_images (lesson 1) tiles 20x20 digits; "
                          f"it does not go with --dataset {args.dataset}")
    path, what = chosen_weights(args.weights, partial(default_weights, args.dataset))
    paths = save_all(path, load_dataset(args.dataset), args.seed, args.impl, what)
    for saved in paths:
        print(f"saved {saved}")
    if args.impl == "exercises":
        print(f"{paths[0].name} is laid out by your tile_images (exercises/{LESSON_FILE}.py)")
    if args.show:
        show(paths)


if __name__ == "__main__":
    sys.exit(main())
