"""Who is making the current change: the request's user, or an operator running a command.

Model-level rules (a record readers see may only be changed by a publisher) need to know who is
writing whatever path the write comes through. The middleware sets it for every request; commands
set it explicitly with `acting_as`. Nobody set means nobody with publishing rights.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

_actor: ContextVar = ContextVar("actor", default=None)


@dataclass(frozen=True)
class Operator:
    """Someone running a management command with an explicit flag (e.g. `import_seeds --publish`)."""

    name: str
    is_active: bool = True
    is_authenticated: bool = True
    is_staff: bool = True
    pk = None

    def has_perm(self, perm: str, obj=None) -> bool:
        return True

    def get_username(self) -> str:
        return self.name

    def __str__(self):
        return self.name


def current_actor():
    return _actor.get()


def as_user(actor):
    """The actor as a value for a user foreign key (None for an operator)."""
    return None if actor is None or isinstance(actor, Operator) else actor


@contextmanager
def acting_as(actor):
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


class ActorMiddleware:
    """Records the request's user as the actor of every write the request makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)
