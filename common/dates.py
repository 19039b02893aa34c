"""Calendar arithmetic the standard library leaves out."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole months; the 31st becomes the month's last day when it has fewer."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
