"""The two-layer sigmoid network: feed-forward, cost and backpropagation.

Notation of the lecture, for one batch of m examples:

    a1 = [1, X]              the inputs with a bias unit       (m, 401)
    z2 = a1 W1^T             hidden pre-activations            (m, 25)
    a2 = [1, g(z2)]          hidden activations with a bias    (m, 26)
    z3 = a2 W2^T             output pre-activations            (m, 10)
    a3 = g(z3)               outputs, one sigmoid per label    (m, 10)

with g the sigmoid. W1 has shape (25, 401) and W2 (10, 26); column 0 of each
holds the biases. Labels are 0..9.

Four things differ from the lecture, for speed (`python -m course.bench`
measures the whole). They change where numbers are kept, in which order they
are added up and how a logarithm is taken, not what is computed.

- a1 is never built, because copying X into it costs as much as a fifth of a
  whole evaluation: its first column is all ones, so
  a1 W1^T = X W1[:, 1:]^T + W1[:, 0], and in the gradient
  delta2^T a1 = [sum of delta2 over examples, delta2^T X].
- The (m, 25) and (m, 10) arrays are laid out column by column in memory
  (order="F"). OpenBLAS writes X W1^T into such an array about 30% faster
  than into the usual row-by-row one; shapes and values are the same.
- nn_cost_function adds up the cost and the gradient block by block, at most
  BLOCK examples at a time (backprop does one block). The sums are the same; a
  block's arrays stay in the processor's cache, which matters for large
  networks on many examples.
- The blocks are shared out between threads, as many as numpy's BLAS would
  use, each thread's matrix products on one BLAS thread. BLAS alone would
  share out only the products, and leave the elementwise work (expit, the
  sigmoid's slope) to one core; and its threads wait for each other inside
  every product, which on a busy machine made one evaluation 10x slower.
  The blocks and the order of the sums do not depend on the threads.
- The logarithms of the cost come from a3 itself, from one expit per output
  (backprop's comments derive it), instead of from scipy's log_expit, which
  takes three times as long as expit.

Precision: the network computes in the precision of the pictures it is given.
float32 pictures (large data sets such as Fashion-MNIST) give float32 products
and elementwise work, in half the memory and faster; anything else is
computed in float64, as the course's digits, the gradient check and the
lessons are. The weights stay float64 outside, and nn_cost_function always
returns a float64 cost and gradient, what L-BFGS-B needs: the blocks' sums
are added up in float64.
"""

import os
from concurrent.futures import ThreadPoolExecutor
import functools
from functools import cache

import numpy as np
from scipy.special import expit, log_expit, softmax
from threadpoolctl import ThreadpoolController

from course import CourseError


def sigmoid(z):
    """Return the sigmoid 1 / (1 + exp(-z)) of each element, without overflow."""
    return expit(z)


def sigmoid_gradient(z):
    """Return the derivative of the sigmoid at each element: g(z) * (1 - g(z))."""
    g = expit(z)
    return g * (1.0 - g)


def rand_initialize_weights(l_in, l_out, rng):
    """Return random weights of shape (l_out, 1 + l_in), uniform in [-eps, eps].

    eps = sqrt(6 / (l_in + l_out)), about 0.12 for the 400-25 layer: small
    enough that the sigmoids start in their steep middle, and random so that
    the hidden units do not all learn the same thing.
    `rng` is a numpy Generator or a seed.
    """
    check_positive_int("l_in", l_in)
    check_positive_int("l_out", l_out)
    epsilon_init = np.sqrt(6.0 / (l_in + l_out))
    return np.random.default_rng(rng).uniform(-epsilon_init, epsilon_init, (l_out, 1 + l_in))


def rand_initialize_network(input_layer_size, hidden_layer_size, num_labels, seed):
    """Return random starting weights (W1, W2), both drawn from one generator made from `seed`."""
    rng = np.random.default_rng(seed)
    return (rand_initialize_weights(input_layer_size, hidden_layer_size, rng),
            rand_initialize_weights(hidden_layer_size, num_labels, rng))


def unroll(W1, W2):
    """Return W1 and W2 as one vector: concatenate([W1.ravel(), W2.ravel()])."""
    return np.concatenate([np.ravel(W1), np.ravel(W2)])


