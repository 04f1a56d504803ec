"""Who may do what with tags: decisions built on the access decisions, default-deny, each saying why.

* **Seeing and tagging a product** — exactly who reaches the product
  (:func:`~infomanager_core.access.can_reach_product`): members of the owning organisation, and partner staff whose
  access covers it.
* **Creating a tag** for an organisation — its members, and partner staff who reach it as a client (a partner user with
  limited access needs a tag to tag the products it manages).
* **Managing an organisation's tags** (listing them all with counts, renaming, recolouring, deleting) — its members,
  and partner staff with *full* access to it: these act on every product, including ones limited access does not cover.
"""

from __future__ import annotations

from ..access import Decision, Programme, Reason, can_reach_client, can_reach_product
from ..access.decisions import require_programme

__all__ = ["can_create_tags", "can_manage_tags", "can_tag_product"]

_MEMBER = Reason("own-organisation", "members manage the tags of their own organisation")
_FULL_ACCESS = Reason("partner-full-access", "partner staff with full access manage the client's tags")
_LIMITED_ACCESS = Reason(
    "partner-limited-access", "limited access covers some products only, not the client's tags as a whole"
)


def can_tag_product(programme: Programme, person: str, product: str) -> Decision:
    """Whether ``person`` sees the tags of ``product`` and may attach or detach them: whoever reaches the product.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> bool(can_tag_product(programme, "uma", "web-1")), bool(can_tag_product(programme, "uma", "web-2"))
    (True, False)
    """
    if type(programme) is not Programme:
        require_programme(programme, "programme")
    return can_reach_product(programme, person, product)


def can_create_tags(programme: Programme, person: str, organisation: str) -> Decision:
    """Whether ``person`` may create a tag for ``organisation``: a member, or partner staff reaching it.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> [can_create_tags(programme, person, "bakery").allowed for person in ("cleo", "uma", "ulla")]
    [True, True, False]
    """
    if type(programme) is not Programme:
        require_programme(programme, "programme")
    programme.organisation(organisation)
    role = programme.role_of(person, organisation)
    if role is not None:
        return Decision(allowed=True, reason=_MEMBER, facts={"person": person, "organisation": organisation})
    return can_reach_client(programme, person, organisation)


def can_manage_tags(programme: Programme, person: str, organisation: str) -> Decision:
    """Whether ``person`` may list, rename, recolour and delete ``organisation``'s tags.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> programme = example_programme()
    >>> print(can_manage_tags(programme, "uma", "bakery"))
    denied (partner-limited-access): limited access covers some products only, not the client's tags as a whole
    """
    decision = can_create_tags(programme, person, organisation)
    if not decision.allowed or decision.reason is _MEMBER:
        return decision
    partnership = programme.active_partnership(organisation)
    assert partnership is not None  # reaching a client means it has an active partnership
    facts = {**decision.facts, "access": partnership.granted.level.value}
    if partnership.granted.is_full:
        return Decision(allowed=True, reason=_FULL_ACCESS, facts=facts)
    return Decision(allowed=False, reason=_LIMITED_ACCESS, facts=facts)
