"""Lesson 9: the hidden units' biases with their signs swapped."""
