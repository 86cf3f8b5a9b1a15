"""Where the files are: those shipped inside the package, and those the programs make.

Shipped files (the digits, the pretrained and best weights, the exercise stubs)
are found through the installed package, never through the current folder: in a
wheel they sit in course/shipped/ and course/stubs/; in a clone installed with
`pip install -e .`, in the clone's data/ and exercises/.

What the programs make (trained weights, figures) goes under the folder they run
in: data/ and plots/, relative paths. In a clone, run from its root, those are
the clone's own data/ and plots/.
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _installed_or_clone(installed, clone):
    """Return the folder `installed` inside the package if a wheel put it there, else the clone's."""
    folder = PACKAGE / installed
    return folder if folder.is_dir() else PACKAGE.parent / clone


SHIPPED_DIR = _installed_or_clone("shipped", "data")
STUBS_DIR = _installed_or_clone("stubs", "exercises")
DIGITS = SHIPPED_DIR / "digits.npz"
PRETRAINED = SHIPPED_DIR / "pretrained.npz"
BEST = SHIPPED_DIR / "best.npz"
SHIPPED = (DIGITS, PRETRAINED, BEST)  # files of the package that no command overwrites

DATA_DIR = Path("data")  # under the folder a program runs in
PLOTS_DIR = Path("plots")
TRAINED = DATA_DIR / "trained.npz"
