"""Train the network on the training digits with L-BFGS-B and save its weights.

    python -m course.train                      # 25 hidden units, lambda 1, 50 iterations
    python -m course.train --maxiter 200 --out data/long.npz
"""

import sys
import time
from pathlib import Path

import numpy as np

from course import CourseError
from course.augment import with_copies
from course.cli import (ArgumentParser, add_seed_argument, check_memory, printable,
                        run_reporting_errors)
from course.datasets import (DATASETS, NUM_LABELS, data_checksum, load_dataset, source,
                             validation_split)
from course.gradcheck import TOLERANCE, gradient_report
from course.impl import add_impl_argument, learners_functions
from course.nn import BLOCK, nn_cost_function, on_one_blas_thread, unroll
from course.options import (add_augment_arguments, add_dataset_argument,
                            add_members_argument, add_network_arguments,
                            add_precision_argument, add_typeset_argument)
from course.paths import PRETRAINED
from course.typeset import with_typeset_digits
from course.training import accuracy, averaged_network, member_plan, train
from course.weights import check_weights_target, load_weights, write_weights

SLOWER = 1.5  # a learner's cost function this many times slower than ours is told why


# ---------------------------------------------------------------- program

def parse_args(argv):
    """Return the parsed command line of course.train."""
    parser = ArgumentParser(
        prog="python -m course.train",
        description="Train the 400-25-10 network on the training digits with L-BFGS-B, a line "
                    "per iteration. Saves the weights to data/trained.npz (see --out); the "
                    "defaults take seconds, --dataset fashion a minute or two.",
        epilog="example: python -m course.train --hidden 50 --maxiter 200 --out data/h50.npz")
    add_network_arguments(parser)
    add_members_argument(parser)
    add_seed_argument(parser, "the random starting weights (and of --augment's copies)")
    parser.add_argument("--init", choices=("random", "pretrained"), default="random",
                        help="start from random weights or from the shipped pretrained weights "
                             "(default random)")
    add_dataset_argument(parser, "what to learn")
    parser.add_argument("--out", type=Path, default=None, metavar="PATH",
                        help="where to save the weights (default: " + ", ".join(
                            f"{row.trained} for --dataset {name}"
                            for name, row in DATASETS.items()) + ")")
    add_augment_arguments(parser)
    add_typeset_argument(parser)
    add_impl_argument(parser, "cost and gradient to train with (yours must pass the gradient "
                              "check first)", "ex5_backprop.py")
    add_precision_argument(parser, said=", ".join(f"{row.precision} for {name}"
                                                  for name, row in DATASETS.items()))
    parser.add_argument("--validate", action="store_true",
                        help="for choosing settings: train on 80%% of the training split, "
                             "report accuracy on the other 20%% (never the test set) and "
                             "save nothing")
    return parser.parse_args(argv)


def learners_cost_function():
    """Return the learner's nn_cost_function (lesson 5) once it passes the gradient check.

    Prints the check's table: numerical and analytical gradient side by side.
    """
    cost_function, = learners_functions("ex5_backprop", ["nn_cost_function"])
    print("gradient check of your nn_cost_function (exercises/ex5_backprop.py) on a 3-5-3 "
          "network, lambda 3:")
    difference, lines = gradient_report(3.0, cost_function)
    print("\n".join(lines))
    if np.isnan(difference):
        raise CourseError(
            "--impl exercises: your nn_cost_function gives a zero cost and gradient that do "
            "not change with the weights (still the stubs?): finish lessons 4 and 5 first; "
            "python -m course.grade 4 5 says where you are")
    if not difference < TOLERANCE:
        raise CourseError(
            f"--impl exercises: your nn_cost_function fails the gradient check (relative "
            f"difference {difference:.1e}, expected below {TOLERANCE:g}; the table above shows "
            "where): finish lessons 4 and 5 first; python -m course.grade 4 5 says what is wrong")
    print("training with your nn_cost_function")
    return on_one_blas_thread(cost_function)


def out_path(args):
    """Return where the weights go: --out, or the data set's trained weights file."""
    return args.out if args.out is not None else source(args.dataset).trained


