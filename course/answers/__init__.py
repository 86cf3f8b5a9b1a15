"""The textbook answers of the lessons: one file per lesson, mirroring exercises/.

Each file holds the functions of its lesson's stub, with the same names and
arguments, written the way the lesson asks: the lecture's names, one step per
line, a shape on each matrix product, no speed tricks. Read one when you have
done its lesson. `python -m course.grade --reference` grades them like your own
files; tests/test_answers.py pins them against the fast library (course/nn.py).
"""
