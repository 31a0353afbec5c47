"""Assemble the Flask application from its parts."""

import logging
from pathlib import Path

from flask import Flask

from app import accounts, catalogs, coding_jobs, db, errors, locale_urls, security, templating
from app.auth import session as auth_session
from app.config import from_environment, refuse_unsafe
from app.extensions import babel, csrf, limiter
from app.i18n import select_locale
from app.migrate import exclusive, upgrade
from app.registry import load_registry

log = logging.getLogger("parlons")


def build_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=None)
    app.config.update(from_environment())
    app.config.update(overrides or {})
    refuse_unsafe(app.config)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = app.config["TRANSLATIONS_DIR"]
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    _prepare_instance_folder(app)
    db.init_app(app)
    engine = app.extensions["parlons.engine"]
    with exclusive(engine), app.extensions["parlons.sessions"]() as session:
        if app.config["AUTO_MIGRATE"]:
            upgrade(engine)
        app.extensions["parlons.registry"] = load_registry(session, app.config["SURVEYS_DIR"])
        _announce_first_start(session)
    coding_jobs.keep_drafts_purged(app)

    _compile_stale_catalogs(app.config["TRANSLATIONS_DIR"])
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    auth_session.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    locale_urls.init_app(app)
    templating.init_app(app)

    from app.auth import bp as auth_bp
    from app.respond import bp as respond_bp
    from app.staff import bp as staff_bp

    app.register_blueprint(respond_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(staff_bp)
    return app


def _prepare_instance_folder(app: Flask) -> None:
    if app.config["DATABASE_URL"].startswith("sqlite:///"):
        Path(app.config["DATABASE_URL"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )


def _compile_stale_catalogs(folder: str) -> None:
    """Languages are offered from the .po files but pages are drawn from the .mo files,
    which git does not hold: without this, a server started without
    ``parlons translations compile`` lays out English text right to left."""
    failed = []
    for po in catalogs.stale_catalogs(folder):
        try:
            log.info("compiled translation catalog %s", catalogs.compile_catalog(po))
        except OSError as error:
            failed.append(f"{po.with_suffix('.mo')} ({error.strerror or error})")
    if failed:
        log.error(
            "Could not write %d compiled translation catalogs, so their pages show English "
            "or outdated text: %s. Run `parlons translations compile` as a user who may "
            "write to %s, then restart.",
            len(failed),
            "; ".join(failed),
            folder,
        )


def _announce_first_start(session) -> None:
    """With no staff account yet, print a one-time link for the first coordinator."""
    if accounts.has_users(session):
        return
    token = accounts.issue_setup_token(session)
    log.warning(
        "No staff account exists yet. To create the first coordinator, open "
        "/en/staff/setup/%s on this server (e.g. http://127.0.0.1:5000/en/staff/setup/%s). "
        "The link works once, for 24 hours.",
        token,
        token,
    )
