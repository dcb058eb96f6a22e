"""Typed dates are read exactly as typed or refused with a Swedish reason, never moved."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop.dates import DateError, parse_date


@pytest.mark.parametrize(
    "text",
    ["2023-01-13", "20230113", "2023-1-13", " 2023-01-13 ", "2023-01-13 00:00:00"],
)
def test_the_ways_a_swedish_office_writes_a_date_are_read_as_that_date(text):
    assert parse_date(text) == dt.date(2023, 1, 13)


def test_a_day_the_month_does_not_have_is_refused_with_the_months_length():
    with pytest.raises(DateError) as refused:
        parse_date("2023-02-30")
    assert str(refused.value) == "2023-02-30 finns inte: februari 2023 har 28 dagar."
    with pytest.raises(DateError, match="februari 2024 har 29 dagar"):
        parse_date("2024-02-30")
    with pytest.raises(DateError, match="april 2025 har 30 dagar"):
        parse_date("20250431")
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-13-01", "”2025-13-01” är inget giltigt datum."),
        ("2025-00-10", "”2025-00-10” är inget giltigt datum."),
        ("2025-01-00", "”2025-01-00” är inget giltigt datum."),
        ("23-01-13", "”23-01-13” har bara två siffror i året"),
        ("230113", "”230113” har bara två siffror i året"),
        ("13/1 2023", "”13/1 2023” är inte ett datum; skriv år-månad-dag"),
        ("2023113", "”2023113” är inte ett datum"),  # 2023-1-13 or 2023-11-3?
        ("2023-01-13 10:00", "är inte ett datum"),
        ("", "Datum saknas; skriv år-månad-dag, till exempel 2025-11-28."),
    ],
)
def test_impossible_or_ambiguous_text_is_refused_with_a_reason(text, reason):
    with pytest.raises(DateError) as refused:
        parse_date(text)
    assert reason in str(refused.value)


def test_a_year_list_skips_no_year_between_its_first_and_last():
    from finsam_desktop.dates import year_choices

    assert year_choices([2023, 2026], 2025) == [2026, 2025, 2024, 2023]
    assert year_choices(2025) == [2025]
    assert year_choices([]) == []
