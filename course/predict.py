"""Read digits with trained weights: held-out digits, or your own pictures.

    python -m course.predict --test            # held-out accuracy, where it goes wrong
    python -m course.predict --index 7         # one held-out digit, its top 3, a figure
    python -m course.predict --image seven.jpg # a photo or scan of one digit
    python -m course.predict --number year.png # a row of digits side by side
"""

import json
import os
import sys
from functools import partial
from pathlib import Path

import numpy as np

from course import CourseError
from course.cli import ArgumentParser, printable, run_reporting_errors
from course.datasets import data_checksum, load_dataset
from course.files import check_regular_file
from course.evaluate import accuracy_per_class, confusion_matrix, most_confused_pairs
from course.figures import (confusion_figure, figure_name, misclassified_figure,
                            number_figure, picture_figure, prediction_figure, save_figure)
from course.impl import add_impl_argument, learners_answer, learners_functions
from course.images import (SIDE, BlankImage, NoWritingFound, find_writing, normalize_ink,
                           split_digits)
from course.pictures import load_picture
from course.nn import predict_proba
from course.options import add_dataset_argument, add_weights_argument
from course.weights import chosen_weights, default_weights, load_network, picture_weights

LESSON_FILE = "ex3_feedforward"  # whose feed_forward and predict --impl exercises uses
LESSON_FILE_PATH = f"exercises/{LESSON_FILE}.py"


DESCRIBED = ("hidden_layer_size", "lambda_", "iterations", "init", "seed")  # describe_weights


def describe_weights(path, meta):
    """Return which weights these are and how they were trained (from meta), noting bad metadata."""
    note = ""
    if meta.get("ignored"):
        note = (f"\nnote: metadata of {printable(path)} left out, not of the expected type: "
                + ", ".join(meta["ignored"]))
    if not all(key in meta for key in DESCRIBED):
        return f"weights: {printable(path)}{note}"
    copies = f", {meta['augment']} changed copies per digit" if meta.get("augment") else ""
    members = meta.get("members", 1)
    units = (f"{meta['hidden_layer_size']} hidden units" if members == 1 else
             f"{members} networks of {meta['hidden_layer_size']} hidden units kept as one")
    each = " each" if members > 1 else ""
    return (f"weights: {printable(path)} ({units}, lambda {meta['lambda_']:g}, "
            f"{meta['iterations']} iterations{copies}{each}, {meta['init']} start, "
            f"seed {meta['seed']}){note}")


def top_k(probabilities, k=3):
    """Return the k (label, probability) pairs with the largest probabilities, largest first."""
    order = np.argsort(-probabilities, kind="stable")[:k]  # ties: the lower label first, as argmax
    return [(int(label), float(probabilities[label])) for label in order]


def read_with(impl, W1, W2, X):
    """Return (probabilities (m, 10), labels (m,)) read in X by the package's network or the learner's.

    impl "exercises": feed_forward and predict of the learner's lesson 3; the
    probabilities are its outputs a3 scaled so each row sums to 1.
    """
    if impl == "course":
        probabilities = predict_proba(W1, W2, X)  # (m, 10)
        return probabilities, np.argmax(probabilities, axis=1)
    feed_forward, predict = learners_functions(LESSON_FILE, ["feed_forward", "predict"])
    a3 = learners_answer("feed_forward", feed_forward(W1, W2, X), (len(X), W2.shape[0]),
                         LESSON_FILE)  # (m, 10)
    if not np.all((a3 >= 0) & (a3 <= 1)):
        raise CourseError(f"--impl exercises: your feed_forward ({LESSON_FILE_PATH}) returned "
                          f"values from {a3.min():g} to {a3.max():g}, expected sigmoid outputs "
                          "in [0, 1] (python -m course.grade 3 says more)")
    labels = learners_answer("predict", predict(W1, W2, X), (len(X),), LESSON_FILE,
                             refuse_zeros=False)  # label 0 for one digit can be right
    if not np.all(np.isin(labels, np.arange(W2.shape[0]))):
        raise CourseError(f"--impl exercises: your predict ({LESSON_FILE_PATH}) returned "
                          f"labels from {labels.min():g} to {labels.max():g}, expected whole "
                          f"numbers 0..{W2.shape[0] - 1} (python -m course.grade 3 says more)")
    return a3 / a3.sum(axis=1, keepdims=True), labels.astype(np.int64)


