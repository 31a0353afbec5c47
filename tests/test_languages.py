"""Twelve locales: complete catalogs, the whole journey in each, right-to-left where due."""

import pytest
from markupsafe import escape
from sqlalchemy import select

from analysis.labels import Labels
from app.catalogs import DOMAINS, status
from app.db import get_db
from app.i18n import KNOWN_LOCALES, is_rtl, native_name, to_url
from app.models import Response
from tests.conftest import ROOT, Respondent, catalog
from tests.sample_answers import FULL_ANSWERS, PAGES, answer_all

TRANSLATIONS = ROOT / "translations"
RIGHT_TO_LEFT = {"ar", "fa", "ur"}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("locale", KNOWN_LOCALES[1:])
def test_catalog_is_complete(locale, domain):
    row = status(TRANSLATIONS, locale, domain)
    assert (row.fuzzy, row.missing) == (0, 0), f"{locale}/{domain}: {row}"


def test_right_to_left_locales_are_exactly_arabic_persian_urdu():
    assert {code for code in KNOWN_LOCALES if is_rtl(code)} == RIGHT_TO_LEFT


def test_language_names_are_shown_in_their_own_language():
    assert native_name("ar") == "العربية"
    assert native_name("pa") == "ਪੰਜਾਬੀ"
    assert native_name("ti") == "ትግርኛ"
    assert native_name("zh_Hans") == "简体中文" or native_name("zh_Hans").startswith("中文")
    assert native_name("tl") == "Tagalog"  # not Babel's "Filipino (Pilipinas)"


def test_reports_name_tagalog_as_its_speakers_do():
    assert Labels("en", []).language("tl") == "Tagalog"
    assert Labels("fr", []).language("ar") == "Arabe"


def ui(locale):
    return catalog("messages", locale)


def survey_text(locale):
    return catalog("surveys", locale)


@pytest.mark.parametrize("locale", KNOWN_LOCALES)
def test_whole_journey_in_each_locale(app, locale):
    tag = to_url(locale)
    respondent = Respondent(app.test_client(), lang=tag)
    respondent.start()
    assert respondent.path == f"/{tag}/s/needs-assessment/p/about-you", f"{locale} not offered"
    direction = "rtl" if locale in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{tag}" dir="{direction}">' in respondent.html
    assert escape(survey_text(locale)("About you")) in respondent.html
    if locale != "en":
        assert survey_text(locale)("About you") != "About you"

    incomplete = {k: v for k, v in FULL_ANSWERS["about-you"].items() if k != "community"}
    respondent.answer(incomplete)
    assert escape(ui(locale)("Please answer this question.")) in respondent.html
    answer_all(respondent)
    assert escape(ui(locale)("Thank you")) in respondent.html
    with app.app_context():
        assert get_db().scalars(select(Response.locale)).one() == locale


@pytest.mark.parametrize("locale", ["ar", "zh_Hans"])
def test_language_switch_keeps_answers_in(app, locale):
    tag = to_url(locale)
    respondent = Respondent(app.test_client())
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.answer({"hardest-at-arrival": "The cold"}, action=f"lang:{tag}")
    assert respondent.path == f"/{tag}/s/needs-assessment/p/arrival"
    assert "The cold</textarea>" in respondent.html
    respondent.answer({"hardest-at-arrival": "The cold"}, action="back")
    assert 'value="downtown" checked' in respondent.html
    assert f'<html lang="{tag}"' in respondent.html
    for page_id in PAGES:
        respondent.answer(FULL_ANSWERS[page_id], "submit" if page_id == PAGES[-1] else "next")
    with app.app_context():
        response = get_db().scalars(select(Response)).one()
        assert response.locale == locale
        assert len(response.answers) > 40


def test_unknown_locale_falls_back_with_a_notice_never_an_error(client):
    response = client.get("/xx/s/needs-assessment/", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/en/s/needs-assessment/"
    assert "(xx)" in response.get_data(as_text=True)


def test_first_visit_negotiates_from_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "fa-IR,fa;q=0.9,en;q=0.5"})
    assert response.headers["Location"].endswith("/fa/")


def test_eastern_arabic_and_persian_digits_are_read_as_numbers(app):
    for locale, typed in (("ar", "٤"), ("fa", "۴")):
        respondent = Respondent(app.test_client(), lang=locale)
        respondent.start()
        respondent.answer(FULL_ANSWERS["about-you"])
        respondent.answer({**FULL_ANSWERS["arrival"], "household-size": typed})
        assert respondent.path.endswith("/p/services"), respondent.html[:500]
