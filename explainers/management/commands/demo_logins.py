"""Creates (or refreshes) local demo logins, one per editorial group plus an admin, and prints them."""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from explainers.models import Author

ACCOUNTS = [
    ("admin", None),
    ("editor", "Editor"),
    ("publisher", "Publisher"),
    ("contributor", "Contributor"),
]
# Each demo login also gets a byline of the newsroom, so the desk can sign what they write.
BYLINES = {"editor": "Asha Rao", "publisher": "Tom Okafor", "contributor": "Mei Lin"}


class Command(BaseCommand):
    help = "Create local demo logins (admin, editor, publisher, contributor) and print their passwords."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="where the admin is served")

    def handle(self, *args, **options):
        store = settings.VAR_DIR / "demo-logins.json"
        passwords = json.loads(store.read_text()) if store.exists() else {}
        User = get_user_model()
        with transaction.atomic():
            for username, group in ACCOUNTS:
                password = passwords.setdefault(username, secrets.token_urlsafe(12))
                user, _ = User.objects.get_or_create(username=username)
                user.is_staff = True
                user.is_superuser = group is None
                user.is_active = True
                user.set_password(password)
                user.save()
                if group:
                    user.groups.set([Group.objects.get(name=group)])
                if username in BYLINES:
                    Author.objects.update_or_create(
                        user=user, defaults={"name": BYLINES[username], "slug": slugify(BYLINES[username])}
                    )
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps(passwords, indent=2))
        store.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Logins for {options['url']} (kept in var/demo-logins.json):"))
        for username, group in ACCOUNTS:
            role = group or "superuser"
            self.stdout.write(f"  {username:<12} {passwords[username]:<18} ({role})")