def run(args):
    """Train as the command line says, print progress and accuracies, save the weights."""
    out = out_path(args)
    if args.distort and not args.augment:  # before any work, like the other argument checks
        raise CourseError(f"--distort {args.distort:g}: expected --augment N too (it distorts "
                          "the changed copies), got no copies")
    if not args.validate:
        out = check_weights_target(out, "--out")  # once, before the work, not after
    if args.init == "pretrained" and args.members > 1:
        raise CourseError(f"--members {args.members}: expected --init random (each member "
                          "starts from its own random weights), got --init pretrained")
    if args.init == "pretrained" and args.dataset != "digits":
        raise CourseError("--init pretrained: the pretrained weights read digits; "
                          f"train {args.dataset} from random weights")
    if args.typeset == "half" and args.members < 2:
        raise CourseError(f"--typeset half: expected --members 2 or more (every other member "
                          f"learns from the typeset digits), got --members {args.members}")
    if args.typeset and args.dataset != "digits":
        raise CourseError(f"--typeset: expected --dataset digits (it adds typeset digits), "
                          f"got --dataset {args.dataset}")
    dataset = load_dataset(args.dataset)
    X_train, y_train, X_test, y_test = (dataset.X_train, dataset.y_train, dataset.X_test,
                                        dataset.y_test)
    things = f"{dataset.item}s"
    if args.validate:
        X_train, y_train, X_test, y_test = validation_split(X_train, y_train)
        held_out = "validation accuracy:"
    else:
        held_out = "test accuracy:"
    initial = None
    if args.init == "pretrained":
        initial = load_weights(PRETRAINED)
        if initial[0].shape[0] != args.hidden:
            raise CourseError(f"--init pretrained: the pretrained network has "
                              f"{initial[0].shape[0]} hidden units, not --hidden {args.hidden}")

    cost_function = learners_cost_function() if args.impl == "exercises" else nn_cost_function
    checksum = data_checksum(X_train, y_train)  # of the digits, before any copies
    X_learn, y_learn, added = (with_typeset_digits(X_train, y_train) if args.typeset
                               else (X_train, y_train, 0))
    # (seed, learns from the typeset digits too) of each member
    plan = member_plan(args.seed, args.members, args.typeset)
    typeset = ((" and, for every other member, " if args.typeset == "half" else " and ")
               + f"{added} typeset ones" if added else "")
    n_fit = len(X_learn) * (args.augment + 1)
    check_memory(f"{args.augment} changed copies of {len(X_learn)} {things}",
                 n_fit * X_learn.shape[1] * X_learn.itemsize)
    check_memory(f"a {X_learn.shape[1]}-{args.hidden}-{NUM_LABELS} network on {n_fit} {things}",
                 training_bytes(n_fit, X_learn.shape[1], args.hidden))
    precision = args.precision or source(args.dataset).precision
    X_learn = X_learn.astype(np.float32 if precision == "single" else np.float64, copy=False)
    n_plain = len(X_train)  # X_learn[:n_plain]: the digits without the typeset ones
    distorted = f", distorted {args.distort:g}" if args.distort else ""
    copies = f" (with {args.augment} changed copies of each{distorted})" if args.augment else ""
    network = (f"a {X_train.shape[1]}-{args.hidden}-{NUM_LABELS} network" if args.members == 1
               else f"{args.members} networks of {args.hidden} hidden units each, seeds "
                    f"{plan[0][0]} to {plan[-1][0]}, kept as one {X_train.shape[1]}-"
                    f"{args.members * args.hidden}-{NUM_LABELS} network,")
    print(f"training {network} on {len(X_train)} {things}{typeset}{copies}: lambda "
          f"{args.lambda_:g}, at most {args.maxiter} iterations, {args.init} start, seed "
          f"{args.seed}, {precision} precision")

    def progress(iteration, cost, seconds):
        start = " (the starting weights)" if iteration == 0 else ""
        print(f"iteration {iteration:4d} | cost {cost:.6f} | {seconds:6.2f} s{start}", flush=True)

    def member(seed, with_typeset):  # each member learns from its own copies, made with its seed
        n = len(X_learn) if with_typeset else n_plain
        X_fit, y_fit = with_copies(X_learn[:n], y_learn[:n], args.augment, seed, args.distort)
        result = train(X_fit, y_fit, args.hidden, args.lambda_, args.maxiter, seed,
                       initial, progress, cost_function)
        print(f"done in {result.seconds:.2f} s after {result.iterations} iterations "
              f"({result.message})")
        return result

    results = []
    for seed, with_typeset in plan:
        if args.members > 1:
            print(f"member {len(results) + 1} of {args.members}, seed {seed}"
                  f"{', with the typeset digits' if with_typeset and added else ''}:")
        results.append(member(seed, with_typeset))
    W1, W2 = averaged_network([(result.W1, result.W2) for result in results])
    train_accuracy = accuracy(W1, W2, X_train, y_train)
    test_accuracy = accuracy(W1, W2, X_test, y_test)
    print(f"{'training accuracy:':21}{100 * train_accuracy:.1f}%")
    print(f"{held_out:21}{100 * test_accuracy:.1f}% ({len(y_test)} held-out {things})")
    if args.impl == "exercises":
        print(speed_note(cost_function, (unroll(W1, W2), X_learn.shape[1], W1.shape[0],
                                         NUM_LABELS, X_learn, y_learn, args.lambda_)))
    if args.validate:
        return
    path = write_weights(out, W1, W2, dict(
        program="course.train", dataset=args.dataset, impl=args.impl,
        hidden_layer_size=args.hidden, members=args.members, lambda_=args.lambda_,
        maxiter=args.maxiter, seed=args.seed, init=args.init, augment=args.augment,
        distort=args.distort, typeset=added, typeset_members=sum(t for _, t in plan),
        precision=precision,
        # the first member's iterations and costs (the cost figure), and the members' time
        iterations=results[0].iterations, costs=results[0].costs,
        member_costs=[result.costs for result in results],
        seconds=sum(result.seconds for result in results),
        train_accuracy=train_accuracy, test_accuracy=test_accuracy,
        data_checksum=checksum))
    print(f"weights saved to {path}")