def reshape_params(nn_params, input_layer_size, hidden_layer_size, num_labels):
    """Return (W1, W2) of shapes (hidden, input + 1) and (labels, hidden + 1) from the vector."""
    nn_params = np.asarray(nn_params, dtype=np.float64)
    split = hidden_layer_size * (input_layer_size + 1)
    expected = split + num_labels * (hidden_layer_size + 1)
    if nn_params.shape != (expected,):
        raise CourseError(
            f"nn_params: expected a vector of {expected} values for a "
            f"{input_layer_size}-{hidden_layer_size}-{num_labels} network, "
            f"got shape {nn_params.shape}"
        )
    W1 = nn_params[:split].reshape(hidden_layer_size, input_layer_size + 1)
    W2 = nn_params[split:].reshape(num_labels, hidden_layer_size + 1)
    return W1, W2


def add_bias(A):
    """Return A with a column of ones in front: shape (m, n) -> (m, 1 + n)."""
    return np.hstack([np.ones((A.shape[0], 1), dtype=np.result_type(A, 1.0)), A])


def by_columns(m, n, dtype=np.float64):
    """Return an empty (m, n) array laid out column by column (order="F")."""
    return np.empty((m, n), dtype, order="F")


def precision(X):
    """Return the dtype of the work on pictures X: float32 if they are, or float64."""
    return np.dtype(np.float32) if np.asarray(X).dtype == np.float32 else np.dtype(np.float64)


def forward_pass(W1, W2, X):
    """Return (z2, a2, z3), the activations of each layer for the examples X, in X's precision."""
    m, hidden, dtype = X.shape[0], W1.shape[0], X.dtype
    W1, W2 = W1.astype(dtype, copy=False), W2.astype(dtype, copy=False)
    z2 = by_columns(m, hidden, dtype)
    np.matmul(X, W1[:, 1:].T, out=z2)                           # (m, 400) x (400, 25) = (m, 25)
    z2 += W1[:, 0]                                              # + the bias weights: z2 = a1 W1^T
    a2 = by_columns(m, 1 + hidden, dtype)
    a2[:, 0] = 1.0                                              # the bias unit
    expit(z2, out=a2[:, 1:])                                    # a2 = [1, sigmoid(z2)]: (m, 26)
    z3 = by_columns(m, W2.shape[0], dtype)
    np.matmul(a2, W2.T, out=z3)                                 # (m, 26) x (26, 10) = (m, 10)
    return z2, a2, z3


def outputs_z3(W1, W2, X):
    """Return z3, the (m, 10) output pre-activations for the examples X, a block at a time.

    The blocks are shared out between threads as in nn_cost_function, so that
    numpy's BLAS never starts threads of its own, which would keep spinning
    after the products and slow down whatever comes next (a training).
    """
    W1, W2, X = check_network_input(W1, W2, X)
    z3 = np.empty((X.shape[0], W2.shape[0]), X.dtype)  # (m, 10)

    def forward(block):
        z3[block] = forward_pass(W1, W2, X[block])[2]
    map_in_threads(forward, blocks(X.shape[0]))
    return z3


def feed_forward(W1, W2, X):
    """Return a3, the (m, 10) sigmoid outputs of the network for the examples X."""
    return sigmoid(outputs_z3(W1, W2, X))


def predict(W1, W2, X):
    """Return the (m,) predicted labels 0..9: the output unit with the largest value."""
    z3 = outputs_z3(W1, W2, X)
    return np.argmax(z3, axis=1)  # the sigmoid is increasing: argmax of z3 = argmax of a3


def predict_proba(W1, W2, X):
    """Return (m, 10) probabilities: the sigmoid outputs scaled so each row sums to 1."""
    z3 = outputs_z3(W1, W2, X)
    # a3 / sum(a3), taken from log(a3) = log_expit(z3): a row whose every output
    # rounds to 0 (z3 = -inf) still sums to 1, shared by its largest outputs.
    log_a3 = np.maximum(log_expit(z3), np.finfo(z3.dtype).min)  # (m, 10), never -inf
    return softmax(log_a3, axis=1)


def one_hot(y, num_labels, dtype=np.float64):
    """Return the (m, num_labels) matrix Y with Y[i, y[i]] = 1 and zeros elsewhere."""
    return np.eye(num_labels, dtype=dtype)[y]


BLOCK = 1024     # at most this many examples per call of backprop in nn_cost_function ...
MIN_BLOCK = 256  # ... and at least this many; 4 blocks or more when m allows (4000: 4 x 1000)