def report_test(path, dataset, impl="course", what="weights file"):
    """Print the held-out accuracy of the weights at `path` and where they go wrong; return it.

    what: the weights file's name in messages ("--weights" when the user gave it).

    Saves plots/confusion_matrix.png and plots/misclassified.png (with the data
    set's name in front for another data set than the digits).
    """
    names, things = dataset.classes, f"{dataset.item}s"
    X_test, y_test = dataset.X_test, dataset.y_test
    W1, W2, meta = load_network(path, X_test.shape[1], what)
    print(describe_weights(path, meta))
    checksum = meta.get("data_checksum")
    if checksum is not None and checksum != data_checksum(dataset.X_train, dataset.y_train):
        print("note: these weights were trained on other data than this training split")
    probabilities, y_pred = read_with(impl, W1, W2, X_test)  # (m, 10), (m,)
    if impl == "exercises":
        print(f"read by your feed_forward and predict ({LESSON_FILE_PATH})")
    correct = int(np.sum(y_pred == y_test))
    accuracy = correct / len(y_test)
    print(f"test accuracy: {100 * accuracy:.1f}% ({correct} of {len(y_test)} held-out {things})")

    per_class = accuracy_per_class(y_test, y_pred)
    print(f"accuracy per {'digit' if dataset.item == 'digit' else 'class'}: " +
          "  ".join(f"{names[label]}: {100 * value:.0f}%" for label, value in enumerate(per_class)))
    C = confusion_matrix(y_test, y_pred)
    print("most confused: " + ", ".join(f"{names[true]} read as {names[read]} ({count}x)"
                                        for true, read, count in most_confused_pairs(C, k=5)))
    confidence = probabilities[np.arange(len(y_pred)), y_pred]  # (m,) of each reading
    wrong = np.flatnonzero(y_pred != y_test)
    wrong = wrong[np.argsort(-confidence[wrong])][:40]  # surest first
    figures = [
        save_figure(confusion_figure(C, f"held-out {things}, {printable(path.name)}: "
                                        f"{100 * accuracy:.1f}% right", names),
                    figure_name(dataset.name, "confusion_matrix.png")),
        save_figure(misclassified_figure(
            X_test[wrong], y_test[wrong], y_pred[wrong], confidence[wrong],
            f"{len(wrong)} of the {len(y_test) - correct} misread held-out {things}, "
            "surest first: true -> read (confidence)", classes=names),
            figure_name(dataset.name, "misclassified.png")),
    ]
    for figure in figures:
        print(f"figure saved to {figure}")
    return accuracy


def report_index(path, index, dataset, impl="course", what="weights file"):
    """Print the prediction for held-out picture `index`, save its figure; return the figure's path."""
    X_test, y_test, names, thing = dataset.X_test, dataset.y_test, dataset.classes, dataset.item
    if not 0 <= index < len(X_test):
        raise CourseError(f"--index: expected a held-out {thing} from 0 to {len(X_test) - 1}, "
                          f"got {index}")
    W1, W2, meta = load_network(path, X_test.shape[1], what)
    x = X_test[index]
    probabilities, label = read_with(impl, W1, W2, x[np.newaxis, :])
    probabilities, label = probabilities[0], int(label[0])  # (10,), its reading
    best = top_k(probabilities)
    print(describe_weights(path, meta))
    if impl == "exercises":
        print(f"read by your feed_forward and predict ({LESSON_FILE_PATH})")
    verdict = "right" if label == y_test[index] else "wrong"
    print(f"held-out {thing} #{index}: true label {names[y_test[index]]}, "
          f"the network reads {names[label]} ({verdict})")
    for k, probability in best:
        print(f"  {names[k]}: {100 * probability:5.1f}%")
    title = (f"held-out {thing} #{index}: label {names[y_test[index]]}, "
             f"read as {names[label]} ({100 * probabilities[label]:.0f}%)")
    figure = save_figure(prediction_figure(x, probabilities, title, names),
                         figure_name(dataset.name, f"predict_{index}.png"))
    print(f"figure saved to {figure}")
    return figure


UNSURE_BELOW = 0.6   # a reading whose top probability is below this is a guess ...
CLOSE_SECOND = 0.5   # ... and so is one whose second is at least this share of the top


def reading(W1, W2, x):
    """Return what the network reads in the 400 pixels x: {"digit", "probabilities", "unsure"}.

    unsure: the top probability is low, or the second is close to it.
    """
    probabilities = predict_proba(W1, W2, x[np.newaxis, :])[0]  # (10,)
    return {"digit": int(np.argmax(probabilities)),
            "probabilities": [round(float(p), 6) for p in probabilities],
            "unsure": is_unsure(probabilities)}


def is_unsure(probabilities):
    """Return True when a reading is a guess: a low top probability, or a close second."""
    (_, p_top), (_, p_second) = top_k(probabilities, 2)
    return bool(p_top < UNSURE_BELOW or p_second >= CLOSE_SECOND * p_top)


def picture_error(error, path, option):
    """Return the line of an error met reading the picture at `path`: "OPTION PATH: what is wrong".

    The files' errors already begin so (check_regular_file, load_picture); those of
    find_writing name its argument, "image", which is the picture at `path`.
    """
    where = f"{option} {printable(path)}"
    message = printable(error) if str(error) else "too large to read in memory"
    return message if message.startswith(where) else f"{where}: {message.removeprefix('image: ')}"


