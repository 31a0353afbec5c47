"""Configuration read from the environment, in one place.

Safe defaults for a laptop (embedded SQLite under ./instance); a loud refusal
to run in production with the default secret.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET = "dev-only-secret-change-me"


class UnsafeConfiguration(RuntimeError):
    """Raised when production mode would run with a development setting."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(environ=os.environ) -> dict:
    """Return the settings the app factory applies, read from environment variables."""
    instance = Path(environ.get("PARLONS_INSTANCE", PROJECT_ROOT / "instance"))
    production = environ.get("PARLONS_ENV", "development") == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": environ.get("SECRET_KEY", DEFAULT_SECRET),
        "DATABASE_URL": environ.get("DATABASE_URL", f"sqlite:///{instance / 'parlons.db'}"),
        "INSTANCE_DIR": str(instance),
        "SURVEYS_DIR": environ.get("PARLONS_SURVEYS_DIR", str(PROJECT_ROOT / "surveys")),
        "TRANSLATIONS_DIR": str(PROJECT_ROOT / "translations"),
        "AUTO_MIGRATE": _bool(environ.get("PARLONS_AUTO_MIGRATE"), True),
        "DISCLOSURE_K": int(environ.get("PARLONS_K", "5")),
        "DRAFT_EXPIRY_DAYS": int(environ.get("PARLONS_DRAFT_EXPIRY_DAYS", "30")),
        "SESSION_COOKIE_SECURE": _bool(environ.get("PARLONS_SECURE_COOKIES"), production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": int(environ.get("PARLONS_MAX_REQUEST_BYTES", str(512 * 1024))),
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_STORAGE_URI": environ.get("PARLONS_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SIGN_IN_LIMIT_PER_ADDRESS": environ.get(
            "PARLONS_SIGN_IN_LIMIT_PER_ADDRESS", "30 per minute"
        ),
        "SIGN_IN_LIMIT_PER_ACCOUNT": environ.get(
            "PARLONS_SIGN_IN_LIMIT_PER_ACCOUNT", "5 per minute;30 per hour"
        ),
        "REMEMBER_COOKIE_SECURE": _bool(environ.get("PARLONS_SECURE_COOKIES"), production),
        "REMEMBER_COOKIE_HTTPONLY": True,
    }


def refuse_unsafe(settings: dict) -> None:
    """Stop a production start that still uses the development secret."""
    if settings.get("PRODUCTION") and settings.get("SECRET_KEY") in (None, "", DEFAULT_SECRET):
        raise UnsafeConfiguration(
            "PARLONS_ENV=production needs a SECRET_KEY of your own: "
            'generate one with: python3 -c "import secrets; print(secrets.token_hex(32))"'
        )
