"""The ``/<lang>/`` URL prefix: it sets the page's locale and is added to every URL built.

Links on posters and QR codes carry no prefix, or one typed by hand: a public page
asked for without one is redirected to the same page in the negotiated locale, and
a supported locale spelled another way (``/AR/``, ``/zh-hans/``, ``/fil/``) to its
own spelling. An unknown or unsupported locale never shows an error page: the
request is redirected to the same page in English with a notice.
"""

from flask import Flask, current_app, g, redirect, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from app.i18n import (
    LOCALE_COOKIE,
    SOURCE_LOCALE,
    locale_for_tag,
    negotiate,
    select_locale,
    supported_locales,
    to_url,
)

# Only the respondents' pages are printed on posters; staff links always carry a prefix.
PUBLIC_BLUEPRINT = "respond"
SAFE_METHODS = ("GET", "HEAD")


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(take_locale_from_url)
    app.url_defaults(add_locale_to_url)
    app.before_request(redirect_to_supported_prefix)
    app.after_request(remember_locale)


def take_locale_from_url(endpoint, values) -> None:
    if not values or "lang" not in values:
        return
    tag = values.pop("lang")
    code = locale_for_tag(tag, supported_locales())
    if code:
        g.locale = code
        g.misspelled_locale = tag != to_url(code)
    else:
        g.locale = SOURCE_LOCALE
        g.unknown_locale = tag.replace("_", "-")[:20]


def add_locale_to_url(endpoint, values) -> None:
    """Links keep the page's language; on pages without one (errors), the negotiated one."""
    if "lang" in values or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return
    values["lang"] = to_url(g.get("locale") or select_locale())


def redirect_to_supported_prefix():
    """A page read (not a form sent) always ends at a URL whose prefix is a supported locale."""
    if request.method not in SAFE_METHODS:
        return None
    if g.get("misspelled_locale"):
        return redirect(with_query(same_page(lang=to_url(g.locale))), 301)
    if request.routing_exception is not None or g.get("unknown_locale"):
        prefixed = public_page_with_prefix(to_url(negotiate(supported_locales())))
        if prefixed:
            return redirect(with_query(prefixed))
    if g.get("unknown_locale") and request.endpoint:
        return redirect(same_page(lang=to_url(SOURCE_LOCALE), unavailable=g.unknown_locale))
    return None


def same_page(**changes) -> str:
    return url_for(request.endpoint, **dict(request.view_args or {}, **changes))


def public_page_with_prefix(lang: str) -> str | None:
    """The URL of the respondent page that the request's path names once ``/<lang>`` is put
    before it (``/resume`` -> ``/fr/resume``), or None when it names none."""
    adapter = current_app.create_url_adapter(request)
    path = f"/{lang}{request.path}"
    for candidate in (path, path + "/"):  # /s/<survey> was printed without its final slash
        try:
            endpoint, args = adapter.match(candidate, method="GET")
        except RequestRedirect:
            continue
        except HTTPException:
            return None
        if endpoint.partition(".")[0] != PUBLIC_BLUEPRINT:
            return None
        return url_for(endpoint, **args)
    return None


def with_query(url: str) -> str:
    query = request.query_string.decode("utf-8", "replace")
    return f"{url}?{query}" if query else url


def remember_locale(response):
    """A chosen locale is kept for the next visit to a page without a prefix."""
    if g.get("locale") and request.cookies.get(LOCALE_COOKIE) != g.locale:
        response.set_cookie(LOCALE_COOKIE, g.locale, max_age=365 * 86400, samesite="Lax")
    return response
