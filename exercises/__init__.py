"""The learner's exercises: one file per lesson.

Checked by `pytest exercises` and `python -m course.grade`.
"""
