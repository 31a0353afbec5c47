"""``parlons users create EMAIL --role ROLE`` and ``parlons users reset-password EMAIL``."""

import sys

import click
from flask.cli import AppGroup

from app import accounts, audit
from app.db import get_db


@click.group(cls=AppGroup)
def users():
    """Staff accounts."""


def _password_option(function):
    return click.option(
        "--password",
        envvar="PARLONS_NEW_PASSWORD",
        help="Use this password instead of a generated one (or set PARLONS_NEW_PASSWORD).",
    )(function)


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@_password_option
def create_command(email, role, password):
    """Create a staff account and print its one-time password."""
    session = get_db()
    chosen = password or accounts.new_password()
    try:
        user = accounts.create_user(session, email, role, chosen)
    except accounts.AccountError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    audit.record(session, None, "user_create", user.email, role=role, via="command line")
    click.echo(f"created {role} {user.email}")
    if not password:
        click.echo(f"password: {chosen}  (give it to them in person; they can change it later)")


@users.command("reset-password")
@click.argument("email")
@_password_option
def reset_command(email, password):
    """Give an account a new password and print it."""
    session = get_db()
    user = accounts.find_user(session, email)
    if user is None:
        click.echo(f"error: no account for {accounts.normalise_email(email)}", err=True)
        sys.exit(1)
    chosen = password or accounts.new_password()
    try:
        accounts.set_password(session, user, chosen)
    except accounts.AccountError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    audit.record(session, None, "password_reset", user.email, via="command line")
    click.echo(f"new password for {user.email}: {chosen}" if not password else "password changed")
