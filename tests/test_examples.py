"""The bundled example and its gold are the shared seed's, unchanged."""

from __future__ import annotations

import pytest

from conftest import ROOT, SEED_TEXT, SHARED, SHARED_SEED_GOLD


def test_example_gold_names_the_example_text():
    import json

    gold = json.loads((ROOT / "examples" / SHARED_SEED_GOLD.name).read_text("utf-8"))
    assert gold["text_file"] == SEED_TEXT.name
    assert SEED_TEXT.exists()


@pytest.mark.skipif(not SHARED_SEED_GOLD.exists(), reason="no shared seed next to this checkout")
def test_bundled_copies_match_the_shared_seed():
    assert (ROOT / "examples" / SHARED_SEED_GOLD.name).read_bytes() == SHARED_SEED_GOLD.read_bytes()
    assert SEED_TEXT.read_bytes() == (SHARED / "seed" / SEED_TEXT.name).read_bytes()
