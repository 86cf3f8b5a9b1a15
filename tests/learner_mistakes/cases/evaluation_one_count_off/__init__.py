"""Lesson 8: the last example left out of the counts."""
