"""Lesson 7: rand_initialize_weights called with its sizes swapped."""
