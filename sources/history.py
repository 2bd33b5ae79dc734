"""Which evidence records keep a restorable history (django-reversion), and what each follows."""

import reversion

from sources.models import (
    Agreement,
    AgreementParty,
    Organization,
    Person,
    PersonAlias,
    Publisher,
    Role,
    ScopeItem,
    Signatory,
    Source,
)

UNVERSIONED = ("version",)

reversion.register(Publisher, exclude=UNVERSIONED)
reversion.register(Organization, exclude=UNVERSIONED)
reversion.register(Source, exclude=UNVERSIONED)
reversion.register(PersonAlias)
reversion.register(Role)
reversion.register(Person, exclude=UNVERSIONED, follow=["aliases", "roles"])
reversion.register(AgreementParty)
reversion.register(Signatory)
reversion.register(ScopeItem)
reversion.register(Agreement, exclude=UNVERSIONED, follow=["party_links", "signatories", "scope_items"])
