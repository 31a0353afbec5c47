"""Which locales Parlons speaks, how a request picks one, and survey text translation.

The URL prefix (``/fr/...``) is the source of truth for a page; pages without
one fall back to the cookie, then Accept-Language, then English. A language tag
finds a locale by language and script, whatever its case, spelling or region.
"""

import time
from functools import lru_cache, wraps
from pathlib import Path

from babel import Locale
from babel.core import get_global, parse_locale
from flask import current_app, g, has_request_context, request

from analysis.labels import language_name
from app.catalogs import missing_strings, template_ids
from app.definitions import translatable_strings
from app.gettext_domains import survey_domain

# Every locale Parlons is built for, in picker order. One is offered once its UI
# catalogs are complete (English is the source and always offered): a respondent
# never meets a page that is half in English.
KNOWN_LOCALES = ["en", "fr", "ar", "fa", "ur", "pa", "zh_Hans", "tl", "es", "uk", "so", "ti"]
SOURCE_LOCALE = "en"
UI_DOMAINS = ("messages", "wtforms")
LOCALE_COOKIE = "parlons_locale"


def supported_locales() -> list[str]:
    return ui_complete_locales(current_app.config["TRANSLATIONS_DIR"])


def recheck_every(seconds: float):
    """Cache a function's answers per process, asking again after ``seconds``: translators'
    catalogs change rarely, and every page would otherwise re-read them."""

    def decorate(function):
        answers: dict = {}

        @wraps(function)
        def cached(*args):
            now = time.monotonic()
            if args not in answers or now - answers[args][0] > seconds:
                answers[args] = (now, function(*args))
            return answers[args][1]

        return cached

    return decorate


@recheck_every(5)
def ui_complete_locales(translations_dir: str) -> list[str]:
    """English, and every known locale whose UI and WTForms catalogs are fully translated."""
    folder = Path(translations_dir)
    return [
        code
        for code in KNOWN_LOCALES
        if code == SOURCE_LOCALE
        or all(
            not missing_strings(folder, code, domain, template_ids(folder, domain))
            for domain in UI_DOMAINS
        )
    ]


def survey_missing_strings(translations_dir: str, definition, locale: str) -> list[str]:
    """The strings of a definition not yet translated into ``locale`` (none for its source)."""
    if locale == definition.source_locale:
        return []
    return _missing_for(translations_dir, definition, locale)


@recheck_every(5)
def _missing_for(translations_dir: str, definition, locale: str) -> list[str]:
    texts = [text for _path, text in translatable_strings(definition.data)]
    return missing_strings(Path(translations_dir), locale, "surveys", texts)


def to_url(locale: str) -> str:
    """``zh_Hans`` -> ``zh-Hans``: BCP 47 in URLs and in ``<html lang>``."""
    return locale.replace("_", "-")


def from_url(tag: str) -> str:
    return tag.replace("-", "_")


def is_rtl(locale: str) -> bool:
    return Locale.parse(locale).character_order == "right-to-left"


@lru_cache(maxsize=32)
def native_name(locale: str) -> str:
    """The language's name in itself, as people look for it in a picker."""
    return language_name(locale, locale)


def negotiate(available: list[str]) -> str:
    """Cookie, then the browser's languages in its order of preference, then English."""
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in available:
        return cookie
    for tag, quality in request.accept_languages:
        code = locale_for_tag(tag, available) if quality > 0 else None
        if code:
            return code
    return SOURCE_LOCALE


def locale_for_tag(tag: str, available: list[str]) -> str | None:
    """The available locale a language tag asks for: ``fil-PH`` finds ``tl``, ``ZH-hans``
    and ``zh-CN`` find ``zh_Hans``, but ``pa-PK`` (Punjabi in Shahmukhi) finds no ``pa``,
    which is written in Gurmukhi: a page in a script the reader may not read is no match.
    Chinese is the exception: readers of Traditional characters (``zh-TW``, ``zh-HK``)
    read Simplified far better than English, so they get ``zh_Hans``."""
    wanted = language_and_script(tag)
    if wanted is None:
        return None
    same = [code for code in available if language_and_script(code) == wanted]
    if not same and wanted[0] == "zh":
        same = [code for code in available if language_and_script(code)[0] == "zh"]
    return same[0] if same else None


@lru_cache(maxsize=512)
def language_and_script(tag: str) -> tuple[str, str | None] | None:
    """A tag's language and writing system, through the CLDR aliases and likely subtags
    Babel ships (its Locale.negotiate only cuts at the hyphen: it sends ``pa-Arab`` to ``pa``
    and never finds ``tl`` for ``fil``); None for what is no language tag."""
    try:
        language, territory, script = parse_locale(from_url(tag))[:3]
    except ValueError:
        return None
    alias = get_global("language_aliases").get(language)
    if alias:
        language, alias_territory, alias_script = parse_locale(alias)[:3]
        territory, script = territory or alias_territory, script or alias_script
    if script is None:
        likely = get_global("likely_subtags")
        guess = (territory and likely.get(f"{language}_{territory}")) or likely.get(language)
        script = parse_locale(guess)[2] if guess else None
    return language, script


def select_locale() -> str:
    """Flask-Babel's locale selector: the one place that decides."""
    if not has_request_context():
        return SOURCE_LOCALE
    chosen = g.get("locale")
    return chosen if chosen else negotiate(supported_locales())


def survey_text(text: str) -> str:
    """Translate one string of a survey definition through the ``surveys`` domain."""
    return survey_domain.gettext(text) if text else text
