"""Measure the cost, the gradient and training side by side with the peers, in one run.

    python -m course.bench                # a few minutes; medians of repeated runs
    pip install -e ".[bench]"             # adds the peers: scikit-learn, and jax for XLA

The peers: the same cost written for XLA (jax.jit of jax.value_and_grad, handed
to the same scipy L-BFGS-B call), and scikit-learn's MLPClassifier. Times on a
shared machine vary from run to run, so each figure is a median and each
comparison is a ratio of two things measured in the same run, their repetitions
interleaved so that both see the same load. No test asserts a time.
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
from threadpoolctl import threadpool_info

from course.cli import ArgumentParser, positive_int, run_reporting_errors
from course.datasets import NUM_LABELS, load_dataset, load_split
from course.lbfgs import minimize_lbfgs, single_threaded_scipy_blas
from course.nn import (blocks, by_columns, map_in_threads, nn_cost_function, one_hot,
                       rand_initialize_network, reshape_params, unroll)
from course.nn_loop import nn_cost_function_loop
from course.training import accuracy, train

TARGET_EVALUATION = 1.0      # ours / XLA's, one float64 evaluation at the default size
TARGET_SKLEARN_SPEEDUP = 3.0  # scikit-learn's training time / ours
TARGET_TRAINING = 1.0        # ours / XLA + scipy's, 50 iterations
TARGET_FLOAT32 = 1.1         # ours / XLA's, one float32 evaluation at Fashion scale
TARGET_MEMORY_MB = 200       # peak of the whole default `python -m course.train`
FASHION_SCALE = (60000, 784, 100)  # examples, inputs, hidden units
LAMBDA = 1.0
PRECISIONS = (np.float64, np.float32)


def interleaved_medians(functions, repeats, clock=time.perf_counter):
    """Return {name: median seconds} of calling each function, the calls interleaved.

    Each timed call comes right after an untimed call of the same function, so
    that it finds its own data in the cache, as one evaluation finds it after
    the previous one inside L-BFGS-B.
    """
    times = {name: [] for name in functions}
    for function in functions.values():
        function()  # warm up: first calls allocate, load and compile
    for _ in range(repeats):
        for name, function in functions.items():
            function()
            start = clock()
            function()
            times[name].append(clock() - start)
    return {name: float(np.median(values)) for name, values in times.items()}


def network(X, hidden_layer_size, seed=0):
    """Return unrolled random weights for a network reading X, and its layer sizes."""
    sizes = (X.shape[1], hidden_layer_size, NUM_LABELS)
    return unroll(*rand_initialize_network(*sizes, seed)), sizes


# ---------------------------------------------------------------- the peers

def xla_problem(X, y, sizes, lambda_):
    """Return f(nn_params) -> (J, grad) computed by XLA in X's precision, or None without jax.

    The same cost as course.nn.nn_cost_function, written the textbook way for
    jax: jax.jit(jax.value_and_grad(...)) compiles it and fuses its
    elementwise work. X and the one-hot labels are put on XLA's side once, as
    a trainer would; J and grad come back as float64, for scipy's L-BFGS-B.
    """
    if importlib.util.find_spec("jax") is None:
        return None
    import jax
    jax.config.update("jax_enable_x64", True)  # float64 when asked, as numpy
    import jax.numpy as jnp

    def cost(W1, W2, X, Y):
        m = X.shape[0]
        a2 = jax.nn.sigmoid(X @ W1[:, 1:].T + W1[:, 0])      # (m, 400) x (400, 25) = (m, 25)
        z3 = a2 @ W2[:, 1:].T + W2[:, 0]                      # (m, 25) x (25, 10) = (m, 10)
        J = jnp.sum(jnp.logaddexp(0, z3) - Y * z3) / m        # cross-entropy of the sigmoids
        return J + lambda_ / (2 * m) * (jnp.sum(W1[:, 1:] ** 2) + jnp.sum(W2[:, 1:] ** 2))

    value_and_grad = jax.jit(jax.value_and_grad(cost, argnums=(0, 1)))
    X_xla, Y_xla = jnp.asarray(X), jnp.asarray(one_hot(y, sizes[2], X.dtype))

    def f(nn_params):
        W1, W2 = (jnp.asarray(W, X.dtype) for W in reshape_params(nn_params, *sizes))
        J, (W1_grad, W2_grad) = value_and_grad(W1, W2, X_xla, Y_xla)
        return float(J), unroll(np.asarray(W1_grad, np.float64), np.asarray(W2_grad, np.float64))
    return f


def sklearn_training(X_train, y_train, X_test, y_test):
    """Return (seconds, test accuracy) of scikit-learn's MLPClassifier set up as ours."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(hidden_layer_sizes=(25,), activation="logistic", solver="lbfgs",
                          alpha=LAMBDA, max_iter=50, random_state=0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # 50 iterations, on purpose
        model.fit(X_train, y_train)
    seconds = time.perf_counter() - start
    return seconds, float(np.mean(model.predict(X_test) == y_test))