def read_image(W1, W2, path):
    """Return what the network reads in the picture of one digit at `path`, as a dict.

    Keys: path, digit (None when the picture is blank), probabilities (10 floats
    or None), unsure, notes (what did not look like one digit on paper); for the
    figure: picture (turned upright when the page was), writing (what was kept and dropped) and
    x (the 400 pixels read).
    """
    picture = load_picture(check_regular_file(path, "--image"), "--image")
    try:
        writing = find_writing(picture)
    except BlankImage as blank:
        return {"path": printable(path), "digit": None, "probabilities": None, "unsure": False,
                "notes": blank_notes(blank), "picture": picture, "writing": None, "x": None}
    x = normalize_ink(writing.ink)  # what normalize_digit(picture) gives, the ink found once
    notes = list(writing.doubts)
    pieces = len(split_digits(writing.ink))
    stacked = len(split_digits(writing.ink.T)) if pieces == 1 else 1  # apart by empty rows
    if pieces > 1:
        notes.append(f"this looks like {pieces} digits side by side, read as one; "
                     "--number reads them one by one")
    elif stacked > 1:
        notes.append(f"this looks like {stacked} digits one above another, read as one; "
                     "crop the picture to the one you mean")
    return {"path": printable(path), **reading(W1, W2, x), "notes": notes, "picture": writing.picture,
            "writing": writing, "x": x}


def blank_notes(blank):
    """Return the notes for a picture where no writing was found: why, unless it is blank."""
    return [str(blank)] if isinstance(blank, NoWritingFound) else []


def read_number(W1, W2, path):
    """Return what the network reads in a picture of digits side by side, as a dict.

    Keys: path, number (the digits as a string, None when blank), unsure (of
    any digit), digits (one dict per digit, left to right: digit,
    probabilities, unsure, columns, rows), notes, picture (turned upright when
    the page was turned: columns and rows are on it).
    """
    picture = load_picture(check_regular_file(path, "--number"), "--number")
    try:
        writing = find_writing(picture, row=True)
    except BlankImage as blank:
        return {"path": printable(path), "number": None, "unsure": False, "digits": [],
                "notes": blank_notes(blank), "picture": picture}
    digits = []
    for columns, ink in split_digits(writing.ink):
        rows = np.flatnonzero(ink.any(axis=1))
        digits.append({**reading(W1, W2, normalize_ink(ink)),
                       "columns": [int(columns.start), int(columns.stop)],
                       "rows": [int(rows[0]), int(rows[-1]) + 1]})
    number = "".join(str(d["digit"]) for d in digits)
    return {"path": printable(path), "number": number, "unsure": any(d["unsure"] for d in digits),
            "digits": digits, "notes": list(writing.doubts), "picture": writing.picture}


def report_pictures(weights_path, paths, as_number, as_json, what="weights file"):
    """Read each picture (one digit, or a row of digits), print the answers; return 0 or 1."""
    W1, W2, meta = load_network(weights_path, SIDE * SIDE, what)
    if not as_json:
        print(describe_weights(weights_path, meta))
    results, status, figures = [], 0, set()
    for path in paths:
        try:
            result = read_number(W1, W2, path) if as_number else read_image(W1, W2, path)
        except (OSError, CourseError, MemoryError) as error:
            error = picture_error(error, path, "--number" if as_number else "--image")
            results.append({"path": printable(path), "error": error})
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        results.append(result)
        if not as_json:
            print_picture(result, as_number, figure_name_for(path, as_number, figures))
    if as_json:
        hidden = ("picture", "x", "writing")
        print(json.dumps([{key: value for key, value in result.items() if key not in hidden}
                          for result in results], indent=2, allow_nan=False))
    return status


LONGEST_NAME = 100  # bytes of a picture's name kept in its figure's name


def figure_name_for(path, as_number, taken):
    """Return the name of the figure of the picture at `path`, unlike those in `taken` (then added).

    image_NAME.png for a .png picture, image_NAME.SUFFIX.png for another kind
    (seven.png and seven.jpg do not share a figure), number_... for --number;
    a name that starts so already keeps one prefix; a long name is cut, and a name already
    taken in this run gets _2, _3, ...
    """
    path, kind = Path(path), "number" if as_number else "image"
    base = path.stem if path.suffix.lower() == ".png" else path.name
    base = base.removeprefix(f"{kind}_")  # number_375.jpg: number_375.jpg.png, not number_number_
    base = f"{kind}_{os.fsdecode(os.fsencode(base)[:LONGEST_NAME])}"
    name, count = f"{base}.png", 1
    while name in taken:
        count += 1
        name = f"{base}_{count}.png"
    taken.add(name)
    return name


