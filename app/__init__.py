"""Parlons: multilingual consultation for Local Immigration Partnerships.

Flask is imported inside ``create_app`` only, so that ``app.models`` and
``app.definitions`` stay importable by ``analysis/`` without Flask.
"""


def create_app(config: dict | None = None):
    """Build the Flask application; ``config`` overrides the environment."""
    from app.factory import build_app

    return build_app(config)
