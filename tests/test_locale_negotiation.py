"""Which language a respondent lands in: from the phone's languages, from a poster
link without a language in it, and from a language typed in another spelling."""

import pytest
from markupsafe import escape

from tests.conftest import catalog

NOTICE = 'class="notice"'


def ui(locale):
    return catalog("messages", locale)


def survey_text(locale):
    return catalog("surveys", locale)


def first_visit(client, accept_language):
    return client.get("/", headers={"Accept-Language": accept_language})


def test_a_phone_set_to_filipino_gets_the_tagalog_pages(client):
    response = first_visit(client, "fil-PH,fil;q=0.9")
    assert response.headers["Location"] == "/tl/"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="tl"' in page


@pytest.mark.parametrize("accept_language", ["zh-TW,zh;q=0.9", "zh-HK", "zh-Hant"])
def test_a_reader_of_traditional_chinese_gets_simplified_rather_than_english(
    client, accept_language
):
    assert first_visit(client, accept_language).headers["Location"] == "/zh-Hans/"


@pytest.mark.parametrize(
    ("accept_language", "landing"),
    [
        ("pa-Arab,pa-PK;q=0.9", "/en/"),  # Shahmukhi only: nothing we have fits, so English
        ("pa-PK,fr;q=0.8,en;q=0.5", "/fr/"),  # the next language they asked for
        ("pa-IN,en;q=0.5", "/pa/"),  # Gurmukhi readers still get Punjabi
    ],
)
def test_punjabi_in_shahmukhi_is_not_sent_to_the_gurmukhi_pages(client, accept_language, landing):
    assert first_visit(client, accept_language).headers["Location"] == landing


def test_a_poster_link_without_a_language_opens_the_survey_in_the_phones_language(client):
    response = client.get(
        "/s/needs-assessment/?from=poster", headers={"Accept-Language": "ar-CA,ar;q=0.9"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/ar/s/needs-assessment/?from=poster"
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert escape(survey_text("ar")("Newcomer needs assessment")) in html
    assert escape(ui("ar")("Before you start")) in html


def test_a_survey_link_printed_without_its_final_slash_still_opens(client):
    response = client.get(
        "/s/needs-assessment", headers={"Accept-Language": "es-MX"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert response.request.path == "/es/s/needs-assessment/"
    assert escape(ui("es")("Before you start")) in response.get_data(as_text=True)


def test_the_resume_link_opens_the_resume_page_in_the_phones_language(client):
    response = client.get("/resume", headers={"Accept-Language": "fa-IR"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.request.path == "/fa/resume"
    assert escape(ui("fa")("Continue with a resume code")) in html
    assert NOTICE not in html


def test_a_language_chosen_before_wins_over_the_phones_language(client):
    client.get("/fr/")
    response = client.get("/s/needs-assessment/", headers={"Accept-Language": "ar"})
    assert response.headers["Location"] == "/fr/s/needs-assessment/"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("/AR/", "/ar/"),
        ("/zh-hans/s/needs-assessment/?from=qr", "/zh-Hans/s/needs-assessment/?from=qr"),
        ("/zh_Hans/resume", "/zh-Hans/resume"),
        ("/fil/s/needs-assessment/", "/tl/s/needs-assessment/"),
    ],
)
def test_a_language_spelled_another_way_goes_to_its_own_spelling(client, typed, canonical):
    response = client.get(typed)
    assert (response.status_code, response.headers["Location"]) == (301, canonical)
    page = client.get(canonical)
    lang = canonical.split("/")[1]
    assert page.status_code == 200
    assert f'<html lang="{lang}"' in page.get_data(as_text=True)
    assert NOTICE not in page.get_data(as_text=True)


@pytest.mark.parametrize("tag", ["pa-PK", "zz"])
def test_an_unknown_language_still_falls_back_to_english_with_a_notice(client, tag):
    response = client.get(f"/{tag}/s/needs-assessment/", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.request.path == "/en/s/needs-assessment/"
    assert NOTICE in html and f"({tag})" in html


def test_an_address_that_is_no_page_in_any_language_is_not_found(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert escape(ui("fr")("Page not found")) in response.get_data(as_text=True)
