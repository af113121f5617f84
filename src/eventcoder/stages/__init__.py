"""Extraction stages: each one reads the parse and fills one part of the Document."""
