"""What every template can use: the page's language and direction, locale names, survey text."""

from flask import Flask, g, request

from app import labels
from app.gettext_domains import current_locale_code
from app.i18n import is_rtl, native_name, supported_locales, survey_text, to_url
from app.respond.forms import error_summary


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(page_language)
    app.jinja_env.filters["st"] = survey_text
    app.jinja_env.globals.update(
        native_name=native_name,
        to_url=to_url,
        is_rtl=is_rtl,
        supported_locales=supported_locales,
        error_summary=error_summary,
        role_label=labels.role_label,
        status_label=labels.status_label,
        status_action=labels.status_action,
        action_label=labels.action_label,
        option_label=labels.option_label,
        grouping_label=labels.grouping_label,
    )


def page_language() -> dict:
    locale = current_locale_code()
    return {
        "page_locale": locale,
        "html_lang": to_url(locale),
        "html_dir": "rtl" if is_rtl(locale) else "ltr",
        "unavailable_locale": request.args.get("unavailable", "")[:20] if g.get("locale") else "",
    }
