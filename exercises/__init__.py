"""The learner's exercises: one file per lesson, checked by `pytest exercises` and `python -m course.grade`."""
