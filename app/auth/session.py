"""Who is signed in: Flask-Login glue, and the role check every staff view declares."""

from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin, current_user

from app.db import get_db
from app.extensions import login_manager
from app.models import StaffUser


class SignedInStaff(UserMixin):
    """The signed-in account as Flask-Login sees it; reloaded from the database per request."""

    def __init__(self, user: StaffUser):
        self.user = user
        self.id = user.id
        self.email = user.email
        self.role = user.role


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    # "basic" only marks the sign-in as not fresh when the address or browser changes;
    # "strong" signed out a facilitator whose phone moved from Wi-Fi to mobile data.
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def load_user(user_id: str):
    user = get_db().get(StaffUser, int(user_id)) if user_id.isdigit() else None
    return SignedInStaff(user) if user is not None and user.active else None


def roles_required(*roles: str):
    """Only signed-in staff with one of ``roles``: others are sent to sign in, or get 403.

    The roles are kept on the view so that tests can check every staff route has them.
    """

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        guarded.required_roles = frozenset(roles)
        return guarded

    return decorate


STAFF = ("coordinator", "facilitator")
COORDINATOR = ("coordinator",)
