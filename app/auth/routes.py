"""Sign in, sign out, and create the first coordinator from the one-time link."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app import accounts, audit
from app.auth import bp
from app.auth.forms import FirstCoordinatorForm, SignInForm
from app.auth.session import SignedInStaff
from app.db import get_db
from app.extensions import limiter
from app.models import utcnow


def _email_key() -> str:
    return "signin:" + accounts.normalise_email(request.form.get("email", ""))[:255]


@bp.route("/<lang>/staff/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"], methods=["POST"], key_func=_email_key
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.home"))
    form = SignInForm()
    failed = False
    if form.validate_on_submit():
        session = get_db()
        user = accounts.authenticate(session, form.email.data, form.password.data)
        if user is None:
            failed = True
            audit.record(
                session, None, "sign_in_failed", email=accounts.normalise_email(form.email.data)
            )
        else:
            user.last_sign_in_at = utcnow()
            audit.record(session, user, "sign_in")
            login_user(SignedInStaff(user))
            return redirect(_safe_next() or url_for("staff.home"))
    status = 401 if failed else 200
    return render_template("auth/sign_in.html", form=form, failed=failed), status


def _safe_next() -> str | None:
    """Only a path on this site: never an open redirect to another host.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so a
    target with any control character, whitespace or backslash is refused whole.
    """
    target = request.args.get("next", "")
    if any(ch.isspace() or not ch.isprintable() or ch == "\\" for ch in target):
        return None
    return target if target.startswith("/") and not target.startswith("//") else None


@bp.post("/<lang>/staff/sign-out")
def logout():
    if current_user.is_authenticated:
        audit.record(get_db(), current_user.user, "sign_out")
    logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/<lang>/staff/setup/<token>", methods=["GET", "POST"])
def setup(token):
    session = get_db()
    row = accounts.valid_setup_token(session, token)
    if row is None:
        abort(404)
    form = FirstCoordinatorForm()
    if form.validate_on_submit():
        user = accounts.create_user(session, form.email.data, "coordinator", form.password.data)
        row.used_at = utcnow()
        audit.record(
            session, user, "user_create", target=user.email, role="coordinator", via="setup link"
        )
        login_user(SignedInStaff(user))
        return redirect(url_for("staff.home"))
    return render_template("auth/setup.html", form=form)
