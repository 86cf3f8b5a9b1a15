"""Lesson 10: settings chosen on the test split."""
