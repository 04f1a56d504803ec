"""The tags of every organisation and the products carrying them, changed only through commands.

:class:`Tagging` holds the tags, the attachments and the indexes both ways (tag → products, product → tags). It reads
the access :class:`~infomanager_core.access.Programme` it is given for who owns which product and who may act (see
:mod:`~infomanager_core.tags.permissions`), and never changes who may do what there. Every command checks its moment,
the person and every argument first, then changes state, and returns :class:`~infomanager_core.tags.events.TagEvent`
values; a refused command leaves everything — tags and programme — as it was.

Tags and access keep one clock per organisation. A command is refused when dated before the tag's latest change or
before the programme's latest moment of the tag's organisation (and, when partner staff act, of their partner): who
may act is read from the programme as it stands, which is the programme at that moment only if nothing concerning
them is later. A recorded command then moves those organisations' clocks to its moment
(:meth:`~infomanager_core.access.Programme.advance_to`), so the programme refuses an access change dated before it.
No tag event is ever recorded at a moment its author had no access.

Like the programme's, every public method refuses a malformed id (a tag, product, organisation or ``by`` that is not
a non-blank printable string) with a typed error naming the parameter, before any look-up
(:func:`~infomanager_core.access.checks.checks_ids`); a tag's name is text and follows the tag-name rules instead.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access import HeldProduct, Organisation, Person, Programme, Role
>>> at = datetime(2026, 1, 5, tzinfo=UTC)
>>> programme = Programme()
>>> _ = programme.register_person(Person("carl"), at=at)
>>> _ = programme.register_organisation(Organisation(id="bakery", name="Bakery", country="FR",
...     members={"carl": Role.LEGAL_REPRESENTATIVE},
...     products=[HeldProduct(id="web-1", code="web-hosting", family="web-hosting")]), at=at)
>>> tagging = Tagging(programme)
>>> [created] = tagging.create("bakery", " Shop ", colour=4, by="carl", at=at)
>>> _ = tagging.attach(created.tag, "web-1", by="carl", at=at)
>>> [tag.name for tag in tagging.tags_of("web-1", by="carl")]
['Shop']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

import attrs

from .._copies import WholeCopy
from ..access import AccessDenied, Decision, ProductOfAnotherOrganisation, Programme
from ..access.checks import aware_moment, checks_ids, instant, typed
from ..access.errors import BackdatedCommand
from ..access.programme import known_person
from ..errors import InvalidInput, InvariantViolation, disagreeing
from ..text import printable_text
from .errors import DuplicateTagName, UnknownTag
from .events import TagEvent, TagEventKind
from .permissions import can_create_tags, can_manage_tags, can_tag_product
from .tag import Tag, TagCount, TagRules, name_key, tag_colour, tag_name

__all__ = ["Tagging"]

Events = tuple[TagEvent, ...]


def _require(decision: Decision, action: str, person: str, target: str) -> None:
    if not decision.allowed:
        raise AccessDenied(decision, action=action, person=person, target=target)


@checks_ids(text=("name",))
@attrs.define
class Tagging(WholeCopy):
    """Tags and their attachments, for the organisations of ``access``.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> tagging = Tagging(example_programme())
    >>> [created] = tagging.create("bakery", "To migrate", colour=2, by="carl", at=MONDAY)
    >>> tagging.tag(created.tag).name, tagging.tag(created.tag).colour
    ('To migrate', 2)
    """

    access: Programme = attrs.field(
        validator=typed("access", Programme, "a Programme"), on_setattr=attrs.setters.frozen
    )
    rules: TagRules = attrs.field(
        factory=TagRules, validator=typed("rules", TagRules, "a TagRules"), on_setattr=attrs.setters.frozen
    )
    _tags: dict[str, Tag] = attrs.field(factory=dict, init=False)
    _by_name: dict[tuple[str, str], str] = attrs.field(factory=dict, init=False)
    _products: dict[str, dict[str, None]] = attrs.field(factory=dict, init=False)
    _on_product: dict[str, dict[str, None]] = attrs.field(factory=dict, init=False)
    _made_by: dict[str, str | None] = attrs.field(factory=dict, init=False)
    _latest: dict[str, datetime] = attrs.field(factory=dict, init=False)
    _issued: int = attrs.field(default=0, init=False)

    # -- queries ----------------------------------------------------------------------------------------------------

    def tag(self, tag: str) -> Tag:
        """The tag with id ``tag`` (``UnknownTag`` otherwise, also once deleted), read by the application with no
        person and no check; what a person may see is :meth:`list_tags` and :meth:`tags_of`.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> tagging.tag(created.tag)
        Tag(id='tag-1', organisation='bakery', name='Shop', colour=4)
        """
        try:
            return self._tags[tag]
        except KeyError:  # an id that is no string was refused before the look-up
            raise UnknownTag(tag) from None

    def tags_of(self, product: str, *, by: str) -> tuple[Tag, ...]:
        """The tags on ``product``, by name; only for a person who reaches the product (else ``AccessDenied``).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> _ = tagging.attach(created.tag, "web-1", by="carl", at=MONDAY)
        >>> [tag.name for tag in tagging.tags_of("web-1", by="uma")]
        ['Shop']
        """
        self._actor(by)
        _require(can_tag_product(self.access, by, product), "see tags", by, product)
        return self._sorted(self._on_product.get(product, ()))

    def products_with(self, tag: str, *, by: str) -> tuple[str, ...]:
        """The products carrying ``tag`` that ``by`` reaches, sorted (others stay invisible to them).

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> for product in ("web-1", "web-2"):
        ...     _ = tagging.attach(created.tag, product, by="carl", at=MONDAY)
        >>> tagging.products_with(created.tag, by="carl"), tagging.products_with(created.tag, by="uma")
        (('web-1', 'web-2'), ('web-1',))
        """
        self._actor(by)
        self.tag(tag)
        return tuple(sorted(p for p in self._products[tag] if can_tag_product(self.access, by, p).allowed))

    def list_tags(self, organisation: str, *, by: str) -> tuple[TagCount, ...]:
        """The organisation's tags by name, each with the number of products carrying it.

        Whoever manages the organisation's tags sees them all with full counts. Limited-access partner staff see the
        tags on products they reach and the tags their partner organisation created, each counted over the products
        they reach only — so the list reveals nothing outside their grant.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> [(entry.tag.name, entry.products) for entry in tagging.list_tags("bakery", by="carl")]
        [('Shop', 0)]
        """
        self._actor(by)
        manage = can_manage_tags(self.access, by, organisation)
        tags = self._sorted(self._tags_of(organisation))
        if manage.allowed:
            return tuple(TagCount(tag, len(self._products[tag.id])) for tag in tags)
        _require(can_create_tags(self.access, by, organisation), "list tags", by, organisation)
        partner = self._partner_of(organisation)
        listed = []
        for tag in tags:
            reached = sum(1 for p in self._products[tag.id] if can_tag_product(self.access, by, p).allowed)
            if reached or self._made_by.get(tag.id) == partner:
                listed.append(TagCount(tag, reached))
        return tuple(listed)

    @property
    def tags(self) -> tuple[Tag, ...]:
        """Every tag of every organisation, in creation order (a snapshot), read by the application with no person and
        no check; what a person may see is :meth:`list_tags` and :meth:`tags_of`.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> [tag.name for tag in tagging.tags]
        ['Shop']
        """
        return tuple(self._tags.values())

    # -- commands ---------------------------------------------------------------------------------------------------

    def create(self, organisation: str, name: str, *, colour: int, by: str, at: datetime) -> Events:
        """Create a tag of ``organisation``, attached to nothing.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "  To migrate ", colour=2, by="uma", at=MONDAY)
        >>> created.what.value, tagging.tag(created.tag).name
        ('tag created', 'To migrate')
        """
        aware_moment(at)
        self._actor(by)
        _require(can_create_tags(self.access, by, organisation), "create tags", by, organisation)
        trimmed = tag_name(name, self.rules)
        colour = tag_colour(colour, self.rules)
        concerned = self._in_order(at, organisation, by)  # the clocks before what the tagging holds, as in rename
        reveal = can_manage_tags(self.access, by, organisation).allowed
        self._require_free_name(organisation, trimmed, reveal=reveal)
        tag = Tag(id=f"tag-{self._issued + 1}", organisation=organisation, name=trimmed, colour=colour)
        self._issued += 1
        self._tags[tag.id] = tag
        self._by_name[(organisation, name_key(trimmed))] = tag.id
        self._products[tag.id] = {}
        self._latest[tag.id] = at
        if self.access.role_of(by, organisation) is None:
            self._made_by[tag.id] = self._partner_of(organisation)
        self._advance(at, concerned)
        return (self._event(TagEventKind.CREATED, tag, by, at, after=tag),)

    def rename(self, tag: str, name: str, *, by: str, at: datetime) -> Events:
        """Rename a tag; it stays on every product it was on. A change of case only is a rename too.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> [renamed] = tagging.rename(created.tag, "Online shop", by="cleo", at=MONDAY)
        >>> renamed.before.name, renamed.after.name
        ('Shop', 'Online shop')
        """
        aware_moment(at)
        self._actor(by)
        current = self._managed(tag, by)
        trimmed = tag_name(name, self.rules)
        concerned = self._in_order(at, current.organisation, by, tag)
        if trimmed == current.name:
            return ()
        # Partner staff renaming their own tag may not see every tag: a clash must not tell them which one holds it.
        reveal = can_manage_tags(self.access, by, current.organisation).allowed
        self._require_free_name(current.organisation, trimmed, allowed=current.id, reveal=reveal)
        renamed = attrs.evolve(current, name=trimmed)
        del self._by_name[(current.organisation, name_key(current.name))]
        self._by_name[(current.organisation, name_key(trimmed))] = tag
        self._tags[tag] = renamed
        self._latest[tag] = at
        self._advance(at, concerned)
        return (self._event(TagEventKind.RENAMED, current, by, at, after=renamed),)

    def recolour(self, tag: str, colour: int, *, by: str, at: datetime) -> Events:
        """Give a tag another colour of the palette.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> [recoloured] = tagging.recolour(created.tag, 6, by="carl", at=MONDAY)
        >>> recoloured.before.colour, recoloured.after.colour
        (4, 6)
        """
        aware_moment(at)
        self._actor(by)
        current = self._managed(tag, by)
        colour = tag_colour(colour, self.rules)
        concerned = self._in_order(at, current.organisation, by, tag)
        if colour == current.colour:
            return ()
        recoloured = attrs.evolve(current, colour=colour)
        self._tags[tag] = recoloured
        self._latest[tag] = at
        self._advance(at, concerned)
        return (self._event(TagEventKind.RECOLOURED, current, by, at, after=recoloured),)

    def delete(self, tag: str, *, by: str, at: datetime) -> Events:
        """Delete a tag: it is detached from every product first (one event each), then gone.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> _ = tagging.attach(created.tag, "web-1", by="carl", at=MONDAY)
        >>> [(event.what.value, event.product) for event in tagging.delete(created.tag, by="carl", at=MONDAY)]
        [('tag detached', 'web-1'), ('tag deleted', None)]
        """
        aware_moment(at)
        self._actor(by)
        current = self._managed(tag, by)
        concerned = self._in_order(at, current.organisation, by, tag)
        products = tuple(sorted(self._products[tag]))
        for product in products:
            self._detach(tag, product)
        del self._products[tag]
        del self._by_name[(current.organisation, name_key(current.name))]
        del self._tags[tag]
        self._made_by.pop(tag, None)
        del self._latest[tag]
        detached = tuple(
            self._event(TagEventKind.DETACHED, current, by, at, product=p, after=current) for p in products
        )
        self._advance(at, concerned)
        return (*detached, self._event(TagEventKind.DELETED, current, by, at))

    def attach(self, tag: str, product: str, *, by: str, at: datetime) -> Events:
        """Put a tag on a product of the same organisation; whoever reaches the product may.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> [attached] = tagging.attach(created.tag, "web-1", by="uma", at=MONDAY)
        >>> attached.product, tagging.attach(created.tag, "web-1", by="uma", at=MONDAY)
        ('web-1', ())
        """
        aware_moment(at)
        self._actor(by)
        current = self._taggable(tag, product, by)
        concerned = self._in_order(at, current.organisation, by, tag)
        if product in self._products[tag]:
            return ()
        self._products[tag][product] = None
        self._on_product.setdefault(product, {})[tag] = None
        self._latest[tag] = at
        self._advance(at, concerned)
        return (self._event(TagEventKind.ATTACHED, current, by, at, product=product, after=current),)

    def detach(self, tag: str, product: str, *, by: str, at: datetime) -> Events:
        """Take a tag off a product.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> [created] = tagging.create("bakery", "Shop", colour=4, by="carl", at=MONDAY)
        >>> _ = tagging.attach(created.tag, "web-1", by="carl", at=MONDAY)
        >>> [detached] = tagging.detach(created.tag, "web-1", by="uma", at=MONDAY)
        >>> detached.what.value, tagging.tags_of("web-1", by="carl")
        ('tag detached', ())
        """
        aware_moment(at)
        self._actor(by)
        current = self._taggable(tag, product, by)
        concerned = self._in_order(at, current.organisation, by, tag)
        if product not in self._products[tag]:
            return ()
        self._detach(tag, product)
        self._latest[tag] = at
        self._advance(at, concerned)
        return (self._event(TagEventKind.DETACHED, current, by, at, product=product, after=current),)

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Names tidy, within the rules and unique per organisation (by ``name_key``), colours from the palette; every
        tag, and only a tag, has its products listed and a clock; both attachment indexes agree; tags only on their
        organisation's products.

        A broken law raises :class:`~infomanager_core.errors.InvariantViolation` stating it and naming the culprit,
        whatever flags Python runs with; attachments are checked in sorted order.

        >>> from infomanager_core.access.examples import MONDAY, example_programme
        >>> tagging = Tagging(example_programme())
        >>> tagging.check_invariants()  # silent when names and both indexes agree
        >>> tagging._latest["tag-9"] = MONDAY  # damage done behind the tagging's back
        >>> tagging.check_invariants()
        Traceback (most recent call last):
        ...
        infomanager_core.errors.InvariantViolation: invariant broken: every tag, and only a tag, has a clock: ['tag-9']
        """
        self._check_names()
        self._check_records()
        self._check_attachments()
        self._check_tag_values()

    # -- private helpers --------------------------------------------------------------------------------------------

    def _check_names(self) -> None:
        keys = Counter((t.organisation, name_key(t.name)) for t in self._tags.values())
        if len(keys) != len(self._tags):
            shared = sorted(key for key, count in keys.items() if count > 1)
            raise InvariantViolation("two tags of one organisation never share a name", shared)
        names = {(t.organisation, name_key(t.name)): t.id for t in self._tags.values()}
        if names != self._by_name:
            raise InvariantViolation(
                "the name index names exactly each tag by its organisation and name", disagreeing(names, self._by_name)
            )

    def _check_records(self) -> None:
        if set(self._products) != set(self._tags):
            raise InvariantViolation(
                "every tag, and only a tag, has its products listed", sorted(set(self._products) ^ set(self._tags))
            )
        if not set(self._made_by) <= set(self._tags):
            raise InvariantViolation("a deleted tag has no maker", sorted(set(self._made_by) - set(self._tags)))
        if set(self._latest) != set(self._tags):
            raise InvariantViolation(
                "every tag, and only a tag, has a clock", sorted(set(self._latest) ^ set(self._tags))
            )

    def _check_attachments(self) -> None:
        """Attachments are checked in sorted order, so that the culprit named is the same whatever the hash seed."""
        pairs = {(tag, product) for tag, products in self._products.items() for product in products}
        reverse = {(tag, product) for product, tags in self._on_product.items() for tag in tags}
        if pairs != reverse:
            raise InvariantViolation(
                "every attachment is recorded both ways, by tag and by product", sorted(pairs ^ reverse)
            )
        for tag, product in sorted(pairs):
            if self.access.owner_of(product) != self._tags[tag].organisation:
                raise InvariantViolation("a tag is only on its organisation's products", (tag, product))

    def _check_tag_values(self) -> None:
        for value in self._tags.values():
            if not _is_tidy(value.name):
                raise InvariantViolation("a tag's name is in its tidy form", value.id)
            if not self.rules.min_length <= len(value.name) <= self.rules.max_length:
                raise InvariantViolation("a tag's name is as long as the rules allow", (value.id, len(value.name)))
            if not 0 <= value.colour < len(self.rules.palette):
                raise InvariantViolation("a tag's colour is one of the palette's", (value.id, value.colour))

    def _actor(self, by: str) -> None:
        """The person acting (``by``), refused naming the field ``by`` as the programme does: the access decisions
        would name their own parameter, ``person``, which no tagging method takes."""
        known_person(self.access, by, "by")

    def _tags_of(self, organisation: str) -> list[str]:
        return [tag.id for tag in self._tags.values() if tag.organisation == organisation]

    def _sorted(self, tags: Iterable[str]) -> tuple[Tag, ...]:
        found = [self._tags[t] for t in tags]
        return tuple(sorted(found, key=lambda t: (name_key(t.name), t.id)))

    def _require_free_name(self, organisation: str, name: str, allowed: str | None = None, *, reveal: bool) -> None:
        existing = self._by_name.get((organisation, name_key(name)))
        if existing is not None and existing != allowed:
            raise DuplicateTagName(organisation, name, existing if reveal else None)

    def _in_order(self, at: datetime, organisation: str, by: str, tag: str | None = None) -> tuple[str, ...]:
        """Refuse a command dated before the tag's latest change, or before the programme's latest moment of the
        organisation or — when ``by`` acts as partner staff — of the partner (the same moment is fine); return those
        organisations, for :meth:`_advance` once the command is done.

        Permissions are read from the programme as it stands, which is the programme at ``at`` only when nothing
        concerning those organisations is later."""
        if tag is not None:
            latest = self._latest[tag]
            if instant(at) < instant(latest):  # instants: an hour may be lived twice
                raise BackdatedCommand("at", at, f"tag {tag!r}", latest)
        partner = None if self.access.role_of(by, organisation) is not None else self._partner_of(organisation)
        concerned = (organisation,) if partner is None else (organisation, partner)
        self.access.check_in_order(at, organisations=concerned)
        return concerned

    def _advance(self, at: datetime, concerned: tuple[str, ...]) -> None:
        """After a command: the programme's clock of what decided it moves to ``at``, so that no change to that access
        can later be dated before the tag event it allowed."""
        self.access.advance_to(at, organisations=concerned)

    def _partner_of(self, organisation: str) -> str | None:
        partnership = self.access.active_partnership(organisation)
        return None if partnership is None else partnership.partner

    def _managed(self, tag: str, by: str) -> Tag:
        """The tag, if ``by`` manages the organisation's tags — or is staff of the partner that made it, reaching
        every product that carries it (so the change touches nothing outside their grant)."""
        current = self.tag(tag)
        decision = can_manage_tags(self.access, by, current.organisation)
        if decision.allowed or self._own_tag_within_reach(current, by):
            return current
        _require(decision, "manage tags", by, tag)
        return current

    def _own_tag_within_reach(self, tag: Tag, by: str) -> bool:
        partner = self._made_by.get(tag.id)
        return (
            partner is not None
            and partner == self._partner_of(tag.organisation)
            and can_create_tags(self.access, by, tag.organisation).allowed
            and all(can_tag_product(self.access, by, p).allowed for p in self._products[tag.id])
        )

    def _taggable(self, tag: str, product: str, by: str) -> Tag:
        """The tag, if ``by`` reaches ``product`` and it is of the tag's organisation — in that order, so that someone
        who does not reach the product is refused without learning whose it is."""
        current = self.tag(tag)
        _require(can_tag_product(self.access, by, product), "tag product", by, product)
        owner = self.access.owner_of(product)
        if owner != current.organisation:
            raise ProductOfAnotherOrganisation(product, current.organisation, owner)
        return current

    def _detach(self, tag: str, product: str) -> None:
        del self._products[tag][product]
        del self._on_product[product][tag]
        if not self._on_product[product]:
            del self._on_product[product]

    def _event(
        self,
        what: TagEventKind,
        tag: Tag,
        by: str,
        at: datetime,
        *,
        product: str | None = None,
        after: Tag | None = None,
    ) -> TagEvent:
        before = None if what is TagEventKind.CREATED else tag
        return TagEvent(
            what=what,
            by=by,
            at=at,
            organisation=tag.organisation,
            tag=tag.id,
            product=product,
            before=before,
            after=after,
        )


def _is_tidy(name: str) -> bool:
    """``name`` is in the form :func:`~infomanager_core.text.printable_text` gives it (NFC, trimmed, printable)."""
    try:
        return name == printable_text(name, field="name")
    except InvalidInput:
        return False