def xla_training(X_train, y_train, X_test, y_test):
    """Return (seconds, test accuracy) of 50 L-BFGS-B iterations on XLA's cost, as train does."""
    nn_params, sizes = network(X_train, 25)
    cost = xla_problem(X_train, y_train, sizes, LAMBDA)
    cost(nn_params)  # compile first: the time is the training's, as jax users see it again
    start = time.perf_counter()
    result = minimize_lbfgs(cost, nn_params, 50)
    seconds = time.perf_counter() - start
    return seconds, accuracy(*reshape_params(result.x, *sizes), X_test, y_test)


def our_training(X_train, y_train, X_test, y_test):
    """Return (seconds, test accuracy) of the default training: 25 hidden, 50 iterations."""
    start = time.perf_counter()
    result = train(X_train, y_train)
    seconds = time.perf_counter() - start
    return seconds, accuracy(result.W1, result.W2, X_test, y_test)


# ---------------------------------------------------------------- one evaluation

def floor(X, W1, hidden):
    """Return a function computing the evaluation's two large matrix products alone.

    (m, n) x (n, hidden) and (hidden, m) x (m, n), block by block in threads,
    as nn_cost_function does them: what no implementation can do without.
    """
    m = X.shape[0]
    delta2 = by_columns(m, hidden, X.dtype)
    delta2[:] = 1.0
    W1 = W1.astype(X.dtype)

    def products(block):
        np.matmul(X[block], W1[:, 1:].T,
                  out=by_columns(len(X[block]), hidden, X.dtype))  # (m, n) x (n, h) = (m, h)
        delta2[block].T @ X[block]                                 # (h, m) x (m, n) = (h, n)
    return lambda: map_in_threads(products, blocks(m))


def evaluations(X, y, hidden, repeats):
    """Return {(name, dtype name): median seconds} of one evaluation, ours and XLA's, interleaved.

    Names: "ours", "XLA" (when jax is installed) and "floor", in float64 and
    float32, timed as in training: scipy's BLAS on one thread, numpy's and
    XLA's on their defaults.
    """
    nn_params, sizes = network(X, hidden)
    W1 = reshape_params(nn_params, *sizes)[0]
    functions = {}
    for dtype in PRECISIONS:
        X_d = X.astype(dtype, copy=False)
        functions["floor", dtype.__name__] = floor(X_d, W1, hidden)
        functions["ours", dtype.__name__] = (
            lambda X_d=X_d: nn_cost_function(nn_params, *sizes, X_d, y, LAMBDA))
        xla = xla_problem(X_d, y, sizes, LAMBDA)
        if xla is not None:
            functions["XLA", dtype.__name__] = lambda xla=xla: xla(nn_params)
    with single_threaded_scipy_blas():
        return interleaved_medians(functions, repeats)


def ratio_line(label, ours, theirs, target=None):
    """Return one line: the ratio ours / theirs, and with a target, whether it is met."""
    line = f"{label}: {ours / theirs:.2f}x"
    if target is not None:
        line += f" (target <= {target:g}x: {verdict(ours / theirs <= target)})"
    return line


