"""Lesson 9: the right signs, weights twenty times too small."""
