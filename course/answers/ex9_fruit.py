"""Answers to lesson 9: a hidden layer made by hand."""

import numpy as np


def hand_made_weights():
    """Return (W1, W2): the weights of a 2-2-2 sigmoid network that tells poisonous from safe.

    On the scaled inputs x1 (spots) and x2 (spikes) the band is
    -0.4 < x2 - x1 < 0.4. Hidden unit 1 fires above the band's lower edge,
    hidden unit 2 above its upper edge; the fruit is poisonous when unit 1
    fires and unit 2 does not. Large weights make the sigmoids nearly steps.
    """
    W1 = np.array([[10.0, -25.0, 25.0],     # x2 - x1 > -0.4: above the lower edge
                   [-10.0, -25.0, 25.0]])   # x2 - x1 > +0.4: above the upper edge
    W2 = np.array([[10.0, -20.0, 20.0],     # safe: below the band, or above it
                   [-10.0, 20.0, -20.0]])   # poisonous: above the lower edge only
    return W1, W2