def print_evaluations(times):
    """Print the evaluation times as a table: one row per precision, one column per code."""
    names = [name for name in ("floor", "ours", "XLA") if (name, "float64") in times]
    heads = {"floor": "GEMM floor", "ours": "course.nn", "XLA": "XLA (jax.jit)"}
    print("    " + " " * 10 + "".join(f"{heads[name]:>16}" for name in names))
    for dtype in PRECISIONS:
        print(f"    {dtype.__name__:10}" + "".join(
            f"{1e3 * times[name, dtype.__name__]:13.2f} ms" for name in names))


def verdict(met):
    """Return 'met' or 'NOT MET'."""
    return "met" if met else "NOT MET"


# ---------------------------------------------------------------- the rest

def loop_evaluation(X, y, nn_params, sizes, repeats):
    """Return median seconds of the per-example loop form of the cost and gradient."""
    with single_threaded_scipy_blas():
        return interleaved_medians(
            {"loop": lambda: nn_cost_function_loop(nn_params, *sizes, X, y, LAMBDA)},
            repeats)["loop"]


def seconds_per_evaluation_in_lbfgs(X, y, nn_params, sizes, iterations, fixed):
    """Return seconds per evaluation inside L-BFGS-B, with or without course.train's thread fix."""
    evaluations_done = [0]

    def cost(params):
        evaluations_done[0] += 1
        return nn_cost_function(params, *sizes, X, y, LAMBDA)

    start = time.perf_counter()
    if fixed:
        minimize_lbfgs(cost, nn_params, iterations)  # as course.train calls it
    else:
        minimize(cost, nn_params, jac=True, method="L-BFGS-B", options={"maxiter": iterations})
    return (time.perf_counter() - start) / evaluations_done[0]


def interleaved_trainings(trainers, split, repeats):
    """Return {name: (median seconds, test accuracy of the first run)}, the runs interleaved.

    Each timed run comes right after an untimed run of the same trainer: the
    threads a peer leaves spinning after its run (scikit-learn's BLAS and
    OpenMP threads do, for a while) slow down whatever runs next, and that
    should be its own run, not another peer's. The order turns by one each repeat.
    """
    runs = {name: [] for name in trainers}
    names = list(trainers)
    for turn in range(repeats):
        for name in names[turn % len(names):] + names[:turn % len(names)]:
            trainers[name](*split)
            runs[name].append(trainers[name](*split))
    return {name: (float(np.median([seconds for seconds, _ in done])), done[0][1])
            for name, done in runs.items()}


# `python -m course.train`, then the peak resident memory of its own process.
# The kernel's VmHWM is read rather than the child's ru_maxrss, because ru_maxrss
# also counts the pages of this parent process that the child shares until exec.
PROGRAM_THEN_PEAK = """
import importlib, sys
status = importlib.import_module(sys.argv[1]).main(sys.argv[2:])
try:
    with open("/proc/self/status") as status_file:
        print(next(line for line in status_file if line.startswith("VmHWM:")), file=sys.stderr)
except OSError:
    pass  # no /proc (not Linux): the peak is not measured
sys.exit(status)
"""


def peak_memory_mb(module, argv):
    """Return (peak resident MB or None, the finished process) of a whole `python -m module argv`.

    The kernel's VmHWM of that process itself, read at its end (None without /proc).
    """
    finished = subprocess.run([sys.executable, "-c", PROGRAM_THEN_PEAK, module, *argv],
                              capture_output=True, text=True)
    if "VmHWM:" not in finished.stderr:
        return None, finished
    return int(finished.stderr.split("VmHWM:")[-1].split()[0]) / 1024, finished


