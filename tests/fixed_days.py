"""The days the tests take as "today": no test depends on the real date.

Import them by name (``from fixed_days import DEMO_DAY``); this folder is on the test path.
"""

from __future__ import annotations

import datetime as dt

#: The day the demo förbund is made for and the reports are written on: 2023–2025 are closed,
#: 2026 is running (monthly utfall up to October), the budget for 2027 was decided in November.
DEMO_DAY = dt.date(2026, 11, 25)

#: "Today" of the app in the window's tests (tests/ui, the fixture ``today``): an October, with
#: the demo's 2025 running and next year's budget still a förslag.
APP_DAY = dt.date(2025, 10, 15)
