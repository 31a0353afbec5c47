"""Numbers as the reader's locale writes them (Babel), for the report and its charts."""

from babel.numbers import format_decimal, format_percent

from analysis.summary import Percent


def format_number(value: float, locale: str) -> str:
    """32.5 % as a Percent, means with up to two decimals, counts as whole numbers."""
    if isinstance(value, Percent):
        return format_percent(value / 100, "#,##0.#%", locale=locale)
    if isinstance(value, float):
        return format_decimal(value, "#,##0.##", locale=locale)
    return format_decimal(value, locale=locale)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula (``=HYPERLINK(...)`` typed into a
    comment) gets a leading apostrophe, which Excel and LibreOffice show as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