def peak_memory_of_training_mb():
    """Return the peak resident memory (MB) of a whole `python -m course.train` run, or None."""
    with tempfile.TemporaryDirectory() as folder:
        peak, finished = peak_memory_mb("course.train", ["--out", str(Path(folder) / "w.npz")])
    if finished.returncode != 0:
        raise RuntimeError(f"python -m course.train exited with {finished.returncode}: "
                           f"{finished.stderr.strip()}")
    return peak


def fashion_scale_pictures():
    """Return (X, y, what they are): Fashion-MNIST's training set, or random ones of its size."""
    m, n, _ = FASHION_SCALE
    try:
        fashion = load_dataset("fashion")
        return fashion.X_train, fashion.y_train, "Fashion-MNIST's training pictures"
    except FileNotFoundError:
        rng = np.random.default_rng(0)
        return (rng.random((m, n)), rng.integers(0, NUM_LABELS, m),
                "random pictures (Fashion-MNIST is not installed)")


def blas_description():
    """Return one line naming the BLAS libraries loaded and their default threads."""
    return ", ".join(f"{info['internal_api']} {Path(info['filepath']).name} "
                     f"({info['num_threads']} threads)" for info in threadpool_info()
                     if info["user_api"] == "blas")


def peers_description():
    """Return one line naming the peers installed, with their versions."""
    from importlib.metadata import PackageNotFoundError, version
    found = []
    for package in ("jax", "scikit-learn"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f'{package} not installed (pip install -e ".[bench]")')
    return ", ".join(found)


