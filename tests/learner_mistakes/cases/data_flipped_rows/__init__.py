"""Lesson 1: the image upside down; tile_images itself is right."""
