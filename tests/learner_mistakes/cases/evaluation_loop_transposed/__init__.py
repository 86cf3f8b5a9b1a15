"""Lesson 8: the confusion matrix counted in a loop, rows and columns swapped."""
