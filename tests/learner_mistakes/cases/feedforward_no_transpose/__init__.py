"""Lesson 3: a1 @ W1 without the transpose."""
