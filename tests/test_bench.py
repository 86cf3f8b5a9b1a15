"""The thread fix of training, and the benchmark's code paths (no test asserts a time)."""

from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from course import bench
from course.lbfgs import _in_scipy, single_threaded_scipy_blas


def blas_threads():
    return {info["filepath"]: info["num_threads"] for info in threadpool_info()
            if info["user_api"] == "blas"}


def test_scipy_blas_runs_on_one_thread_inside_and_is_restored_after():
    before = blas_threads()
    with single_threaded_scipy_blas():
        inside = blas_threads()
    assert blas_threads() == before
    for path, threads in inside.items():
        assert threads == (1 if _in_scipy(path) else before[path])


def test_benchmark_runs_and_prints_every_measurement(capsys):
    bench.main(["--repeats", "2", "--training-repeats", "1", "--no-large"])
    printed = capsys.readouterr().out
    for line in ("floor, results laid out row by row", "floor, results laid out column by column",
                 "x the faster floor, ", "x the row-by-row one (target <= 1.3x",
                 "per-example loop", "what course.train does", "course.train.train",
                 "peak memory of the whole", "all targets met:"):
        assert line in printed


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_peak_memory_is_the_training_process_own_not_its_parents():
    # A parent holding 400 MB: a child forked from it used to be reported with
    # them, because ru_maxrss counts the pages it shares with the parent until exec.
    ballast = np.ones(50_000_000)
    peak = bench.peak_memory_of_training_mb()
    assert ballast.sum() == 50_000_000
    assert 30 < peak < 300
