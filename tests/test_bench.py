"""The benchmark's own logic and the thread fix of training (no test asserts a time)."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from course import bench, nn
from course.nn import nn_cost_function, rand_initialize_network, unroll

# Which BLAS libraries scipy brings, found without asking course.lbfgs: those that
# importing scipy.linalg loads on top of numpy's. Then their threads inside the fix.
THREADS_INSIDE_THE_FIX = """
import json
from threadpoolctl import threadpool_info
def blas():
    return {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
import numpy
numpy_own = set(blas())
import scipy.linalg
from course.lbfgs import single_threaded_scipy_blas
before = blas()
with single_threaded_scipy_blas():
    inside = blas()
print(json.dumps({"numpy": sorted(numpy_own), "before": before, "inside": inside,
                  "after": blas()}))
"""


def test_scipy_blas_runs_on_one_thread_inside_and_numpy_keeps_its_threads():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    finished = subprocess.run([sys.executable, "-c", THREADS_INSIDE_THE_FIX], env=env,
                              capture_output=True, text=True, check=True)
    seen = json.loads(finished.stdout)
    scipy_own = set(seen["before"]) - set(seen["numpy"])
    if not scipy_own:
        pytest.skip("numpy and scipy share one BLAS here (as in conda): nothing to fix")
    assert seen["after"] == seen["before"]
    for path, threads in seen["inside"].items():
        assert threads == (1 if path in scipy_own else seen["before"][path]), path
    assert any(seen["inside"][path] == 2 for path in seen["numpy"])  # numpy's keeps its 2


def test_interleaved_medians_interleave_warm_up_and_take_medians():
    now, calls = [0.0], []
    durations = {"a": iter([1, 1, 1, 1, 1, 1, 1]), "b": iter([9, 3, 9, 3, 9, 100, 9])}

    def timed(name):
        def function():
            calls.append(name)
            now[0] += next(durations[name])
        return function

    medians = bench.interleaved_medians({"a": timed("a"), "b": timed("b")}, 3,
                                        clock=lambda: now[0])
    # warm-ups first; then, each repeat, every function called twice, the second time timed
    assert calls == ["a", "b"] + ["a", "a", "b", "b"] * 3
    assert medians == {"a": 1.0, "b": 9.0}  # b's timed calls took 3, 9 and 100: median 9


def test_interleaved_trainings_take_turns_and_medians():
    calls, seconds = [], {"ours": iter([0, 1.0, 0, 5.0, 0, 2.0]),
                          "theirs": iter([0, 4.0, 0, 4.0, 0, 8.0])}  # untimed runs: 0

    def trainer(name):
        def run(*split):
            calls.append(name)
            return next(seconds[name]), 0.9 if name == "ours" else 0.8
        return run

    done = bench.interleaved_trainings({"ours": trainer("ours"), "theirs": trainer("theirs")},
                                       (None,) * 4, 3)
    assert calls == ["ours"] * 2 + ["theirs"] * 4 + ["ours"] * 4 + ["theirs"] * 2  # turns taken
    assert done == {"ours": (2.0, 0.9), "theirs": (4.0, 0.8)}


def test_ratio_lines_judge_against_their_target():
    assert bench.ratio_line("ours / XLA", 1.05, 1.0, 1.1) == (
        "ours / XLA: 1.05x (target <= 1.1x: met)")
    assert bench.ratio_line("ours / XLA", 1.2, 1.0, 1.1).endswith("NOT MET)")
    assert bench.ratio_line("ours / floor", 3.0, 2.0) == "ours / floor: 1.50x"


@pytest.mark.skipif(importlib.util.find_spec("jax") is None,
                    reason='the XLA peer needs jax: pip install -e ".[bench]"')
@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 1e-12), (np.float32, 1e-5)])
def test_the_xla_peer_computes_our_cost_and_gradient(dtype, tolerance):
    rng = np.random.default_rng(0)
    X, y = rng.random((300, 20)).astype(dtype), rng.integers(0, 4, 300)
    sizes = (20, 7, 4)
    params = unroll(*rand_initialize_network(*sizes, 1)) * 10  # outputs far from 1/2 too
    J, grad = bench.xla_problem(X, y, sizes, 1.5)(params)
    J_ours, grad_ours = nn_cost_function(params, *sizes, X, y, 1.5)
    assert type(J) is float and grad.dtype == np.float64
    assert J == pytest.approx(J_ours, rel=tolerance)
    assert grad == pytest.approx(grad_ours, rel=tolerance * 100, abs=tolerance)


def test_floor_does_the_two_products_of_every_block(monkeypatch):
    monkeypatch.setattr(nn, "BLOCK", 7)
    X = np.ones((20, 3))
    done = []
    monkeypatch.setattr(bench, "map_in_threads",
                        lambda function, items: done.extend(items) or [function(i) for i in items])
    bench.floor(X, np.ones((4, 4)), 4)()
    assert [(block.start, block.stop) for block in done] == [(0, 7), (7, 14), (14, 21)]


def test_fashion_scale_pictures_fall_back_to_random_ones(monkeypatch):
    def not_installed(name):
        raise FileNotFoundError("Fashion-MNIST is not installed")
    monkeypatch.setattr(bench, "load_dataset", not_installed)
    monkeypatch.setattr(bench, "FASHION_SCALE", (50, 12, 5))
    X, y, what = bench.fashion_scale_pictures()
    assert X.shape == (50, 12) and y.shape == (50,) and "not installed" in what
    assert 0 <= X.min() and X.max() <= 1 and set(y) <= set(range(10))


def test_benchmark_runs_and_prints_every_measurement(capsys, monkeypatch, split):
    X_train, y_train, X_test, y_test = split
    monkeypatch.setattr(bench, "load_split", lambda: (X_train[::8], y_train[::8], X_test, y_test))
    status = bench.main(["--repeats", "1", "--training-repeats", "1", "--no-large"])
    printed = capsys.readouterr().out
    for line in ("GEMM floor", "course.nn", "float64", "float32",
                 "course.nn / GEMM floor, float64 (information)", "per-example loop",
                 "what course.train does", "course.train.train", "peak memory of the whole",
                 "all targets met:"):
        assert line in printed
    for package, line in (("jax", "course.nn / XLA, float64: "),
                          ("sklearn", "faster than scikit-learn (target >= 3x")):
        assert (line in printed) == (importlib.util.find_spec(package) is not None)
    assert status == (0 if "all targets met: yes" in printed else 1)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_peak_memory_is_the_training_process_own_not_its_parents():
    # A parent holding 400 MB: a child forked from it used to be reported with
    # them, because ru_maxrss counts the pages it shares with the parent until exec.
    ballast = np.ones(50_000_000)
    peak = bench.peak_memory_of_training_mb()
    assert ballast.sum() == 50_000_000
    assert 30 < peak < 300
