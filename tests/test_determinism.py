"""The same text gives the same document whatever the interpreter's string-hash seed.

Set iteration order follows PYTHONHASHSEED; a tie broken by it would make a re-run or a resumed
corpus store different actor countries for the same text."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Two countries as prominent as each other, and an actor of no stated country.
TEXT = (
    "Troops shelled a village on Friday. The president of Kenya met the foreign minister of Peru "
    "on Tuesday. The president of Kenya met the foreign minister of Peru again on Wednesday."
)
SCRIPT = (
    "import json, sys; from eventcoder import extract; "
    "print(json.dumps(extract(sys.stdin.read(), published='2024-03-08').to_dict(), sort_keys=True))"
)


@pytest.mark.slow
def test_output_does_not_depend_on_the_hash_seed():
    outs = []
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT], input=TEXT, capture_output=True, text=True, env=env, check=True
        )
        outs.append(run.stdout)
    assert outs[0] == outs[1]
