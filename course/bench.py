"""Measure the cost, the gradient and training against references run side by side.

    python -m course.bench                # a few minutes; medians of repeated runs
    pip install -e ".[bench]"             # adds scikit-learn, for its MLPClassifier

Times on a shared machine vary from run to run, so each figure is a median and
each comparison is a ratio of two things measured in the same run, their
repetitions interleaved so that both see the same load. No test asserts a time.
"""

import importlib.util
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from threadpoolctl import threadpool_info, threadpool_limits

from course.cli import ArgumentParser, positive_int, run_reporting_errors
from course.datasets import NUM_LABELS, load_split
from course.nn import add_bias, by_columns, nn_cost_function, rand_initialize_network, unroll
from course.nn_loop import nn_cost_function_loop
from course.lbfgs import minimize_lbfgs, single_threaded_scipy_blas
from course.training import accuracy, train

TARGET_FLOOR_RATIO = 1.3
TARGET_SPEEDUP = 3.0
TARGET_MEMORY_MB = 200


def interleaved_medians(functions, repeats):
    """Return {name: median seconds} of calling each function, the calls interleaved.

    Each timed call comes right after an untimed call of the same function, so
    that it finds its own data in the cache, as one evaluation finds it after
    the previous one inside L-BFGS-B.
    """
    times = {name: [] for name in functions}
    for name, function in functions.items():
        function()  # warm up: first calls allocate and load
    for _ in range(repeats):
        for name, function in functions.items():
            function()
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(values)) for name, values in times.items()}


def network(X, hidden_layer_size, seed=0):
    """Return unrolled random weights for a network reading X, and its layer sizes."""
    sizes = (X.shape[1], hidden_layer_size, NUM_LABELS)
    return unroll(*rand_initialize_network(*sizes, seed)), sizes


def floor_and_evaluation(X, y, nn_params, sizes, repeats, threads):
    """Return median seconds {"rows": ..., "columns": ..., "floor": ..., "evaluation": ...}.

    The floor is the time of the evaluation's two large matrix products alone,
    (m, 401) x (401, 25) and (25, m) x (m, 401), computed whichever of two ways
    is faster here ("floor"): into arrays laid out row by row ("rows", numpy's
    default) or column by column ("columns", as course.nn does).
    threads: 1 for every BLAS on one thread, None for the set-up of training.
    """
    m = X.shape[0]
    a1 = add_bias(X)                                              # (m, 401)
    W1 = nn_params[:sizes[1] * (sizes[0] + 1)].reshape(sizes[1], sizes[0] + 1)
    delta2 = np.ones((m, sizes[1]))                               # (m, 25)
    delta2_by_columns = np.asfortranarray(delta2)

    def floor_by_rows():
        a1 @ W1.T      # (m, 401) x (401, 25)
        delta2.T @ a1  # (25, m) x (m, 401)

    def floor_by_columns():
        np.matmul(a1, W1.T, out=by_columns(m, sizes[1]))
        delta2_by_columns.T @ a1

    def evaluation():
        nn_cost_function(nn_params, *sizes, X, y, 1.0)

    with threadpool_limits(limits=1) if threads == 1 else single_threaded_scipy_blas():
        medians = interleaved_medians({"rows": floor_by_rows, "columns": floor_by_columns,
                                       "evaluation": evaluation}, repeats)
    return {**medians, "floor": min(medians["rows"], medians["columns"])}


def loop_evaluation(X, y, nn_params, sizes, repeats):
    """Return median seconds of the per-example loop form of the cost and gradient."""
    with single_threaded_scipy_blas():
        return interleaved_medians(
            {"loop": lambda: nn_cost_function_loop(nn_params, *sizes, X, y, 1.0)},
            repeats)["loop"]