def say_reading(probabilities, unsure):
    """Return a reading in words: `7 (97.0%); then 1 (1.2%), 9 (0.5%)`, or `7? (41%), or 1 (38%)`."""
    best = top_k(np.array(probabilities))
    if unsure:
        return (f"{best[0][0]}? ({100 * best[0][1]:.0f}%), or {best[1][0]} "
                f"({100 * best[1][1]:.0f}%): the network is not sure")
    return (f"{best[0][0]} ({100 * best[0][1]:.1f}%); then "
            + ", ".join(f"{label} ({100 * p:.1f}%)" for label, p in best[1:]))


def print_said(name, said, notes):
    """Print what was read in the picture `name`, then each note on a line of its own."""
    print(f"{name}: {said}")
    for note in notes:
        print(f"  note: {note}")


def print_picture(result, as_number, saved_as):
    """Print what was read in one picture, and save its figure as plots/saved_as."""
    name = Path(result["path"])
    s = "s" if as_number else ""
    if result["number" if as_number else "digit"] is None:
        said = f"no digit{s} found" if result["notes"] else f"blank, no digit{s} to read"
        print_said(name, said, result["notes"])
        return
    if as_number:
        labels = [f"{d['digit']}{'?' if d['unsure'] else ''}" for d in result["digits"]]
        sure = ", ".join(f"{label}: {100 * max(d['probabilities']):.0f}%"
                         for label, d in zip(labels, result["digits"]))
        marked = "".join(labels)
        print_said(name, f"{marked} ({sure})", result["notes"])
        spans = [(slice(*d["rows"]), slice(*d["columns"])) for d in result["digits"]]
        figure = number_figure(result["picture"], spans, labels,
                               f"{name.name}: read as {marked}")
        print(f"  figure saved to {save_figure(figure, saved_as)}")
        return
    print_said(name, say_reading(result["probabilities"], result["unsure"]), result["notes"])
    best = top_k(np.array(result["probabilities"]), 1)[0]
    writing = result["writing"]
    figure = picture_figure(writing.picture, result["x"], np.array(result["probabilities"]),
                            f"{name.name}: read as {best[0]}{'?' if result['unsure'] else ''} "
                            f"({100 * best[1]:.0f}%)", kept=writing.ink, dropped=writing.dropped)
    print(f"  figure saved to {save_figure(figure, saved_as)}")


def parse_args(argv):
    """Return the parsed command line of course.predict."""
    parser = ArgumentParser(
        prog="python -m course.predict",
        description="Read digits with trained weights: the held-out digits (default: --test) "
                    "or your own pictures, in seconds. Saves its figures under plots/: "
                    "confusion_matrix.png and misclassified.png (--test), predict_N.png "
                    "(--index N), image_NAME.png (--image), number_NAME.png (--number).",
        epilog="example: python -m course.predict --image seven.jpg")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--test", action="store_true",
                      help="accuracy on the 1000 held-out test digits")
    what.add_argument("--index", type=int, metavar="N",
                      help="read held-out picture N (0-999 for the digits): its top 3 and "
                           "a figure")
    what.add_argument("--image", type=Path, nargs="+", metavar="PATH",
                      help="read pictures of one digit each (a photo or a scan: any format "
                           "Pillow reads, any size, the digit anywhere on the page)")
    what.add_argument("--number", type=Path, nargs="+", metavar="PATH",
                      help="read pictures of several digits written side by side (the "
                           "same steps as --image)")
    add_dataset_argument(parser, "whose held-out pictures --test and --index read")
    parser.add_argument("--json", action="store_true",
                        help="with --image or --number: print the answers as JSON")
    add_weights_argument(parser, pictures="--image and --number")
    add_impl_argument(parser, "feed_forward and predict read the held-out pictures (--test, "
                              "--index)", f"{LESSON_FILE}.py")
    args = parser.parse_args(argv)
    if args.json and not (args.image or args.number):
        parser.error("--json goes with --image or --number")
    if args.impl == "exercises" and (args.image or args.number):
        parser.error("--impl exercises goes with --test and --index")
    return args


def run(args):
    """Do what the command line asks; return the exit status."""
    if (args.image or args.number) and args.dataset != "digits":
        raise CourseError("--image and --number read handwritten digits; they do not go with "
                          f"--dataset {args.dataset}")
    if args.image or args.number:
        path, what = chosen_weights(args.weights, picture_weights)
        return report_pictures(path, args.image or args.number, bool(args.number), args.json,
                               what)
    path, what = chosen_weights(args.weights, partial(default_weights, args.dataset))
    dataset = load_dataset(args.dataset)
    if args.index is not None:
        report_index(path, args.index, dataset, args.impl, what)
    else:
        report_test(path, dataset, args.impl, what)
    return 0


def main(argv=None):
    """Run course.predict; return its exit status."""
    return run_reporting_errors(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
