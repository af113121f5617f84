"""Scorers, one per task, and the ``eventcoder evaluate`` command."""
