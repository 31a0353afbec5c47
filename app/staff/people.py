"""Coordinators: staff accounts (create, deactivate, change role) and the audit log."""

from datetime import datetime, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app import accounts, audit
from app.auth.session import COORDINATOR, roles_required
from app.db import get_db, get_or_404
from app.models import AuditEvent, StaffUser
from app.staff import bp
from app.staff.forms import NewStaffForm


@bp.route("/<lang>/staff/users", methods=["GET", "POST"])
@roles_required(*COORDINATOR)
def users():
    session = get_db()
    form = NewStaffForm()
    created = None
    if form.validate_on_submit():
        password = accounts.new_password()
        try:
            user = accounts.create_user(session, form.email.data, form.role.data, password)
        except accounts.AccountError:
            form.email.errors.append(_("An account with this e-mail address already exists."))
        else:
            audit.record(session, current_user.user, "user_create", user.email, role=user.role)
            created = (user, password)
            form = NewStaffForm(formdata=None)
    people = session.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/users.html", people=people, form=form, created=created)


@bp.post("/<lang>/staff/users/<int:user_id>")
@roles_required(*COORDINATOR)
def change_user(user_id):
    session = get_db()
    user = get_or_404(StaffUser, user_id)
    change = request.form.get("change", "")
    if user.id == current_user.id:
        flash(_("You cannot change your own account here. Ask another coordinator."))
    elif change in ("deactivate", "activate"):
        user.active = change == "activate"
        audit.record(session, current_user.user, f"user_{change}", user.email)
        flash(_("The account of %(email)s is changed.", email=user.email))
    elif change in accounts.ROLES:
        user.role = change
        audit.record(session, current_user.user, "user_role_change", user.email, role=change)
        flash(_("The account of %(email)s is changed.", email=user.email))
    else:
        abort(400)
    return redirect(url_for("staff.users"))


@bp.get("/<lang>/staff/audit")
@roles_required(*COORDINATOR)
def audit_log():
    since, until = _day(request.args.get("from")), _day(request.args.get("to"))
    events = audit.search(
        get_db(),
        actor_email=request.args.get("who", "")[:255] or None,
        action=request.args.get("action") or None,
        since=since,
        until=until + timedelta(days=1) if until else None,
    )
    actions = get_db().scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    return render_template("staff/audit.html", events=events, actions=list(actions))


def _day(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
