"""Lesson 10: two mistakes in one error at once."""
