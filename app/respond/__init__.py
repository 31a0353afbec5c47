"""Public pages for respondents: no login, one page of a survey at a time."""

from flask import Blueprint

bp = Blueprint("respond", __name__)

from app.respond import routes  # noqa: E402,F401  (registers the views)