def seconds_per_evaluation_in_lbfgs(X, y, nn_params, sizes, iterations, fixed):
    """Return seconds per evaluation inside L-BFGS-B, with or without course.train's thread fix."""
    evaluations = [0]

    def cost(params):
        evaluations[0] += 1
        return nn_cost_function(params, *sizes, X, y, 1.0)

    start = time.perf_counter()
    if fixed:
        minimize_lbfgs(cost, nn_params, iterations)  # as course.train calls it
    else:
        minimize(cost, nn_params, jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    return (time.perf_counter() - start) / evaluations[0]


def training_ours(X_train, y_train, X_test, y_test):
    """Return (seconds, test accuracy) of the default training: 25 hidden, lambda 1, 50 iterations."""
    start = time.perf_counter()
    result = train(X_train, y_train)
    seconds = time.perf_counter() - start
    return seconds, accuracy(result.W1, result.W2, X_test, y_test)


def training_sklearn(X_train, y_train, X_test, y_test):
    """Return (seconds, test accuracy) of scikit-learn's MLPClassifier in its default set-up."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs",
                          alpha=1.0, max_iter=50, random_state=0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # 50 iterations, on purpose
        model.fit(X_train, y_train)
    seconds = time.perf_counter() - start
    return seconds, float(np.mean(model.predict(X_test) == y_test))


# `python -m course.train`, then the peak resident memory of its own process.
# The kernel's VmHWM is read rather than the child's ru_maxrss, because ru_maxrss
# also counts the pages of this parent process that the child shares until exec.
TRAIN_THEN_PEAK = """
import sys
from course.train import main
status = main(sys.argv[1:])
try:
    with open("/proc/self/status") as status_file:
        print(next(line for line in status_file if line.startswith("VmHWM:")), file=sys.stderr)
except OSError:
    pass  # no /proc (not Linux): the peak is not measured
sys.exit(status)
"""


def peak_memory_of_training_mb():
    """Return the peak resident memory (MB) of a whole `python -m course.train` process, or None."""
    with tempfile.TemporaryDirectory() as folder:
        finished = subprocess.run(
            [sys.executable, "-c", TRAIN_THEN_PEAK, "--out", str(Path(folder) / "w.npz")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"python -m course.train exited with {finished.returncode}: "
                           f"{finished.stderr.strip()}")
    if "VmHWM:" not in finished.stderr:
        return None
    kilobytes = int(finished.stderr.split("VmHWM:")[-1].split()[0])
    return kilobytes / 1024


def blas_description():
    """Return one line naming the BLAS libraries loaded and their default threads."""
    return ", ".join(f"{info['internal_api']} {Path(info['filepath']).name} "
                     f"({info['num_threads']} threads)" for info in threadpool_info()
                     if info["user_api"] == "blas")


def print_evaluation(times, note=""):
    """Print the two floors and the evaluation of floor_and_evaluation; return its ratio to the floor."""
    ratio = times["evaluation"] / times["floor"]
    print(f"    floor, results laid out row by row           {1e3 * times['rows']:8.2f} ms")
    print(f"    floor, results laid out column by column     {1e3 * times['columns']:8.2f} ms")
    print(f"    nn_cost_function                             {1e3 * times['evaluation']:8.2f} ms  "
          f"{ratio:.2f}x the faster floor, "
          f"{times['evaluation'] / times['rows']:.2f}x the row-by-row one{note}")
    return ratio


def verdict(met):
    """Return 'met' or 'NOT MET'."""
    return "met" if met else "NOT MET"


def run(repeats, training_repeats, large):
    """Run every measurement and print it; return True when every target is met."""
    X_train, y_train, X_test, y_test = load_split()
    nn_params, sizes = network(X_train, 25)
    all_met = True
    print(f"digits-course benchmark: {len(X_train)} training digits, "
          f"{sizes[0]}-{sizes[1]}-{sizes[2]} network, lambda 1")
    print(f"BLAS: {blas_description()}")
    print(f"each time is the median of {repeats} runs unless said otherwise\n")

    print("one cost-and-gradient evaluation")
    times = floor_and_evaluation(X_train, y_train, nn_params, sizes, repeats, 1)
    small_ratio = times["evaluation"] / times["floor"]
    all_met &= small_ratio <= TARGET_FLOOR_RATIO
    print("  every BLAS on one thread: what our own code adds to its two large products")
    print_evaluation(times, f" (target <= {TARGET_FLOOR_RATIO}x: "
                            f"{verdict(small_ratio <= TARGET_FLOOR_RATIO)})")
    print("  as in training (numpy's BLAS on its default threads)")
    times_t = floor_and_evaluation(X_train, y_train, nn_params, sizes, repeats, None)
    print_evaluation(times_t)
    loop = loop_evaluation(X_train, y_train, nn_params, sizes, max(3, repeats // 10))
    print(f"  per-example loop (course/nn_loop.py)           {1e3 * loop:8.2f} ms  "
          f"{loop / times_t['evaluation']:.0f}x slower than nn_cost_function\n")

    print("inside L-BFGS-B, 20 iterations: time per evaluation")
    default = seconds_per_evaluation_in_lbfgs(X_train, y_train, nn_params, sizes, 20, False)
    fixed = seconds_per_evaluation_in_lbfgs(X_train, y_train, nn_params, sizes, 20, True)
    print(f"  numpy's and scipy's BLAS both on their default threads {1e3 * default:8.2f} ms")
    print(f"  scipy's BLAS on one thread (what course.train does)    {1e3 * fixed:8.2f} ms  "
          f"{default / fixed:.1f}x faster\n")

    print(f"training: 25 hidden units, lambda 1, 50 L-BFGS-B iterations "
          f"(median of {training_repeats} runs)")
    ours = [training_ours(X_train, y_train, X_test, y_test) for _ in range(training_repeats)]
    ours_seconds, ours_accuracy = float(np.median([s for s, _ in ours])), ours[0][1]
    print(f"  course.train.train                             {ours_seconds:8.2f} s   "
          f"test accuracy {100 * ours_accuracy:.1f}%")
    if importlib.util.find_spec("sklearn") is None:
        print('  scikit-learn is not installed: pip install -e ".[bench]" to compare\n')
    else:
        theirs = [training_sklearn(X_train, y_train, X_test, y_test)
                  for _ in range(training_repeats)]
        theirs_seconds = float(np.median([s for s, _ in theirs]))
        theirs_accuracy = theirs[0][1]
        speedup = theirs_seconds / ours_seconds
        points = 100 * (ours_accuracy - theirs_accuracy)
        all_met &= speedup >= TARGET_SPEEDUP and points >= -1
        print(f"  scikit-learn MLPClassifier, default set-up     {theirs_seconds:8.2f} s   "
              f"test accuracy {100 * theirs_accuracy:.1f}%")
        print(f"  ours is {speedup:.1f}x faster (target >= {TARGET_SPEEDUP:g}x: "
              f"{verdict(speedup >= TARGET_SPEEDUP)}), accuracy {points:+.1f} points "
              f"(target >= -1: {verdict(points >= -1)})\n")

    memory = peak_memory_of_training_mb()
    if memory is None:
        all_met = False
        print("peak memory of the whole `python -m course.train` process: not measured "
              "(it is read from Linux's /proc)\n")
    else:
        all_met &= memory < TARGET_MEMORY_MB
        print(f"peak memory of the whole `python -m course.train` process: {memory:.0f} MB "
              f"(target < {TARGET_MEMORY_MB} MB: {verdict(memory < TARGET_MEMORY_MB)})\n")

    if large:
        X_large = np.tile(X_train, (6, 1))  # 24000 examples: the split 6 times, for timing only
        y_large = np.tile(y_train, 6)
        params_large, sizes_large = network(X_large, 200)
        print(f"larger: {sizes_large[0]}-{sizes_large[1]}-{sizes_large[2]} network on "
              f"{len(X_large)} examples (the training split 6 times; timing only)")
        few = max(3, repeats // 10)
        times_l = floor_and_evaluation(X_large, y_large, params_large, sizes_large, few, 1)
        times_lt = floor_and_evaluation(X_large, y_large, params_large, sizes_large, few, None)
        in_lbfgs = seconds_per_evaluation_in_lbfgs(X_large, y_large, params_large,
                                                   sizes_large, 5, True)
        print(f"  every BLAS on one thread (the faster floor is "
              f"{times_l['floor'] / times['floor']:.0f}x that of the default size)")
        large_ratio = print_evaluation(times_l, f" ({small_ratio:.2f}x at the default size)")
        print("  as in training (numpy's BLAS on its default threads)")
        print_evaluation(times_lt)
        print(f"    inside L-BFGS-B, per evaluation              {1e3 * in_lbfgs:8.2f} ms  "
              f"{in_lbfgs / times_lt['floor']:.2f}x the faster floor")
        scales = large_ratio <= small_ratio * 1.05
        all_met &= scales
        print(f"  scales with the matrix work, not worse (ratio at most 5% above the default "
              f"size's): {verdict(scales)}")
    print(f"\nall targets met: {'yes' if all_met else 'NO'}")
    return all_met


def main(argv=None):
    """Run course.bench; return 0 when every target is met, else 1."""
    parser = ArgumentParser(prog="python -m course.bench",
                                     description="Measure the speed of the package.")
    parser.add_argument("--repeats", type=positive_int, default=50,
                        help="repetitions of each evaluation timing (default 50)")
    parser.add_argument("--training-repeats", type=positive_int, default=3,
                        help="repetitions of each training timing (default 3)")
    parser.add_argument("--no-large", action="store_true",
                        help="skip the 200-hidden-unit run on 24000 examples")
    args = parser.parse_args(argv)
    return run_reporting_errors(
        lambda: 0 if run(args.repeats, args.training_repeats, not args.no_large) else 1)


if __name__ == "__main__":
    sys.exit(main())
