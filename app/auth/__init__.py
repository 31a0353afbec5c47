"""Staff sign-in and sign-out, and the one-time page that creates the first coordinator."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes  # noqa: E402,F401  (registers the views)
