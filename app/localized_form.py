"""The base of every form: WTForms' own messages come from our ``wtforms`` catalogs.

Flask-WTF would read WTForms' shipped translations, which lack Punjabi, Somali,
Tagalog, Tigrinya and Urdu; ours cover every locale Parlons offers.
"""

from flask_wtf import FlaskForm

from app.gettext_domains import wtforms_domain


class _WTFormsTranslations:
    """The gettext interface WTForms calls; it formats the %(...)s itself afterwards."""

    def gettext(self, string):
        return wtforms_domain.get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return wtforms_domain.get_translations().ungettext(singular, plural, n)


class LocalizedForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _WTFormsTranslations()
