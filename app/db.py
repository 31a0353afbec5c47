"""The database for a Flask app: one session per request, closed at teardown."""

from flask import Flask, abort, current_app, g
from sqlalchemy.orm import Session

from app.database import make_engine, make_session_factory


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["parlons.engine"] = engine
    app.extensions["parlons.sessions"] = make_session_factory(engine)
    app.teardown_appcontext(close_db)


def get_db() -> Session:
    if "db" not in g:
        g.db = current_app.extensions["parlons.sessions"]()
    return g.db


def get_or_404(model, key):
    """The row of ``model`` with primary key ``key``; a 404 page when there is none."""
    row = get_db().get(model, key)
    if row is None:
        abort(404)
    return row


def close_db(_exc=None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()
