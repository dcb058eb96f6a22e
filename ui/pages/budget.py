"""Budget: the page is the budget view in :mod:`ui.budget` (grid, versions, rules, utfall)."""

from __future__ import annotations

from ..budget.page import BudgetPage, version_text

__all__ = ["BudgetPage", "version_text"]
