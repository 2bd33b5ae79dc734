"""Which story records keep a restorable history (django-reversion), and what each follows."""

import reversion

from explainers.models import Block, BlockClaim, Citation, Claim, Explainer, ExplainerAuthor
from sources.history import UNVERSIONED

reversion.register(Citation, exclude=UNVERSIONED)
reversion.register(Claim, exclude=UNVERSIONED, follow=["citations"])
# A revision of an explainer keeps the text and citations of its claims, so it can be compared and restored.
reversion.register(BlockClaim, follow=["claim"])
reversion.register(Block, exclude=UNVERSIONED, follow=["items"])
reversion.register(ExplainerAuthor)
reversion.register(Explainer, exclude=UNVERSIONED, follow=["blocks", "author_links"])
