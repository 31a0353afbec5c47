"""Pages for facilitators and coordinators; every view declares the roles it admits."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from app.staff import dashboard, entries, home, people, survey_admin  # noqa: E402,F401  (registers views)