def seconds_a_call(function, args, repeats=3):
    """Return the fewest seconds that one call of function(*args) took, of `repeats` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def speed_note(learners, args):
    """Return a line comparing one call of the learner's nn_cost_function(*args) with ours, and why.

    The given code of lesson 5 calls lesson 4's cost, which feeds forward a second
    time, and train runs the learner's function on one BLAS thread.
    """
    yours, ours = seconds_a_call(learners, args), seconds_a_call(nn_cost_function, args)
    note = (f"one call of your nn_cost_function took {1000 * yours:.0f} ms, the package's "
            f"{1000 * ours:.0f} ms")
    if yours < SLOWER * ours:
        return note
    return (f"{note} ({yours / ours:.1f}x): your lesson 5 calls lesson 4's cost, which feeds "
            "forward a second time, and yours runs on one core; course/nn.py feeds forward "
            "once, never builds a1 = [1, X], and shares the examples between the cores "
            "(its docstring says how)")


def training_bytes(m, n_inputs, hidden):
    """Return about how many bytes training an n_inputs-hidden-10 network on m examples takes.

    The activations z2 and a2 and backprop's delta2 for a block of examples,
    and L-BFGS-B's 10 pairs of correction vectors plus a few more copies of the
    unrolled weights.
    """
    block = min(m, BLOCK)
    n_params = hidden * (n_inputs + 1) + NUM_LABELS * (hidden + 1)
    return 8 * (3 * block * hidden + 30 * n_params)


def interruption_message(out, before):
    """Return a function saying what is on disk at `out` when training is interrupted.

    before: out's (inode, modification time) when the program started, or None
    if it did not exist; a different one means the new weights were saved.
    """
    def message():
        if _identity(out) not in (before, None):
            return f"interrupted: the new weights were already saved to {printable(out)}"
        return "interrupted: no weights saved, any earlier weights file is as it was"
    return message


def _identity(path):
    """Return (inode, modification time) of the file at `path`, or None if there is none."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns


def main(argv=None):
    """Run course.train; return its exit status."""
    args = parse_args(argv)
    out = out_path(args)
    return run_reporting_errors(run, args,
                                interrupted=interruption_message(out, _identity(out)))


if __name__ == "__main__":
    sys.exit(main())
