"""Lesson 6: theta changed in place and never put back."""
