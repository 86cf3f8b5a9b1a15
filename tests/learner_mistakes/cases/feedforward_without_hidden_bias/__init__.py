"""Lesson 3: no bias unit in the hidden layer; predict itself is right."""