def run(repeats, training_repeats, large):
    """Run every measurement and print it; return True when every target is met."""
    X_train, y_train, X_test, y_test = load_split()
    nn_params, sizes = network(X_train, 25)
    has_xla = importlib.util.find_spec("jax") is not None
    has_sklearn = importlib.util.find_spec("sklearn") is not None
    met = []
    print(f"digits-course benchmark: {len(X_train)} training digits, "
          f"{sizes[0]}-{sizes[1]}-{sizes[2]} network, lambda {LAMBDA:g}")
    print(f"BLAS: {blas_description()}")
    print(f"peers: {peers_description()}")
    print(f"each time is the median of {repeats} interleaved runs unless said otherwise; "
          "threads as in training\n")

    print(f"one cost-and-gradient evaluation, {len(X_train)} x {sizes[0]}, {sizes[1]} hidden")
    times = evaluations(X_train, y_train, sizes[1], repeats)
    print_evaluations(times)
    print("    " + ratio_line("course.nn / GEMM floor, float64 (information)",
                              times["ours", "float64"], times["floor", "float64"]))
    if has_xla:
        met.append(times["ours", "float64"] <= TARGET_EVALUATION * times["XLA", "float64"])
        print("    " + ratio_line("course.nn / XLA, float64", times["ours", "float64"],
                                  times["XLA", "float64"], TARGET_EVALUATION))
        print("    " + ratio_line("course.nn / XLA, float32 (information)",
                                  times["ours", "float32"], times["XLA", "float32"]))
    loop = loop_evaluation(X_train, y_train, nn_params, sizes, max(3, repeats // 10))
    print(f"    per-example loop (course/nn_loop.py), float64: {1e3 * loop:.2f} ms, "
          f"{loop / times['ours', 'float64']:.0f}x slower than course.nn\n")

    if large:
        X_large, y_large, what = fashion_scale_pictures()
        few = max(3, repeats // 10)
        print(f"one evaluation at Fashion scale: {what}, {X_large.shape[0]} x "
              f"{X_large.shape[1]}, {FASHION_SCALE[2]} hidden (median of {few})")
        times_large = evaluations(X_large, y_large, FASHION_SCALE[2], few)
        del X_large
        print_evaluations(times_large)
        print("    " + ratio_line("course.nn float32 / float64", times_large["ours", "float32"],
                                  times_large["ours", "float64"]))
        if has_xla:
            met.append(times_large["ours", "float32"]
                       <= TARGET_FLOAT32 * times_large["XLA", "float32"])
            print("    " + ratio_line("course.nn / XLA, float32", times_large["ours", "float32"],
                                      times_large["XLA", "float32"], TARGET_FLOAT32))
            print("    " + ratio_line("course.nn / XLA, float64 (information)",
                                      times_large["ours", "float64"],
                                      times_large["XLA", "float64"]))
        print()

    print("inside L-BFGS-B, 20 iterations: time per evaluation")
    default = seconds_per_evaluation_in_lbfgs(X_train, y_train, nn_params, sizes, 20, False)
    fixed = seconds_per_evaluation_in_lbfgs(X_train, y_train, nn_params, sizes, 20, True)
    print(f"    numpy's and scipy's BLAS both on their default threads {1e3 * default:8.2f} ms")
    print(f"    scipy's BLAS on one thread (what course.train does)    {1e3 * fixed:8.2f} ms  "
          f"{default / fixed:.1f}x faster\n")

    trainers = {"course.train.train": our_training}
    if has_xla:
        trainers["XLA + the same scipy L-BFGS-B"] = xla_training
    if has_sklearn:
        trainers["scikit-learn MLPClassifier"] = sklearn_training
    print(f"training: 25 hidden units, lambda {LAMBDA:g}, 50 L-BFGS-B iterations, float64 "
          f"(median of {training_repeats} interleaved runs, each after one of its own)")
    trained = interleaved_trainings(trainers, (X_train, y_train, X_test, y_test),
                                    training_repeats)
    for name, (seconds, test_accuracy) in trained.items():
        print(f"    {name:32} {seconds:8.2f} s   test accuracy {100 * test_accuracy:.1f}%")
    ours = trained["course.train.train"][0]
    if has_sklearn:
        speedup = trained["scikit-learn MLPClassifier"][0] / ours
        met.append(speedup >= TARGET_SKLEARN_SPEEDUP)
        print(f"    ours is {speedup:.1f}x faster than scikit-learn "
              f"(target >= {TARGET_SKLEARN_SPEEDUP:g}x: "
              f"{verdict(speedup >= TARGET_SKLEARN_SPEEDUP)})")
    if has_xla:
        xla = trained["XLA + the same scipy L-BFGS-B"][0]
        met.append(ours <= TARGET_TRAINING * xla)
        print("    " + ratio_line("course.train / XLA + scipy", ours, xla, TARGET_TRAINING))
    print()

    memory = peak_memory_of_training_mb()
    if memory is None:
        met.append(False)
        print("peak memory of the whole `python -m course.train` process: not measured "
              "(it is read from Linux's /proc)\n")
    else:
        met.append(memory < TARGET_MEMORY_MB)
        print(f"peak memory of the whole `python -m course.train` process: {memory:.0f} MB "
              f"(target < {TARGET_MEMORY_MB} MB: {verdict(memory < TARGET_MEMORY_MB)})\n")

    missing = [name for name, present in (("jax", has_xla), ("scikit-learn", has_sklearn))
               if not present]
    if missing:
        print(f"not compared: {' and '.join(missing)} not installed "
              '(pip install -e ".[bench]"): their targets count as not met')
    all_met = all(met) and not missing
    print(f"all targets met: {'yes' if all_met else 'NO'}")
    return all_met


def main(argv=None):
    """Run course.bench; return 0 when every target is met, else 1."""
    parser = ArgumentParser(prog="python -m course.bench",
                            description="Measure the speed of the package beside its peers.")
    parser.add_argument("--repeats", type=positive_int, default=50,
                        help="repetitions of each evaluation timing (default 50; a tenth "
                             "of them, at least 3, at Fashion scale)")
    parser.add_argument("--training-repeats", type=positive_int, default=6,
                        help="repetitions of each training timing (default 6: "
                             "each of three trainers runs first twice)")
    parser.add_argument("--no-large", action="store_true",
                        help="skip the evaluations at Fashion scale (60000 x 784, 100 hidden)")
    args = parser.parse_args(argv)
    return run_reporting_errors(
        lambda: 0 if run(args.repeats, args.training_repeats, not args.no_large) else 1)


if __name__ == "__main__":
    sys.exit(main())
