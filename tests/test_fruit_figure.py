"""The fruit figure shows the line each model draws: its probability as shading, its 0.5 line."""

import numpy as np
from matplotlib.collections import QuadMesh

from course import fruit


def test_the_straight_line_is_seen_even_when_it_calls_every_fruit_safe():
    X, y = fruit.make_fruit(200, seed=0)
    fig = fruit.boundaries_figure(X, y, fruit.train_linear(X, y), fruit.train_hidden(X, y))
    linear_row, hidden_row = np.asarray(fig.axes[:8]).reshape(2, 4)
    for ax in linear_row:
        shading = next(c for c in ax.collections if isinstance(c, QuadMesh)).get_array()
        assert 0.05 < np.ptp(shading) < 0.5  # a tilted plane of probabilities, not one color
        assert len(ax.collections) > 3  # lines of equal probability beside shading and fruits
        assert any("no 0.5 line: every fruit called safe" in text.get_text() for text in ax.texts)
    last = hidden_row[-1]
    assert not any("no 0.5 line" in text.get_text() for text in last.texts)
    assert linear_row[0].get_title().endswith("after 1 iteration: 70% right")
    assert hidden_row[-1].get_title().endswith("after 100 iterations: 100% right")


def test_a_fruit_is_classed_one_way_in_the_score_and_the_note():
    """Every probability 0.5 (sigmoid(-1e-20) rounds to it): all called poisonous, and scored so."""
    X, y = fruit.make_fruit(200, seed=0)
    undecided = np.array([-1e-20, 0.0, 0.0])
    fig = fruit.boundaries_figure(X, y, {1: undecided, 5: undecided},
                                  fruit.train_hidden(X, y, snapshots=(1, 5)))
    ax = fig.axes[0]
    assert any("every fruit called poisonous" in text.get_text() for text in ax.texts)
    assert ax.get_title().endswith(f"after 1 iteration: {100 * np.mean(y):.0f}% right")


def test_iterations_are_counted_in_words():
    assert fruit.iterations_text(1) == "1 iteration"
    assert fruit.iterations_text(20) == "20 iterations"
