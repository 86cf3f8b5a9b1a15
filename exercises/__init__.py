"""The learner's exercises: one file per lesson.

Checked by `python -m pytest exercises` and `python -m course.grade`.
"""
