"""The staff start page: what each role can do from here."""

from flask import render_template
from flask_login import current_user

from app.auth.session import STAFF, roles_required
from app.staff import bp
from app.staff.listing import sessions_for


@bp.get("/<lang>/staff/")
@roles_required(*STAFF)
def home():
    return render_template("staff/home.html", sessions=sessions_for(current_user.user)[:5])
