"""Alembic, driven from code: the app and ``parlons db upgrade`` share one entry point."""

import fcntl
import threading
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: PostgreSQL advisory lock key so that app servers starting
# together run the migrations once.
_LOCK_KEY = 7_352_019
_held = threading.local()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, once, however many processes try together."""
    with exclusive(engine):
        command.upgrade(alembic_config(engine), revision)


@contextmanager
def exclusive(engine: Engine):
    """One process at a time (gunicorn workers starting together): a lock file beside a
    SQLite database, an advisory lock on PostgreSQL. Re-entrant within a process."""
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    with _process_lock(engine):
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0


@contextmanager
def _process_lock(engine: Engine):
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.startup-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
