"""Languages in a real Chromium: scripts render with real glyphs, right-to-left mirrors,
an Arabic speaker can answer with the keyboard alone, and axe finds no serious barrier."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

SCRIPTS = {
    "ar": ("Noto Naskh Arabic", "Noto Sans Arabic"),
    "pa": ("Noto Sans Gurmukhi",),
    "zh-Hans": ("Noto Sans CJK SC", "Noto Sans SC"),
    "ti": ("Noto Sans Ethiopic", "Noto Serif Ethiopic"),
}
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}


def open_first_page(browser, base, lang, viewport=PHONE, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(f"{base}/{lang}/s/needs-assessment/")
    assert page.url.startswith(f"{base}/{lang}/"), (
        f"the survey is not offered in {lang}: {page.url}"
    )
    page.locator("#consent").check()
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/p/about-you")
    return context, page


def platform_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium really used to draw the text of ``selector`` (not the CSS wish list)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts if font["glyphCount"] > 0}


@pytest.mark.parametrize("lang", list(SCRIPTS))
def test_each_script_is_drawn_with_a_font_that_has_its_glyphs(browser, live_server, lang, tmp_path):
    base, _url = live_server
    context, page = open_first_page(browser, base, lang)
    used = platform_fonts(page, "h1") | platform_fonts(page, "legend .question-text")
    page.screenshot(path=str(tmp_path / f"{lang}.png"), full_page=True)
    context.close()
    assert used & set(SCRIPTS[lang]), f"{lang} drawn with {used}, expected one of {SCRIPTS[lang]}"


def test_right_to_left_page_mirrors_layout_progress_and_buttons(browser, live_server):
    base, _url = live_server
    context, page = open_first_page(browser, base, "ar", viewport=DESKTOP)
    assert page.locator("html").get_attribute("dir") == "rtl"
    next_button = page.locator("button[value=next]").bounding_box()
    back_button = page.locator("button[value=back]").bounding_box()
    assert next_button["x"] > back_button["x"], "the first action sits at the right in Arabic"
    first_radio = page.locator("#community-0").bounding_box()
    label = page.locator("label[for=community-0]").bounding_box()
    assert first_radio["x"] > label["x"], "radio buttons sit to the right of their labels"
    direction = page.evaluate("getComputedStyle(document.querySelector('progress')).direction")
    assert direction == "rtl"
    context.close()


def test_numbers_typed_in_eastern_arabic_digits_are_read(browser, live_server):
    base, _url = live_server
    context, page = open_first_page(browser, base, "ar")
    page.locator("#community-0").check()
    page.locator("#time-in-canada-1").check()
    page.locator("button[value=next]").click()
    page.locator("#household-size").fill("٤")
    page.locator("button[value=next]").click()
    page.wait_for_url("**/p/services")
    page.locator("button[value=back]").click()
    assert page.locator("#household-size").input_value() in ("4", "٤")
    context.close()


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_radio(page, name: str, index: int) -> None:
    tab_to(page, f"input[name='{name}']")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"input[name='{name}']").nth(index).is_checked()


def choose_option(page, select_id: str, index: int) -> None:
    tab_to(page, f"#{select_id}")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def press_button(page, value: str) -> None:
    tab_to(page, f"button[value='{value}']")
    page.keyboard.press("Enter")


def test_arabic_speaker_answers_with_the_keyboard_only(browser, live_server):
    base, database_url = live_server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/ar/s/needs-assessment/")
    assert page.url.startswith(f"{base}/ar/")
    tab_to(page, "#consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/p/about-you")

    choose_radio(page, "community", 1)
    choose_radio(page, "time-in-canada", 0)
    press_button(page, "next")
    page.wait_for_url("**/p/arrival")
    tab_to(page, "#hardest-at-arrival")
    page.keyboard.type("إيجاد عمل وسكن")
    press_button(page, "next")
    page.wait_for_url("**/p/services")
    press_button(page, "next")
    page.wait_for_url("**/p/experiences")
    press_button(page, "next")
    page.wait_for_url("**/p/community-life")
    items = page.locator("fieldset.grid-item").count()
    for n in range(items):
        name = (
            page.locator("fieldset.grid-item").nth(n).locator("input").first.get_attribute("name")
        )
        choose_radio(page, name, 3)
    press_button(page, "next")
    page.wait_for_url("**/p/priorities")
    for rank in range(1, 6):
        choose_option(page, f"top-priorities--{rank}", rank)
    press_button(page, "submit")
    page.wait_for_url("**/thanks")
    context.close()

    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        texts = connection.execute(
            text("SELECT value_text FROM answers WHERE question_id = 'hardest-at-arrival'")
        ).scalars()
        assert "إيجاد عمل وسكن" in list(texts)
    engine.dispose()


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh-Hans"])
def test_every_respondent_page_passes_axe(browser, live_server, lang, viewport):
    base, _url = live_server
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}

    def audit(label):
        if problems := serious_violations(page):
            found[label] = problems

    def submit(selector):
        # every submit loads a new document; auditing before it lands would run axe
        # on a page that is being torn down
        with page.expect_navigation():
            page.locator(selector).click()

    for path in ("", "resume"):
        page.goto(f"{base}/{lang}/{path}")
        audit(path or "index")
    page.goto(f"{base}/{lang}/s/needs-assessment/")
    assert page.url.startswith(f"{base}/{lang}/")
    audit("consent")
    submit("button[type=submit]")
    audit("consent refused")
    page.locator("#consent").check()
    submit("button[type=submit]")
    submit("button[value=next]")
    audit("page with errors")
    page.locator("#community-0").check()
    page.locator("#time-in-canada-0").check()
    while page.locator("button[value=next]").count():
        audit(page.url.rsplit("/", 1)[-1])
        submit("button[value=next]")
        if page.locator(".error-summary").count():
            fill_required(page)
            submit("button[value=next]")
    audit("last page")
    submit("button[value=save]")
    audit("saved")
    context.close()
    assert found == {}


def fill_required(page) -> None:
    """Answer what the grid and ranking pages require, the quick way."""
    for n in range(page.locator("fieldset.grid-item").count()):
        page.locator("fieldset.grid-item").nth(n).locator("input").nth(2).check()
