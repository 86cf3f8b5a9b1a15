"""The thread fix of training, and the benchmark's code paths (no test asserts a time)."""

from pathlib import Path

from threadpoolctl import threadpool_info

from course import bench
from course.lbfgs import single_threaded_scipy_blas


def blas_threads():
    return {info["filepath"]: info["num_threads"] for info in threadpool_info()
            if info["user_api"] == "blas"}


def in_scipy(filepath):
    return any(part in ("scipy", "scipy.libs") for part in Path(filepath).parts)


def test_scipy_blas_runs_on_one_thread_inside_and_is_restored_after():
    before = blas_threads()
    with single_threaded_scipy_blas():
        inside = blas_threads()
    assert blas_threads() == before
    for path, threads in inside.items():
        assert threads == (1 if in_scipy(path) else before[path])


def test_benchmark_runs_and_prints_every_measurement(capsys):
    bench.main(["--repeats", "2", "--training-repeats", "1", "--no-large"])
    printed = capsys.readouterr().out
    for line in ("floor: its two large matrix products alone", "x the floor (target <= 1.3x",
                 "per-example loop", "what course.train does", "course.train.train",
                 "peak memory of the whole", "all targets met:"):
        assert line in printed
