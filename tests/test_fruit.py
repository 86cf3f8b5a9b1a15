"""The fruit lesson: a hidden layer separates what a straight line cannot."""

import numpy as np

from course import fruit

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_the_fruits_lie_in_a_band():
    X, y = fruit.make_fruit(300, seed=1)
    assert X.shape == (300, 2) and X.min() >= 0 and X.max() <= 10
    assert np.array_equal(y, (np.abs(X[:, 1] - X[:, 0]) < 2).astype(int))
    assert 0.2 < y.mean() < 0.5
    again_X, again_y = fruit.make_fruit(300, seed=1)
    assert np.array_equal(X, again_X) and np.array_equal(y, again_y)


def test_a_hidden_layer_separates_what_a_straight_line_cannot():
    X, y = fruit.make_fruit(200, seed=0)
    linear = fruit.train_linear(X, y)
    hidden = fruit.train_hidden(X, y)
    assert sorted(linear) == sorted(hidden) == list(fruit.SNAPSHOTS)
    straight = fruit.share_right(fruit.probability_linear(linear[100], X), y)
    bent = fruit.share_right(fruit.probability_hidden(*hidden[100], X), y)
    assert straight <= 0.75  # no line does much better than "all safe"
    assert bent >= 0.97
    early = fruit.share_right(fruit.probability_hidden(*hidden[1], X), y)
    assert early < bent  # the snapshots show it learning


def test_the_command_saves_the_boundaries(plots_dir, capsys):
    assert fruit.main(["--fruits", "100"]) == 0
    printed = capsys.readouterr().out
    assert "no hidden layer:" in printed and "8 hidden units:" in printed
    assert (plots_dir / "fruit_boundaries.png").read_bytes().startswith(PNG_SIGNATURE)
