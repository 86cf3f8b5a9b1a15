"""Lesson 9: a hidden layer by hand. Why can a hidden layer do what one line cannot?

A made-up fruit has spots (size in mm) and spikes (length in mm), both 0 to 10.
It is poisonous when its spikes are about as long as its spots are large:
within 2 mm. The poisonous fruits lie in a band between two lines, and no
single straight line separates them from the safe ones. See it:

    python -m course.fruit      # plots/fruit_boundaries.png

The network reads the measurements scaled to [-1, 1]: x1 = (spots - 5) / 5
and x2 = (spikes - 5) / 5, so the band is -0.4 < x2 - x1 < 0.4. Check:

    python -m course.grade 9        or        python -m pytest exercises -k lesson9

When yours passes, read the textbook answer: course/answers/ex9_fruit.py.
"""

import numpy as np


def hand_made_weights():
    """Return (W1, W2): the weights of a 2-2-2 sigmoid network that tells poisonous from safe.

    W1 (2, 3): two hidden units, each [bias, weight of x1, weight of x2].
    W2 (2, 3): two outputs, row 0 "safe" and row 1 "poisonous", each
        [bias, weight of hidden unit 1, weight of hidden unit 2].
    The network says poisonous where output 1 is larger than output 0.
    """
    W1 = np.zeros((2, 3))
    W2 = np.zeros((2, 3))
    # ========================= YOUR CODE HERE =========================
    # Each hidden unit is one straight line: sigmoid(b + w1 x1 + w2 x2) is near
    # 1 on one side of the line b + w1 x1 + w2 x2 = 0, near 0 on the other.
    # 1. Hidden unit 1: near 1 above the band's lower edge, x2 - x1 > -0.4.
    # 2. Hidden unit 2: near 1 above its upper edge, x2 - x1 > 0.4.
    # 3. Poisonous when unit 1 is on and unit 2 is off; safe otherwise.
    # Large weights (tens) make the sigmoids sharp, like steps.

    # ==================================================================
    return W1, W2
