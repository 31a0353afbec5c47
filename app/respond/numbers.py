"""Numbers and months the way each locale writes them, through Babel."""

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.dates import get_month_names
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _

from app.i18n import KNOWN_LOCALES, native_name


def ascii_digits(text: str) -> str:
    """Read any script's decimal digits (Eastern Arabic ٣, Persian ۳, Devanagari ३...) as 0-9."""
    return "".join(
        str(unicodedata.decimal(ch))
        if not ch.isascii() and unicodedata.decimal(ch, None) is not None
        else ch
        for ch in text
    )


# Digits with grouping and decimal marks only: no "inf", "nan" or "1e400", which
# Decimal would accept and which no respondent means.
NUMBER_TEXT = re.compile(r"[+-]?\d[\d.,'\s]*")
# One mark not followed by a group of three: "12,5" or "12.5" is a decimal in any locale.
ONE_MARK = re.compile(r"([+-]?\d+)[.,](\d{1,2}|\d{4,})")
# Persian writes a decimal with a slash: ۱۲/۵.
PERSIAN_DECIMAL = re.compile(r"(?<=\d)/(?=\d)")
LARGEST = Decimal(10) ** 12


def parse_number(text: str) -> float | int | None:
    """A number typed in the current locale's way, or None if it is not one."""
    locale = get_locale()
    cleaned = (
        ascii_digits(text.strip()).replace("\u066b", ".").replace("\u066c", ",").replace("،", ",")
    )
    if locale.language == "fa":
        cleaned = PERSIAN_DECIMAL.sub(".", cleaned)
    if not NUMBER_TEXT.fullmatch(cleaned):
        return None
    value = _parse(cleaned, locale)
    if value is None or abs(value) > LARGEST:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _parse(text: str, locale) -> Decimal | None:
    if one_mark := ONE_MARK.fullmatch(text):
        return Decimal(f"{one_mark.group(1)}.{one_mark.group(2)}")
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        pass
    # Grouping typed with a plain space (1 500) where the locale groups with another one.
    plain = (
        text.replace(get_group_symbol(locale), "") if get_decimal_symbol(locale) != "." else text
    )
    try:
        return Decimal(plain.replace(" ", ""))
    except InvalidOperation:
        return None


def format_number(value) -> str:
    return "" if value is None else format_decimal(value)


def parse_date(text: str) -> str | None:
    """An ISO date (what a date input sends, in any digits) as ``YYYY-MM-DD``, else None."""
    try:
        return date.fromisoformat(ascii_digits(text.strip())).isoformat()
    except ValueError:
        return None


def quote_languages() -> list[tuple[str, str]]:
    """The languages a quote may be in: every locale Parlons knows, by its own name."""
    return [(code, native_name(code)) for code in KNOWN_LOCALES] + [
        ("other", _("Another language"))
    ]


def month_names() -> list[tuple[str, str]]:
    names = get_month_names("wide", context="stand-alone", locale=get_locale())
    return [(str(month), names[month]) for month in range(1, 13)]
