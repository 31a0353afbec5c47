"""Error pages for people: what went wrong and what to do, in their language."""

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(HTTPException, http_error)


def csrf_failed(error):
    return render_template(
        "error.html",
        title=_("This form has expired"),
        message=_(
            "For your safety, forms expire. Please go back, reload the page and send it again. "
            "Answers you saved before are kept."
        ),
    ), 400


def http_error(error: HTTPException):
    messages = {
        404: (_("Page not found"), _("This page does not exist. Please check the address.")),
        405: (_("Not allowed"), _("This page cannot be used this way.")),
        403: (
            _("Not allowed"),
            _("Your account cannot open this page. Ask a coordinator if you need it."),
        ),
        410: (
            _("This survey is closed"),
            _("Thank you for your interest. Answers are no longer collected."),
        ),
        429: (
            _("Too many attempts"),
            _("Please wait a few minutes before you try again."),
        ),
        413: (
            _("Too much text"),
            _("What you sent is too large. Please shorten long answers and try again."),
        ),
    }
    title, message = messages.get(
        error.code,
        (_("Something went wrong"), _("Please try again in a moment.")),
    )
    return render_template("error.html", title=title, message=message), error.code
