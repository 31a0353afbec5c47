"""Sign-in and first-coordinator forms."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField
from wtforms.validators import EqualTo, InputRequired, Length

from app.accounts import MIN_PASSWORD_LENGTH
from app.localized_form import LocalizedForm


class SignInForm(LocalizedForm):
    email = EmailField(
        _l("E-mail address"), validators=[InputRequired(_l("Please enter your e-mail address."))]
    )
    password = PasswordField(
        _l("Password"), validators=[InputRequired(_l("Please enter your password."))]
    )


class NewPasswordForm(LocalizedForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            InputRequired(_l("Please choose a password.")),
            Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least %(min)d characters.")),
        ],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same."))],
    )


class FirstCoordinatorForm(NewPasswordForm):
    email = EmailField(
        _l("E-mail address"), validators=[InputRequired(_l("Please enter your e-mail address."))]
    )
