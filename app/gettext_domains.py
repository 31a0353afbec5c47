"""Gettext domains whose loaded catalogs are cached per application, not per process.

Flask-Babel caches catalogs on module-level objects; with several apps in one
process (the tests build many, each with its own translations folder), a catalog
loaded for one would be served to the next.
"""

from functools import cached_property

from babel import support
from flask import current_app, g, has_request_context
from flask_babel import Babel, Domain, get_locale


def current_locale_code() -> str:
    """The locale code the page asked for. Babel reads "tl" as Filipino ("fil_PH"), whose
    catalogs would not be found under translations/tl, so the code is kept as asked."""
    code = g.get("locale") if has_request_context() else None
    return code or str(get_locale())


class AppDomain(Domain):
    def get_translations_cache(self, ctx):
        return current_app.extensions.setdefault("parlons.gettext_cache", {})

    def get_translations(self):
        if not has_request_context():
            return support.NullTranslations()
        cache = self.get_translations_cache(None)
        code = current_locale_code()
        key = (code, self.domain[0])
        if key not in cache:
            cache[key] = support.Translations.load(
                self.translation_directories[0], [code], self.domain[0]
            )
        return cache[key]


class AppBabel(Babel):
    @cached_property
    def domain_instance(self):
        return AppDomain(domain=self.domain)


survey_domain = AppDomain(domain="surveys")
wtforms_domain = AppDomain(domain="wtforms")
