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


def add_whole_explainer(explainer: Explainer) -> None:
    """Put the explainer with every block, sentence, claim and citation into the current revision.

    django-reversion follows relations when a row is added, so blocks saved before their sentences
    existed would be kept empty: adding each block again (explicitly) follows what it holds now.
    """
    reversion.add_to_revision(explainer)
    for block in explainer.blocks.all():
        reversion.add_to_revision(block)
