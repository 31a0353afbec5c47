"""Numbers as respondents type them: their digits, their decimal mark, and nonsense refused."""

import pytest
from flask_babel import force_locale

from app.respond.numbers import parse_number
from tests.sample_answers import FULL_ANSWERS


@pytest.mark.parametrize(
    ("locale", "typed", "read"),
    [
        ("en", "12.5", 12.5),
        ("en", "1,500", 1500),
        ("es", "12.5", 12.5),  # one mark, not a group of three: a decimal in any locale
        ("es", "12,5", 12.5),
        ("es", "1.500", 1500),
        ("fr", "1 500", 1500),
        ("uk", "12,5", 12.5),
        ("ar", "١٢٫٥", 12.5),
        ("ar", "١٢,٥", 12.5),
        ("ar", "١٬٥٠٠", 1500),
        ("fa", "۱۲/۵", 12.5),  # the Persian decimal slash
        ("fa", "۴", 4),
    ],
)
def test_a_number_is_read_as_the_respondent_meant_it(app, locale, typed, read):
    with app.test_request_context(), force_locale(locale):
        assert parse_number(typed) == read


@pytest.mark.parametrize("typed", ["inf", "-Infinity", "nan", "1e400", "10000000000000", "3 kids"])
def test_what_is_not_a_plain_number_is_refused(app, typed):
    with app.test_request_context(), force_locale("en"):
        assert parse_number(typed) is None


def test_infinity_in_a_number_field_gets_a_message_and_keeps_the_page(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    response = respondent.answer(
        {"hardest-at-arrival": "The winter", "household-size": "inf"}, action="next"
    )
    assert response.status_code == 422
    assert "Please enter a number" in respondent.html
    assert ">The winter</textarea>" in respondent.html
