"""The command-line options that several programs share, built from the table of data sets."""

from pathlib import Path

from course.cli import non_negative_float, non_negative_int, positive_int
from course.datasets import DATASETS
from course.paths import BEST


def add_dataset_argument(parser, what):
    """Add --dataset NAME to parser, its choices the rows of DATASETS; `what` says what it picks."""
    rows = "; ".join(f"{name}: {row.description}" for name, row in DATASETS.items())
    parser.add_argument("--dataset", choices=tuple(DATASETS), default="digits",
                        help=f"{what} ({rows}; default digits)")


def add_weights_argument(parser, with_dataset=True, pictures=None):
    """Add --weights PATH to parser, its help naming the file read without it.

    with_dataset: the program has --dataset, so the default depends on it.
    pictures: None, or the options that read pictures from outside ("--image and
        --number"), which read with the best network (weights.picture_weights);
        "all" when the program reads nothing else (the drawing pad).
    """
    best = f"the best network the package ships ({BEST.name})"
    if pictures == "all":
        parser.add_argument("--weights", type=Path, default=None, metavar="PATH",
                            help=f"weights file (default: {best})")
        return
    digits = DATASETS["digits"]
    default = f"{digits.trained} if it exists, else {digits.pretrained}"
    if with_dataset:
        default += "; " + "; ".join(f"{row.trained} with --dataset {name}"
                                    for name, row in DATASETS.items() if name != "digits")
    if pictures:
        default = f"{pictures} read with {best}; the others with {default}"
    parser.add_argument("--weights", type=Path, default=None, metavar="PATH",
                        help=f"weights file (default: {default})")


def add_network_arguments(parser, maxiter=50, where=""):
    """Add --hidden, --lambda and --maxiter to parser; `where` qualifies the first two's help."""
    parser.add_argument("--hidden", type=positive_int, default=25, metavar="N",
                        help=f"hidden units{where} (default 25)")
    parser.add_argument("--lambda", dest="lambda_", type=non_negative_float, default=1.0,
                        metavar="L", help=f"regularization strength lambda{where} (default 1)")
    parser.add_argument("--maxiter", type=positive_int, default=maxiter, metavar="N",
                        help=f"L-BFGS-B iterations at most (default {maxiter})")


def add_members_argument(parser, where=""):
    """Add --members K to parser: K networks trained apart, saved as one."""
    parser.add_argument("--members", type=positive_int, default=1, metavar="K",
                        help="train K networks, each from its own seed (the seed, the seed + 1, "
                             "...) and its own changed copies, and keep them as one network "
                             "whose hidden layer is all of theirs and whose output z3 is the "
                             f"mean of theirs: K times --hidden units{where} (default 1)")


def add_augment_arguments(parser, where=""):
    """Add --augment and --distort to parser: changed copies of each training digit."""
    parser.add_argument("--augment", type=non_negative_int, default=0, metavar="N",
                        help=f"add N changed copies of each training digit (rotated, scaled, "
                             f"slanted, shifted, strokes thicker, thinner or broken, noise)"
                             f"{where} (default 0)")
    parser.add_argument("--distort", type=non_negative_float, default=0.0, metavar="S",
                        help=f"with --augment: also distort the copies elastically, each pixel "
                             f"moved by about S pixels{where} (default 0: not at all)")


def add_precision_argument(parser, default=None, said=None):
    """Add --precision single|double to parser, default `default`; `said` tells the help
    what the default is when it is None (train: each data set's own)."""
    parser.add_argument("--precision", choices=("single", "double"), default=default,
                        help="compute in float32 (single: twice as fast, half the memory) or "
                             f"float64 (double); default: {said or default}")


def add_typeset_argument(parser):
    """Add --typeset [all|half] to parser: learn from digits typeset in matplotlib's fonts
    too; `--typeset half` gives them to every other member only."""
    parser.add_argument("--typeset", nargs="?", const="all", choices=("all", "half"),
                        default=None,
                        help="also learn from digits typeset in matplotlib's DejaVu fonts "
                             "(closed 4s, 1s with a foot: shapes MNIST's writers seldom make), "
                             "and from their changed copies with --augment; --typeset half, "
                             "with --members: the members come in "
                             "pairs, each pair from one seed, the first without the typeset "
                             "digits and the second with them")
