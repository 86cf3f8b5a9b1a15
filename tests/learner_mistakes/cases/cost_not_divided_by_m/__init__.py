"""Lesson 4: the cost summed over the examples, not divided by m."""
