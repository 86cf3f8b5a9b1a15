"""Why L-BFGS-B: the optimizer comparison."""

import numpy as np

from course import optimizers

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def quadratic(x):
    """A long narrow valley: J = (x0^2 + 25 x1^2) / 2, gradient (x0, 25 x1)."""
    scale = np.array([1.0, 25.0])
    return float(0.5 * np.sum(scale * x ** 2)), scale * x


def test_gradient_descent_steps_against_the_gradient():
    costs, seconds = optimizers.gradient_descent(quadratic, [3.0, 1.0], 0.03, 50)
    assert len(costs) == len(seconds) == 51
    assert costs[-1] < 0.1 * costs[0] and np.all(np.diff(costs) <= 0)


def test_too_large_a_rate_diverges_and_stops_at_infinity():
    costs, _ = optimizers.gradient_descent(quadratic, [3.0, 1.0], 0.5, 2000)
    assert costs[5] > costs[0]  # 0.5 * 25 > 2: every step overshoots the valley
    assert not np.isfinite(costs[-1]) and len(costs) < 2001


def test_momentum_goes_further_along_a_narrow_valley():
    plain, _ = optimizers.gradient_descent(quadratic, [3.0, 1.0], 0.03, 30)
    momentum, _ = optimizers.gradient_descent(quadratic, [3.0, 1.0], 0.03, 30, momentum=0.8)
    assert momentum[-1] < plain[-1]


def test_on_the_digits_lbfgs_beats_every_gradient_descent(split):
    X_train, y_train, _, _ = split
    runs = optimizers.compare(X_train[::8], y_train[::8], iterations=30)
    assert set(runs) == set(optimizers.GRADIENT_DESCENT) | {"L-BFGS-B"}
    starts = {costs[0] for costs, _ in runs.values()}
    assert len(starts) == 1  # the same starting weights for all
    final = {name: costs[-1] for name, (costs, _) in runs.items()}
    assert all(final["L-BFGS-B"] < cost for name, cost in final.items() if name != "L-BFGS-B")
    assert final["gradient descent, rate 3 (good)"] < final["gradient descent, rate 0.1 (too small)"]
    too_large = runs["gradient descent, rate 30 (too large)"][0]
    assert max(too_large[1:]) > too_large[0]  # it climbs instead of falling


def test_the_command_prints_and_saves_the_figure(plots_dir, capsys):
    assert optimizers.main(["--iterations", "3"]) == 0
    printed = capsys.readouterr().out
    assert "L-BFGS-B" in printed and "gradient descent, rate 30 (too large)" in printed
    assert (plots_dir / "optimizers.png").read_bytes().startswith(PNG_SIGNATURE)
