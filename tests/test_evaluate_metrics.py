"""The arithmetic under every scorer, on cases small enough to check by hand."""

from __future__ import annotations

import pytest

from eventcoder.evaluate.metrics import (
    PRF,
    b_cubed,
    exact,
    half_of_longer,
    half_of_shorter,
    macro_f1,
    match_one_to_one,
    muc,
    per_class_prf,
    trim,
)


def test_prf_of_nothing_is_zero():
    p = PRF()
    assert (p.precision, p.recall, p.f1) == (0.0, 0.0, 0.0)


def test_prf_counts():
    p = PRF()
    p.add(tp=3, n_sys=4, n_gold=6)
    assert p.precision == 0.75
    assert p.recall == 0.5
    assert p.f1 == pytest.approx(0.6)


def test_trim_drops_quote_marks_commas_and_spaces():
    text = 'x "Hello there," y'
    assert trim(text, 2, 16, "\"', ") == (3, 14)
    assert text[3:14] == "Hello there"


def test_half_of_longer_is_strict_about_length():
    assert half_of_longer((0, 10), (0, 5))  # 5 of 10
    assert not half_of_longer((0, 10), (0, 4))
    assert not half_of_longer((0, 5), (5, 10))  # touching is not overlapping


def test_half_of_shorter_lets_a_head_match_its_phrase():
    assert half_of_shorter((0, 18), (10, 18))
    assert not half_of_shorter((0, 10), (8, 20))


def test_matching_is_one_to_one_and_prefers_the_tightest_pair():
    gold = [(0, 30), (10, 20)]  # a phrase and a name nested in it
    system = [(10, 20)]
    assert match_one_to_one(gold, system, half_of_shorter) == [(1, 0)]


def test_matching_respects_compatibility():
    gold = [(0, 5), (10, 15)]
    system = [(0, 5), (10, 15)]
    types_g = ["person", "place"]
    types_s = ["place", "place"]
    pairs = match_one_to_one(gold, system, exact, lambda g, s: types_g[g] == types_s[s])
    assert pairs == [(1, 1)]


def test_two_system_spans_cannot_share_one_gold():
    pairs = match_one_to_one([(0, 10)], [(0, 10), (0, 9)], half_of_longer)
    assert len(pairs) == 1 and pairs[0] == (0, 0)


def test_per_class_and_macro_f1():
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("B", None)]
    per = per_class_prf(pairs, none=None)
    assert per["A"].recall == 0.5 and per["A"].precision == 1.0
    assert per["B"].recall == 0.5 and per["B"].precision == 0.5
    assert macro_f1(per) == pytest.approx((2 / 3 + 0.5) / 2)


# -- coreference: textbook cases ------------------------------------------------------


def test_muc_vilain_example():
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: one link missing.
    key = [frozenset("ABCD")]
    response = [frozenset("AB"), frozenset("CD")]
    m = muc(key, response)
    assert m.recall == pytest.approx(2 / 3)
    assert m.precision == 1.0


def test_muc_ignores_singletons_and_counts_unknown_mentions_alone():
    key = [frozenset("AB"), frozenset("C")]
    response = [frozenset("AX")]  # X is a mention the key does not have
    m = muc(key, response)
    assert m.n_gold == 1 and m.tp_gold == 0  # {A,B} falls into {A} and {B}
    assert m.n_sys == 1 and m.tp_sys == 0


def test_b_cubed_bagga_baldwin_example():
    # Bagga & Baldwin (1998): key {1-5} {6,7} {8-12}; response merges the last two.
    key = [frozenset(range(1, 6)), frozenset({6, 7}), frozenset(range(8, 13))]
    response = [frozenset(range(1, 6)), frozenset(range(6, 13))]
    b = b_cubed(key, response)
    assert b.recall == pytest.approx(1.0)
    assert b.precision == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)


def test_b_cubed_perfect_and_empty():
    key = [frozenset("AB"), frozenset("CDE")]
    perfect = b_cubed(key, key)
    assert perfect.precision == perfect.recall == 1.0
    empty = b_cubed(key, [])
    assert empty.recall == 0.0 and empty.precision == 0.0 and empty.f1 == 0.0


def test_b_cubed_with_twinless_response_mentions():
    key = [frozenset("AB")]
    response = [frozenset("ABZ")]  # Z is not in the key
    b = b_cubed(key, response)
    assert b.recall == 1.0
    assert b.precision == pytest.approx((4 / 3) / 3)
