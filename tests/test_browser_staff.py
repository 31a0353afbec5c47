"""Staff pages in real Chromium: a coordinator works from a phone."""

import pytest
from playwright.sync_api import expect

from app.accounts import create_user
from app.database import make_engine, make_session_factory
from tests.survey_responses import SurveyDatabase, needs_answers

pytestmark = pytest.mark.browser
PASSWORD = "coordinator-pass-1234"


@pytest.fixture(scope="module")
def coordinator(live_server):
    """Twelve responses and a coordinator account in the live server's database."""
    _base, url = live_server
    database = SurveyDatabase(url)
    for n in range(12):
        comment = "Rent is too expensive" if n % 2 else "No family doctor for my children"
        database.submit(needs_answers(**{"hardest-at-arrival": comment}))
    database.close()
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        email = create_user(session, "coord@lip.example", "coordinator", PASSWORD).email
    engine.dispose()
    return email


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_staff_page_fits_a_360_pixel_phone(browser, live_server, coordinator, lang):
    base, _url = live_server
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/{lang}/staff/sign-in")
    page.locator("input[name=email]").fill(coordinator)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".staff-nav")).to_be_visible()
    page.goto(f"{base}/{lang}/staff/dashboard")
    expect(page.locator("img.chart").first).to_be_visible()
    chart_width = page.evaluate("document.querySelector('img.chart').getBoundingClientRect().width")
    links = page.eval_on_selector_all(".staff-nav a", "links => links.map(a => a.href)")
    too_wide = {}
    for link in links:
        page.goto(link)
        too_wide[link] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert len(links) == 7  # every page of a coordinator's navigation
    assert 200 < chart_width <= 360
    assert {link: width for link, width in too_wide.items() if width > 360} == {}
