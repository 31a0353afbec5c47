"""A person answers the sample survey in French in real Chromium, with JavaScript on and off."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, select

from app.models import Response
from tests.conftest import catalog

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_newcomer_answers_the_survey_in_french_on_a_phone(browser, live_server, javascript):
    base, database_url = live_server
    ui, text = catalog("messages", "fr"), catalog("surveys", "fr")
    assert ui("Start") != "Start", "the French catalog is not compiled"
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 360, "height": 740}, locale="fr-CA"
    )
    page = context.new_page()
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )

    page.goto(base + "/")
    assert page.url.endswith("/fr/")  # Accept-Language negotiated French
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name=text("Newcomer needs assessment")).click()
    page.get_by_label(ui("I have read this and I agree to take part.")).check()
    page.get_by_role("button", name=ui("Start")).click()

    def choose(question, option):
        page.get_by_role("group", name=text(question)).get_by_label(
            text(option), exact=True
        ).check()

    def wait_for_page(n):
        # expect() waits for the navigation the click started; reading the page
        # before it lands would act on the page being left
        progress = ui("Page %(n)s of %(total)s") % {"n": n, "total": 6}
        expect(page.get_by_text(progress)).to_be_visible()

    def next_page(n):
        page.get_by_role("button", name=ui("Next")).click()
        wait_for_page(n)

    wait_for_page(1)
    choose("Which part of the region do you live in?", "North End")
    choose("How old are you?", "35 to 44")
    choose("How long have you lived in Canada?", "Less than 1 year")
    page.get_by_label(ui("Month")).select_option("3")
    page.get_by_label(ui("Year")).select_option("2025")
    choose("Which languages do you speak at home?", "French")
    choose("Which languages do you speak at home?", "Arabic")
    next_page(2)

    page.get_by_label(text("What was hardest when you arrived?")).fill(
        "Trouver un logement près de l'école"
    )
    page.get_by_label(text("How many people live in your home, including you?")).fill("3")
    choose("Where do you live now?", "I rent an apartment or a house")
    next_page(3)

    choose("Which services have you used in the past 12 months?", "A language class")
    choose("Are you taking a language class now?", "No")
    next_page(4)
    # Skip logic: we said "no" to language classes, so the follow-up is asked.
    choose(
        "You are not taking a language class now. What makes it hard to take one?", "No childcare"
    )
    next_page(5)

    grid = page.get_by_role(
        "group", name=text("How satisfied are you with each of these in your community?")
    )
    for item in grid.get_by_role("group").all():
        item.get_by_label(text("Satisfied"), exact=True).check()
    next_page(6)

    for rank, option in enumerate(
        [
            "Affordable, suitable housing",
            "Jobs and work",
            "Health care",
            "Public transit",
            "Feeling safe",
        ],
        1,
    ):
        page.get_by_label(ui("Choice %(rank)s") % {"rank": rank}).select_option(label=text(option))
    page.get_by_label(text("What would make this community more welcoming?")).fill(
        "Des cours de français le soir"
    )
    page.get_by_role("button", name=ui("Send my answers")).click()

    expect(page.get_by_role("heading", name=ui("Thank you"))).to_be_visible()
    assert console_errors == []
    context.close()

    engine = create_engine(database_url)
    with engine.connect() as connection:
        locales = connection.scalars(select(Response.locale).order_by(Response.id.desc())).first()
    engine.dispose()
    assert locales == "fr"


def test_page_fits_a_360_pixel_screen_without_sideways_scrolling(browser, live_server, tmp_path):
    base, _url = live_server
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base + "/en/s/needs-assessment/")
    page.get_by_label("I have read this and I agree to take part.").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Page 1 of 6")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / "phone-page1.png"), full_page=True)
    context.close()
    assert width <= 360
