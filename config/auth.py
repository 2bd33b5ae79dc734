"""The admin login form, with bounded inputs, and the username django-axes records."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

AXES_USERNAME_LIMIT = 255
PASSWORD_MAX_LENGTH = 4096


class BoundedLoginForm(AdminAuthenticationForm):
    """Over-long values are refused as form errors before anything is looked up or recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
        self.fields["password"].widget.attrs["maxlength"] = PASSWORD_MAX_LENGTH


def axes_username(request, credentials) -> str:
    """The username an attempt is recorded under, cut to what the attempts table can hold."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username", "")
    return str(username or "")[:AXES_USERNAME_LIMIT]
