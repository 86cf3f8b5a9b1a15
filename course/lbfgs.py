"""L-BFGS-B as every trainer of the package calls it, at full speed on any machine."""

from contextlib import contextmanager
from pathlib import Path

from scipy.optimize import minimize
from threadpoolctl import ThreadpoolController


def minimize_lbfgs(cost_function, x0, maxiter, callback=None):
    """Return scipy's OptimizeResult of L-BFGS-B on cost_function(x) -> (J, grad), from x0."""
    with single_threaded_scipy_blas():
        return minimize(cost_function, x0, jac=True, method="L-BFGS-B",
                        options={"maxiter": maxiter}, callback=callback)


@contextmanager
def single_threaded_scipy_blas():
    """Return a context in which the BLAS libraries that scipy brings run on one thread.

    numpy and scipy wheels each bring their own OpenBLAS, each with a pool of
    threads that spin for a while after every call. Inside L-BFGS-B the two
    take turns (numpy for our matrix products, scipy for the optimizer's small
    vector work) and their spinning threads fight over the cores: on 2 cores
    one evaluation took 42 ms there against 7 ms alone. scipy's small work
    gains nothing from threads, so its pool gets one and numpy keeps its own.
    Where numpy and scipy share one BLAS (as in conda), there is nothing to do.
    """
    libraries = [library for library in ThreadpoolController().lib_controllers
                 if library.user_api == "blas" and _in_scipy(library.filepath)]
    before = [library.num_threads for library in libraries]
    for library in libraries:
        library.set_num_threads(1)
    try:
        yield
    finally:
        for library, num_threads in zip(libraries, before):
            library.set_num_threads(num_threads)


def _in_scipy(filepath):
    """Return True when a shared library's path lies in scipy's own folders."""
    return any(part in ("scipy", "scipy.libs") for part in Path(filepath).parts)