def blocks(m):
    """Return the slices of examples 0..m - 1, in order, that nn_cost_function works on.

    Their size depends on m alone, never on the threads, so the sums are the
    same on any machine.
    """
    size = min(BLOCK, max(MIN_BLOCK, -(-m // 4)))
    return [slice(start, start + size) for start in range(0, m, size)]


def map_in_threads(function, items):
    """Return [function(item) for item in items], computed by as many threads as numpy's BLAS has.

    Each item's matrix products run on one BLAS thread meanwhile, even with one
    item or one thread (BLAS limited to one, as by threadpoolctl): no thread of
    BLAS's own ever waits for another inside a product.
    """
    blas = blas_libraries()
    threads = min(len(items), max([library.num_threads for library in blas.lib_controllers],
                                  default=1))
    with blas.limit(limits=1):
        if threads <= 1:
            return [function(item) for item in items]
        return list(thread_pool(threads, os.getpid()).map(function, items))


def on_one_blas_thread(function):
    """Return `function` run with numpy's BLAS on one thread, for code not written in blocks.

    Such as a learner's nn_cost_function: BLAS's own threads would share out its
    products and, on a busy machine, wait for each other inside every one (a
    training took 4.3 s so, beside other work, against 0.8 s for ours).
    """
    @functools.wraps(function)
    def on_one_thread(*args, **kwargs):
        with blas_libraries().limit(limits=1):
            return function(*args, **kwargs)
    return on_one_thread


@cache
def blas_libraries():
    """Return a threadpoolctl controller of the BLAS libraries loaded (numpy's among them)."""
    return ThreadpoolController().select(user_api="blas")


@cache
def thread_pool(threads, pid):
    """Return a pool of `threads` threads, made once per process (a forked child makes its own)."""
    return ThreadPoolExecutor(threads, thread_name_prefix="course-nn")


def backprop(W1, W2, X, Y):
    """Return (cost, W1_grad, W2_grad) summed over the examples X, not yet averaged or regularized.

    X : (m, input_layer_size) examples, one per row, float32 or float64
    Y : (m, num_labels) their one-hot labels, in X's precision
    The sums are in X's precision; W1 and W2 are used in it.
    """
    z2, a2, z3 = forward_pass(W1, W2, X)
    W2 = W2.astype(X.dtype, copy=False)

    # Cross-entropy of each output unit against its 0/1 target, summed over
    # units and examples: -[Y log(a3) + (1 - Y) log(1 - a3)] = log(1 + e^z3) - Y z3.
    # log(1 + e^z) is computed from a3, without overflow: it is -log(1 - a3)
    # for z < 0 and z - log(a3) for z >= 0, that is max(z, 0) - log(max(a3, 1 - a3)).
    # The logarithm is of a number between 1/2 and 1, so nothing overflows, and
    # each term is within about 1e-16 of -log_expit(-z3), which takes 3x longer.
    a3 = expit(z3)                                            # (m, 10)
    log_1_plus_exp_z3 = np.maximum(z3, 0) - np.log(np.maximum(a3, 1 - a3))
    cost = np.sum(log_1_plus_exp_z3) - np.sum(Y * z3)

    # Backpropagation: delta3 = dJ/dz3 per example, delta2 = dJ/dz2, carried
    # back through W2 (without its bias column) and the sigmoid's slope at z2,
    # sigmoid_gradient(z2) = g(z2) (1 - g(z2)), read from a2 = [1, g(z2)].
    delta3 = a3 - Y                                           # (m, 10)
    g_z2 = a2[:, 1:]                                          # (m, 25)
    delta2 = np.matmul(delta3, W2[:, 1:], out=z2)             # (m, 10) x (10, 25) = (m, 25),
    delta2 *= g_z2 * (1 - g_z2)                               # over z2, no longer needed
    W1_grad = np.hstack([delta2.sum(axis=0)[:, np.newaxis],   # delta2^T a1: (25, 401)
                         delta2.T @ X])                       # (25, m) x (m, 400) = (25, 400)
    W2_grad = delta3.T @ a2                                   # (10, m) x (m, 26) = (10, 26)
    return cost, W1_grad, W2_grad


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels,
                     X, y, lambda_):
    """Return (J, grad): the regularized cost and its gradient, unrolled like nn_params.

    Parameters
    ----------
    nn_params : (hidden * (input + 1) + labels * (hidden + 1),) W1 and W2 unrolled
    X : (m, input_layer_size) examples, one per row
    y : (m,) labels 0..num_labels - 1
    lambda_ : regularization strength, >= 0 (the bias columns are not regularized)
    """
    W1, W2 = reshape_params(nn_params, input_layer_size, hidden_layer_size, num_labels)
    W1, W2, X = check_network_input(W1, W2, X, finite_X=False)  # X: checked by train
    y = check_labels(y, X.shape[0], num_labels)
    lambda_ = check_lambda(lambda_)
    m = X.shape[0]
    Y = one_hot(y, num_labels, X.dtype)  # (m, 10)

    # The cost and the gradient are sums over the examples: add them up a
    # block at a time (in X's precision), then in float64 over the blocks,
    # and average over all m.
    W1_x, W2_x = W1.astype(X.dtype, copy=False), W2.astype(X.dtype, copy=False)  # cast once
    parts = map_in_threads(lambda block: backprop(W1_x, W2_x, X[block], Y[block]), blocks(m))
    J, W1_grad, W2_grad = 0.0, np.zeros(W1.shape), np.zeros(W2.shape)
    for cost, W1_part, W2_part in parts:
        J += float(cost)
        W1_grad += W1_part
        W2_grad += W2_part
    J /= m
    W1_grad /= m
    W2_grad /= m

    # Regularization: lambda_ / (2 m) times the squared weights, bias columns excluded.
    with np.errstate(over="ignore"):  # weights beyond 1e154: the penalty is inf, said by train
        J += lambda_ / (2 * m) * (np.sum(W1[:, 1:] ** 2) + np.sum(W2[:, 1:] ** 2))
    W1_grad[:, 1:] += lambda_ / m * W1[:, 1:]
    W2_grad[:, 1:] += lambda_ / m * W2[:, 1:]
    return float(J), unroll(W1_grad, W2_grad)


# ---------------------------------------------------------------- checks at the edges

def check_network_input(W1, W2, X, finite_X=True):
    """Return W1, W2 as float64 and X as float32 or float64 after checking them (see precision)."""
    W1 = _float_matrix("W1", W1)
    W2 = _float_matrix("W2", W2)
    X = _float_matrix("X", X, finite=finite_X, dtype=precision(X))
    if W2.shape[1] != W1.shape[0] + 1:
        raise CourseError(
            f"W2: expected {W1.shape[0] + 1} columns (1 + the {W1.shape[0]} rows of W1), "
            f"got shape {W2.shape}"
        )
    if X.shape[1] + 1 != W1.shape[1]:
        raise CourseError(
            f"X: expected {W1.shape[1] - 1} columns (W1 has shape {W1.shape}), "
            f"got shape {X.shape}"
        )
    return W1, W2, X


def check_labels(y, m, num_labels):
    """Return y as an int array after checking it holds m labels in 0..num_labels - 1."""
    y = np.asarray(y)
    if y.shape != (m,):
        raise CourseError(f"y: expected {m} labels (one per row of X), got shape {y.shape}")
    if m and (y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= num_labels):
        raise CourseError(
            f"y: expected integer labels 0..{num_labels - 1}, "
            f"got {y.dtype} values from {y.min()} to {y.max()}"
        )
    return y


def check_lambda(lambda_):
    """Return lambda_ as a float after checking it is finite and >= 0."""
    try:
        value = float(lambda_)
    except (TypeError, ValueError):
        raise CourseError(f"lambda_: expected a number >= 0, got {lambda_!r}") from None
    if not np.isfinite(value) or value < 0:
        raise CourseError(f"lambda_: expected a finite number >= 0, got {lambda_!r}")
    return value


def _float_matrix(name, A, finite=True, dtype=np.float64):
    """Return A as a 2-D array of dtype (float64 unless said), or raise a ValueError naming it.

    finite: also check that it holds no NaN or infinity (skipped for the large
    X inside nn_cost_function, which train checks once where the data enters).
    """
    A = np.asarray(A)
    if A.ndim != 2 or A.dtype.kind not in "biuf":
        raise CourseError(
            f"{name}: expected a 2-D array of numbers, got {A.dtype} with shape {A.shape}"
        )
    A = A.astype(dtype, copy=False)
    if finite and not np.all(np.isfinite(A)):
        raise CourseError(f"{name}: holds NaN or infinite values")
    return A


def check_positive_int(name, value):
    """Return value after checking it is an integer >= 1; else raise a ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise CourseError(f"{name}: expected an integer >= 1, got {value!r}")
    return value
