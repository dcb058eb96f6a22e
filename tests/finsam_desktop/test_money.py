"""Amounts read as people type them, shown as Swedish documents show them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_desktop.money import (
    AmountError,
    Unit,
    float_to_ore,
    format_amount,
    format_percent,
    parse_amount,
)

NB = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "ore"),
    [
        ("1 255,5", 125_550),
        ("−67 500 kr", -6_750_000),
        ("2 832 000", 283_200_000),
        ("-5000", -500_000),
        ("1255.50", 125_550),
        ("1\u00a0255,50", 125_550),
        ("1\u202f255", 125_500),
        ("– 300", -30_000),
        ("(67 500)", -6_750_000),
        ("67 500-", -6_750_000),
        ("1 255,5 tkr", 125_550_000),
        ("2,5 mkr", 250_000_000),
        ("1.255.000", 125_500_000),
        ("0,01", 1),
        ("+400", 40_000),
        ("12:-", 1_200),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, ore):
    assert parse_amount(typed) == ore


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Ange ett belopp"),
        ("1.255", "två sätt"),
        ("1,255", "två decimaler"),
        ("12 34", "grupper om tre"),
        ("1,2,3", "flera decimalkomman"),
        ("1 255,5.0", "blandar punkt och komma"),
        ("tusen", "inte ett belopp"),
        ("kr", "inget tal"),
        ("1e5", "inte ett belopp"),
        # two signs were read as minus minus: a cost of 1 234 became an income
        ("(−1 234)", "mer än ett minustecken"),
        ("(1 234-)", "mer än ett minustecken"),
        ("-5-", "mer än ett minustecken"),
    ],
)
def test_ambiguous_or_wrong_amounts_are_refused_with_a_swedish_message(typed, says):
    with pytest.raises(AmountError) as err:
        parse_amount(typed)
    assert says in str(err.value)


def test_amounts_are_shown_with_space_thousands_and_comma_decimals():
    assert format_amount(283_200_000) == f"2{NB}832{NB}000"
    assert format_amount(283_200_000, suffix=True) == f"2{NB}832{NB}000{NB}kr"
    assert format_amount(125_550_000, Unit.TKR) == f"1{NB}255,5"
    assert format_amount(-6_750_000) == f"\u221267{NB}500"
    assert format_amount(-4, Unit.TKR) == "0,0"  # never a negative zero


def test_rounding_for_display_is_half_up_like_a_reader_rounds():
    assert format_amount(125_050_000, Unit.TKR) == f"1{NB}250,5"
    assert format_amount(125_005_000, Unit.TKR) == f"1{NB}250,1"  # 1 250 050 kr
    assert format_amount(125_004_900, Unit.TKR) == f"1{NB}250,0"  # 1 250 049 kr
    assert format_amount(25_000, Unit.TKR) == "0,3"  # 250 kr = 0,25 tkr -> 0,3
    assert format_amount(50) == "1"  # 0,50 kr -> 1


def test_spreadsheet_numbers_become_exact_ore():
    assert float_to_ore(1255.5) == 125_550
    assert float_to_ore(0.1 + 0.2) == 30
    with pytest.raises(AmountError):
        float_to_ore(1.005001)


def test_percentages_are_shown_the_swedish_way():
    assert format_percent(Decimal("0.22")) == f"22{NB}%"
    assert format_percent(Decimal("0.625"), 1) == f"62,5{NB}%"


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_every_amount_shown_with_ore_reads_back_exactly(ore):
    assert parse_amount(format_amount(ore, decimals=2)) == ore
    assert parse_amount(format_amount(ore, decimals=2, suffix=True)) == ore


@given(st.text(max_size=30))
def test_any_typed_text_is_either_an_amount_or_a_swedish_refusal(text):
    try:
        value = parse_amount(text)
    except AmountError as err:
        assert str(err)  # a message, never a crash of another kind
    else:
        assert isinstance(value, int)


def test_an_amount_too_large_for_any_förbund_is_refused_in_swedish():
    # hypothesis found it: 27 digits made Decimal.quantize raise InvalidOperation
    with pytest.raises(AmountError, match="för stort belopp"):
        parse_amount("100000000000000000000000000")
    assert parse_amount("999 999 999 999") == 99_999_999_999_900


def test_a_share_is_shown_for_editing_with_every_decimal_and_read_back_exactly():
    from finsam_desktop.money import decimal_text, parse_percent

    for text in ("50", "12,5", "15,625", "0"):
        assert decimal_text(parse_percent(text)) == text
    assert parse_percent("12,5\u00a0%") == Decimal("12.5")
