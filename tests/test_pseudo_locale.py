"""Every respondent and staff page rendered in a pseudo-locale shows no hard-coded English."""

import pytest

from app import create_app
from app.codebook import load_codebook
from app.i18n import KNOWN_LOCALES, native_name
from tests.conftest import ROOT, Respondent, csrf_token, sign_in
from tests.pseudo import copy_surveys_declaring, untranslated, write_pseudo_catalogs
from tests.sample_answers import FULL_ANSWERS, PAGES
from tests.test_staff_entry import PARTICIPANTS_PAGE, QUOTES, SESSION_PAGE

PSEUDO = "ti"  # any shipped locale will do; its catalogs are replaced by pseudo ones
DATA_TYPED_IN_TESTS = {
    "coord@lip.example",
    "fac@lip.example",
    "fac2@lip.example",
    "Kurdish",
    "Amal and Tesfay",
    "Central library, room B",
    "man, 35-44, refugee",
    "woman, 25-34",
    "Finding an apartment",
    "without credit history",
    "More English classes in the evening",
    "KM7P-4QRX",
}


@pytest.fixture
def pseudo_app(tmp_path, database_url):
    translations = tmp_path / "translations"
    write_pseudo_catalogs(translations, PSEUDO)
    surveys = tmp_path / "surveys"
    copy_surveys_declaring(ROOT / "surveys", surveys, PSEUDO)
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SURVEYS_DIR": str(surveys),
            "TRANSLATIONS_DIR": str(translations),
            "RATELIMIT_ENABLED": False,
        }
    )


def allowed_words() -> set[str]:
    """Data, and text translated outside gettext: language names (CLDR) and theme names
    (the codebook carries its own translations, checked in test_codebook)."""
    names = {native_name(code) for code in KNOWN_LOCALES}
    themes = {theme.label(PSEUDO) for theme in load_codebook()}
    return names | themes | DATA_TYPED_IN_TESTS | {"LINC", "ESL"}


class Pages:
    """Collects every page seen, so one assertion can list all leaks at once."""

    def __init__(self):
        self.leaks: dict[str, list[str]] = {}

    def check(self, label, html):
        assert f'<html lang="{PSEUDO}"' in html, f"{label} is not in the pseudo-locale"
        found = untranslated(html, allowed_words())
        if found:
            self.leaks[label] = found


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_respondent_and_staff_pages_have_no_untranslated_text(pseudo_app):
    pages = Pages()
    web = Respondent(pseudo_app.test_client(), lang=PSEUDO)
    for path in (f"/{PSEUDO}/", f"/{PSEUDO}/nowhere", f"/{PSEUDO}/resume"):
        pages.check(path, web.get(path).get_data(as_text=True))
    web.post(f"/{PSEUDO}/resume", {"code": "KM7P-4QRX"})
    pages.check("resume with an unknown code", web.html)
    web.get(f"/{PSEUDO}/s/needs-assessment/")
    pages.check("consent", web.html)
    web.post(web.path, {})
    pages.check("consent refused", web.html)
    web.start()
    for page_id in PAGES:
        web.answer({}, action="submit" if page_id == PAGES[-1] else "next")
        pages.check(f"{page_id} with errors", web.html)
        web.answer(FULL_ANSWERS[page_id], action="submit" if page_id == PAGES[-1] else "next")
        pages.check(f"after {page_id}", web.html)
    big = pseudo_app.test_client().post(f"/{PSEUDO}/resume", data={"code": "x" * 600_000})
    pages.check("request too large", big.get_data(as_text=True))

    check_staff_pages(pseudo_app, pages)
    assert pages.leaks == {}


def check_staff_pages(app, pages):
    from app.accounts import create_user
    from app.db import get_db

    with app.app_context():
        create_user(get_db(), "coord@lip.example", "coordinator", "coordinator-pass-1234")
    staff = Respondent(app.test_client(), lang=PSEUDO)
    failed = sign_in(staff.client, "coord@lip.example", "wrong-password-00", lang=PSEUDO)
    pages.check("failed sign-in", failed.get_data(as_text=True))
    sign_in(staff.client, "coord@lip.example", "coordinator-pass-1234", lang=PSEUDO)
    staff.get(f"/{PSEUDO}/staff/sessions")
    staff.post(f"/{PSEUDO}/staff/sessions/new/focus-group-intake", {})
    for data in ({}, SESSION_PAGE, PARTICIPANTS_PAGE):
        staff.answer(data)
        pages.check(f"focus group {staff.path}", staff.html)
    staff.answer({**QUOTES, "themes-discussed": ["health"], "consent-confirmed": "yes"}, "submit")
    pages.check("focus group record", staff.html)
    for path in (
        "staff/",
        "staff/sessions",
        "staff/paper",
        "staff/surveys",
        "staff/users",
        "staff/audit",
        "staff/surveys/needs-assessment",
        "staff/dashboard?survey=needs-assessment&by=community",
        "staff/dashboard?survey=focus-group-intake",
        "staff/coding",
    ):
        pages.check(path, staff.get(f"/{PSEUDO}/{path}").get_data(as_text=True))
    staff.get(f"/{PSEUDO}/staff/users")
    staff.post(f"/{PSEUDO}/staff/users", {"email": "fac@lip.example", "role": "facilitator"})
    pages.check("account created", staff.html)
    staff.get(f"/{PSEUDO}/staff/paper")
    staff.post(f"/{PSEUDO}/staff/paper/needs-assessment", {"language": PSEUDO})
    pages.check("paper entry", staff.html)
    token = csrf_token(staff.html)
    denied = staff.client.post(
        f"/{PSEUDO}/staff/users/999", data={"csrf_token": token, "change": "x"}
    )
    pages.check("not found", denied.get_data(as_text=True))
    expired = staff.client.post(f"/{PSEUDO}/staff/users", data={"email": "x@y.ca"})
    pages.check("form expired", expired.get_data(as_text=True))
