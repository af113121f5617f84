"""Peer systems run beside ours on the same gold in the scoreboard (never imported by the package).

Each peer is a producer: gold items in, eventcoder documents out, so the same
scorers read both.  Peers use the same spaCy model as our pipeline.
"""
