"""Tags: created unattached, put on products of their organisation, renamed, recoloured, deleted — seen by whoever
reaches the product."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.access import (
    AccessDenied,
    Grant,
    InvalidMoment,
    ProductOfAnotherOrganisation,
    Programme,
    UnknownOrganisation,
    UnknownPerson,
    UnknownProduct,
    can_reach_product,
)
from infomanager_core.tags import (
    DuplicateTagName,
    EmptyTagName,
    InvalidTagRules,
    TagCount,
    TagEventKind,
    Tagging,
    TagNameTooLong,
    TagRules,
    UnknownColour,
    UnknownTag,
    can_create_tags,
    can_manage_tags,
    name_key,
)
from tests.access.world import CLIENTS, OWNER, PEOPLE, PRODUCTS, START, make_world, managed_world, managed_worlds

AT = START


def bakery_tagging(grant: Grant | None = None) -> Tagging:
    """The bakery's products, managed by the agency with ``grant`` (full access by default); uma assigned."""
    return Tagging(managed_world({"bakery": grant or Grant.full()}, (("uma", "bakery"),)))


def create(tagging: Tagging, name: str, organisation: str = "bakery", colour: int = 0, by: str = "carl") -> str:
    [event] = tagging.create(organisation, name, colour=colour, by=by, at=AT)
    return event.tag


class TestLifecycle:
    def test_a_new_tag_is_trimmed_and_attached_to_nothing(self) -> None:
        tagging = bakery_tagging()
        [event] = tagging.create("bakery", "  Shop  ", colour=3, by="cleo", at=AT)
        assert (event.what, event.before, event.by, event.at) == (TagEventKind.CREATED, None, "cleo", AT)
        assert event.after == tagging.tag(event.tag)
        assert tagging.tag(event.tag).name == "Shop"
        assert tagging.list_tags("bakery", by="carl") == (TagCount(tagging.tag(event.tag), 0),)

    def test_tags_are_listed_by_name_with_how_many_products_carry_each(self) -> None:
        tagging = bakery_tagging()
        shop, archive = create(tagging, "shop"), create(tagging, "Archive")
        for product in ("b-web-1", "b-web-2"):
            tagging.attach(shop, product, by="carl", at=AT)
        listed = [(count.tag.name, count.products) for count in tagging.list_tags("bakery", by="carl")]
        assert listed == [("Archive", 0), ("shop", 2)]
        assert tagging.products_with(shop, by="carl") == ("b-web-1", "b-web-2")
        assert archive in {t.id for t in tagging.tags}

    def test_a_rename_keeps_every_attachment(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        tagging.attach(shop, "b-web-1", by="carl", at=AT)
        [event] = tagging.rename(shop, "Shop front", by="carl", at=AT)
        assert (event.before.name, event.after.name) == ("shop", "Shop front")
        assert [t.name for t in tagging.tags_of("b-web-1", by="carl")] == ["Shop front"]

    def test_a_change_of_case_is_a_rename_and_the_same_name_is_no_change(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        assert tagging.rename(shop, "  shop ", by="carl", at=AT) == ()
        [event] = tagging.rename(shop, "SHOP", by="carl", at=AT)
        assert event.what is TagEventKind.RENAMED

    def test_recolouring_changes_only_the_colour(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop", colour=1)
        [event] = tagging.recolour(shop, 7, by="carl", at=AT)
        assert (event.before.colour, event.after.colour, event.after.name) == (1, 7, "shop")
        assert tagging.recolour(shop, 7, by="carl", at=AT) == ()

    def test_deleting_a_tag_removes_it_from_every_product_with_an_event_each(self) -> None:
        tagging = bakery_tagging()
        shop, other = create(tagging, "shop"), create(tagging, "other")
        for product in ("b-web-1", "b-mail-1"):
            tagging.attach(shop, product, by="carl", at=AT)
            tagging.attach(other, product, by="carl", at=AT)
        events = tagging.delete(shop, by="carl", at=AT)
        assert [(e.what, e.product) for e in events] == [
            (TagEventKind.DETACHED, "b-mail-1"),
            (TagEventKind.DETACHED, "b-web-1"),
            (TagEventKind.DELETED, None),
        ]
        assert events[-1].after is None
        for product in ("b-web-1", "b-mail-1"):
            assert [t.id for t in tagging.tags_of(product, by="carl")] == [other]
        with pytest.raises(UnknownTag):
            tagging.tag(shop)
        create(tagging, "SHOP")  # the name is free again
        tagging.check_invariants()

    def test_attaching_twice_or_detaching_what_is_not_there_changes_nothing(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        [attached] = tagging.attach(shop, "b-web-1", by="carl", at=AT)
        assert (attached.what, attached.product) == (TagEventKind.ATTACHED, "b-web-1")
        assert tagging.attach(shop, "b-web-1", by="carl", at=AT) == ()
        [detached] = tagging.detach(shop, "b-web-1", by="carl", at=AT)
        assert detached.what is TagEventKind.DETACHED
        assert tagging.detach(shop, "b-web-1", by="carl", at=AT) == ()

    def test_a_tag_attached_then_detached_leaves_the_tagging_as_it_was(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        before = copy.deepcopy(tagging)
        tagging.attach(shop, "b-web-1", by="carl", at=AT)
        tagging.detach(shop, "b-web-1", by="carl", at=AT)
        assert tagging == before

    def test_tags_are_in_alphabetical_order_whatever_the_case_of_their_first_letter(self) -> None:
        tagging = bakery_tagging()
        for name in ("banana", "Cherry", "apple"):
            tagging.attach(create(tagging, name), "b-web-1", by="carl", at=AT)
        assert [count.tag.name for count in tagging.list_tags("bakery", by="carl")] == ["apple", "banana", "Cherry"]
        assert [tag.name for tag in tagging.tags_of("b-web-1", by="carl")] == ["apple", "banana", "Cherry"]


class TestPartners:
    def test_partner_staff_tag_a_client_product_and_the_tag_belongs_to_the_client(self) -> None:
        tagging = bakery_tagging(Grant.limited({"b-web-1"}))
        [created] = tagging.create("bakery", "Migrated", colour=5, by="uma", at=AT)
        tagging.attach(created.tag, "b-web-1", by="uma", at=AT)
        assert tagging.tag(created.tag).organisation == "bakery"
        assert [t.name for t in tagging.tags_of("b-web-1", by="carl")] == ["Migrated"]
        assert [t.name for t in tagging.tags_of("b-web-1", by="uma")] == ["Migrated"]

    def test_limited_access_tags_only_the_managed_products(self) -> None:
        tagging = bakery_tagging(Grant.limited({"b-web-1"}))
        shop = create(tagging, "shop")
        with pytest.raises(AccessDenied) as raised:
            tagging.attach(shop, "b-web-2", by="paula", at=AT)
        assert raised.value.decision.reason.code == "product-not-managed"
        with pytest.raises(AccessDenied):
            tagging.tags_of("b-web-2", by="paula")

    def test_limited_access_does_not_manage_the_client_s_tags_as_a_whole(self) -> None:
        tagging = bakery_tagging(Grant.limited({"b-web-1"}))
        shop = create(tagging, "shop")
        for command in (
            lambda: tagging.rename(shop, "x", by="paula", at=AT),
            lambda: tagging.recolour(shop, 2, by="paula", at=AT),
            lambda: tagging.delete(shop, by="paula", at=AT),
        ):
            with pytest.raises(AccessDenied) as raised:
                command()
            assert raised.value.decision.reason.code == "partner-limited-access"
        assert tagging.list_tags("bakery", by="paula") == (), "the client's unattached tag is not the partner's to see"

    def test_full_access_manages_the_client_s_tags(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        assert can_manage_tags(tagging.access, "adam", "bakery").reason.code == "partner-full-access"
        tagging.rename(shop, "Shop", by="adam", at=AT)
        tagging.delete(shop, by="paula", at=AT)

    def test_strangers_neither_see_nor_create(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        for person in ("sam", "dora", "nobody"):
            with pytest.raises(AccessDenied):
                tagging.tags_of("b-web-1", by=person)
            with pytest.raises(AccessDenied):
                tagging.create("bakery", "mine", colour=0, by=person, at=AT)
            assert tagging.products_with(shop, by=person) == ()

    def test_an_ended_partnership_takes_the_tags_out_of_sight(self) -> None:
        tagging = bakery_tagging()
        shop = create(tagging, "shop")
        tagging.attach(shop, "b-web-1", by="adam", at=AT)
        partnership = tagging.access.active_partnership("bakery")
        assert partnership is not None
        tagging.access.end(partnership.id, by="carl", at=AT)
        with pytest.raises(AccessDenied):
            tagging.tags_of("b-web-1", by="adam")
        assert [t.id for t in tagging.tags_of("b-web-1", by="cleo")] == [shop]


class TestNamesAndColours:
    @pytest.mark.parametrize("name", ["", "   ", "\t\n"])
    def test_empty_names_are_refused(self, name: str) -> None:
        with pytest.raises(EmptyTagName):
            bakery_tagging().create("bakery", name, colour=0, by="carl", at=AT)

    def test_names_have_at_most_32_characters_once_trimmed(self) -> None:
        tagging = bakery_tagging()
        create(tagging, "  " + "x" * 32 + "  ")
        with pytest.raises(TagNameTooLong):
            create(tagging, "y" * 33)

    def test_the_length_limits_are_configurable(self) -> None:
        tagging = Tagging(make_world(), rules=TagRules(min_length=2, max_length=5))
        with pytest.raises(EmptyTagName):
            create(tagging, "a")
        with pytest.raises(TagNameTooLong):
            create(tagging, "abcdef")
        create(tagging, "abcde")

    def test_the_rules_may_ask_for_names_of_one_exact_length(self) -> None:
        tagging = Tagging(make_world(), rules=TagRules(min_length=3, max_length=3))
        create(tagging, "abc")
        with pytest.raises(EmptyTagName):
            create(tagging, "ab")
        with pytest.raises(TagNameTooLong):
            create(tagging, "abcd")

    @pytest.mark.parametrize("existing", ["Shop", "SHOP", " shop "])
    def test_names_are_unique_within_an_organisation_ignoring_case(self, existing: str) -> None:
        tagging = bakery_tagging()
        first = create(tagging, existing)
        with pytest.raises(DuplicateTagName) as raised:
            create(tagging, "shop")
        assert raised.value.existing == first
        create(tagging, "shop", organisation="dental", by="dora")

    def test_a_rename_cannot_take_another_tag_s_name(self) -> None:
        tagging = bakery_tagging()
        create(tagging, "Shop")
        other = create(tagging, "Other")
        with pytest.raises(DuplicateTagName):
            tagging.rename(other, "sHoP", by="carl", at=AT)

    @pytest.mark.parametrize("colour", [-1, 10, True, "1", 1.0, None])
    def test_a_colour_is_an_index_into_the_palette(self, colour: object) -> None:
        with pytest.raises(UnknownColour):
            bakery_tagging().create("bakery", "shop", colour=colour, by="carl", at=AT)  # type: ignore[arg-type]

    def test_the_palette_is_configurable(self) -> None:
        tagging = Tagging(make_world(), rules=TagRules(palette=("red", "green")))
        create(tagging, "ok", colour=1)
        with pytest.raises(UnknownColour):
            create(tagging, "no", colour=2)

    @pytest.mark.parametrize(
        "fields", [{"min_length": 0}, {"max_length": 0}, {"palette": ()}, {"palette": ["red"]}, {"max_length": True}]
    )
    def test_unworkable_rules_are_refused(self, fields: dict[str, object]) -> None:
        with pytest.raises(InvalidTagRules):
            TagRules(**fields)  # type: ignore[arg-type]


NAIVE = datetime(2026, 1, 5, 9)

BAD: dict[str, tuple[type[InfomanagerError], Callable[[Tagging], object]]] = {
    "empty name": (EmptyTagName, lambda t: t.create("bakery", " ", colour=0, by="carl", at=AT)),
    "long name": (TagNameTooLong, lambda t: t.create("bakery", "z" * 40, colour=0, by="carl", at=AT)),
    "name not text": (InvalidInput, lambda t: t.create("bakery", 42, colour=0, by="carl", at=AT)),  # type: ignore[arg-type]
    "duplicate": (DuplicateTagName, lambda t: t.create("bakery", "SHOP", colour=0, by="carl", at=AT)),
    "duplicate rename": (DuplicateTagName, lambda t: t.rename("tag-2", "shop", by="carl", at=AT)),
    "unknown colour": (UnknownColour, lambda t: t.recolour("tag-1", 99, by="carl", at=AT)),
    "product of another organisation": (
        ProductOfAnotherOrganisation,
        lambda t: t.attach("tag-1", "d-web-1", by="dora", at=AT),
    ),
    "unknown product": (UnknownProduct, lambda t: t.attach("tag-1", "nope", by="carl", at=AT)),
    "unknown tag": (UnknownTag, lambda t: t.delete("tag-99", by="carl", at=AT)),
    "unknown organisation": (UnknownOrganisation, lambda t: t.create("nope", "x", colour=0, by="carl", at=AT)),
    "unknown person": (UnknownPerson, lambda t: t.attach("tag-1", "b-web-1", by="ghost", at=AT)),
    "naive moment": (InvalidMoment, lambda t: t.delete("tag-1", by="carl", at=NAIVE)),
    "not allowed": (AccessDenied, lambda t: t.delete("tag-1", by="sam", at=AT)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_raises_a_typed_error_and_changes_nothing(case: str) -> None:
    tagging = bakery_tagging()
    shop = create(tagging, "shop")
    create(tagging, "other")
    tagging.attach(shop, "b-web-1", by="carl", at=AT)
    before = copy.deepcopy(tagging)
    error, command = BAD[case]
    with pytest.raises(error):
        command(tagging)
    assert tagging == before


COMMANDS_AT = {
    "create": lambda t, at: t.create("bakery", "New", colour=0, by="sam", at=at),
    "rename": lambda t, at: t.rename("tag-1", "New", by="sam", at=at),
    "recolour": lambda t, at: t.recolour("tag-1", 2, by="sam", at=at),
    "attach": lambda t, at: t.attach("tag-2", "b-web-1", by="sam", at=at),
    "detach": lambda t, at: t.detach("tag-1", "b-web-1", by="sam", at=at),
    "delete": lambda t, at: t.delete("tag-1", by="sam", at=at),
}


@pytest.mark.parametrize("command", sorted(COMMANDS_AT))
def test_a_moment_without_a_zone_is_refused_as_such_before_who_acts_is_read(command: str) -> None:
    """sam may do none of these to the bakery's tags: the malformed moment is still what is refused, as bad input is."""
    tagging = bakery_tagging()
    shop = create(tagging, "shop")
    create(tagging, "other")
    tagging.attach(shop, "b-web-1", by="carl", at=AT)
    before = copy.deepcopy(tagging)
    with pytest.raises(InvalidMoment) as raised:
        COMMANDS_AT[command](tagging, NAIVE)
    assert raised.value.field == "at"
    assert tagging == before


@pytest.mark.parametrize(
    "ask",
    [
        lambda t: t.create("nope", "x", colour=0, by="carl", at=AT),
        lambda t: t.list_tags("nope", by="carl"),
        lambda t: can_create_tags(t.access, "carl", "nope"),
        lambda t: can_manage_tags(t.access, "paula", "nope"),
    ],
    ids=["create", "list_tags", "can_create_tags", "can_manage_tags"],
)
def test_an_unknown_organisation_is_refused_under_the_name_the_caller_gave_it(ask: Callable[[Tagging], object]) -> None:
    tagging = bakery_tagging()
    with pytest.raises(UnknownOrganisation) as raised:
        ask(tagging)
    assert (raised.value.field, raised.value.value) == ("organisation", "nope")


# -- properties over random sequences of commands --------------------------------------------------------------------

NAMES = st.sampled_from(["shop", "Shop", " SHOP ", "archive", "Archive", "web", "Straße", "STRASSE", "", "x" * 33])
COLOURS = st.integers(-1, 10)
TAGS = st.integers(1, 4)
CREATE = st.tuples(st.just("create"), st.sampled_from((*CLIENTS, *CLIENTS, "agency")), NAMES, COLOURS)
COMMANDS = st.one_of(
    CREATE,
    st.tuples(st.just("rename"), TAGS, NAMES),
    st.tuples(st.just("recolour"), TAGS, COLOURS),
    st.tuples(st.just("attach"), TAGS, st.none() | st.sampled_from(PRODUCTS)),
    st.tuples(st.just("attach"), TAGS, st.none() | st.sampled_from(PRODUCTS)),
    st.tuples(st.just("detach"), TAGS, st.none() | st.sampled_from(PRODUCTS)),
    st.tuples(st.just("delete"), TAGS),
)
LEGAL_REPRESENTATIVE_OF = {"bakery": "carl", "dental": "dora", "cafe": "fred", "agency": "paula"}


def run(tagging: Tagging, command: tuple[object, ...], by: str | None) -> None:
    """Run one command; ``by=None`` stands for a legal representative of the organisation concerned."""
    kind, *args = command
    if kind == "create":
        organisation, name, colour = args
        actor = by or LEGAL_REPRESENTATIVE_OF[str(organisation)]
        tagging.create(organisation, name, colour=colour, by=actor, at=AT)  # type: ignore[arg-type]
        return
    tag = f"tag-{args[0]}"
    known = tag in {t.id for t in tagging.tags}
    actor = by or (LEGAL_REPRESENTATIVE_OF[tagging.tag(tag).organisation] if known else "carl")
    if kind in ("attach", "detach") and args[1] is None:
        own = [p for p in PRODUCTS if known and OWNER[p] == tagging.tag(tag).organisation] or ["b-web-1"]
        args[1] = own[int(str(args[0])) % len(own)]
    if kind == "rename":
        tagging.rename(tag, args[1], by=actor, at=AT)  # type: ignore[arg-type]
    elif kind == "recolour":
        tagging.recolour(tag, args[1], by=actor, at=AT)  # type: ignore[arg-type]
    elif kind == "attach":
        tagging.attach(tag, args[1], by=actor, at=AT)  # type: ignore[arg-type]
    elif kind == "detach":
        tagging.detach(tag, args[1], by=actor, at=AT)  # type: ignore[arg-type]
    else:
        tagging.delete(tag, by=actor, at=AT)


def driven(programme: Programme, commands: list[tuple[tuple[object, ...], str | None]]) -> Tagging:
    """Run ``commands`` (each with its actor); a refused one must change nothing; invariants hold after each."""
    tagging = Tagging(programme)
    for command, by in commands:
        before = copy.deepcopy(tagging)
        try:
            run(tagging, command, by)
        except InfomanagerError as error:
            event(f"{command[0]}: {type(error).__name__}")
            assert tagging == before
        else:
            event(f"{command[0]}: done")
        tagging.check_invariants()
    return tagging


#: ``None`` (the right person) half of the time, anyone else otherwise.
ACTORS = st.sampled_from(
    (None, None, None, None, None, None, None, "carl", "dora", "paula", "adam", "uma", "cleo", "sam")
)
SCRIPTS = st.builds(
    lambda first, rest: first + rest,
    st.lists(st.tuples(CREATE, st.none()), min_size=1, max_size=4),
    st.lists(st.tuples(COMMANDS, ACTORS), max_size=25),
)


@given(managed_worlds(), SCRIPTS)
def test_what_a_person_sees_of_tags_is_exactly_what_access_lets_them_reach(
    programme: Programme, commands: list[tuple[tuple[object, ...], str | None]]
) -> None:
    tagging = driven(programme, commands)
    on_product = {
        p: {t.id for t in tagging.tags if p in tagging.products_with(t.id, by=_owner_lr(p))} for p in PRODUCTS
    }
    for person in PEOPLE:
        for product in PRODUCTS:
            if can_reach_product(programme, person, product).allowed:
                assert {t.id for t in tagging.tags_of(product, by=person)} == on_product[product]
            else:
                with pytest.raises(AccessDenied):
                    tagging.tags_of(product, by=person)
        for tag in tagging.tags:
            seen = tagging.products_with(tag.id, by=person)
            assert all(can_reach_product(programme, person, p).allowed for p in seen)


def _owner_lr(product: str) -> str:
    return {"bakery": "carl", "dental": "dora", "cafe": "fred"}[OWNER[product]]


@given(managed_worlds(), SCRIPTS, st.integers(1, 8))
def test_a_deleted_tag_is_on_no_product(
    programme: Programme, commands: list[tuple[tuple[object, ...], str | None]], number: int
) -> None:
    tagging = driven(programme, commands)
    tag = f"tag-{number}"
    if tag not in {t.id for t in tagging.tags}:
        return
    owner_lr = {"bakery": "carl", "dental": "dora", "cafe": "fred"}.get(tagging.tag(tag).organisation)
    if owner_lr is None:
        return
    tagging.delete(tag, by=owner_lr, at=AT)
    for product in PRODUCTS:
        assert tag not in {t.id for t in tagging.tags_of(product, by=_owner_lr(product))}
    with pytest.raises(UnknownTag):
        tagging.products_with(tag, by=owner_lr)
    tagging.check_invariants()


@given(managed_worlds(), SCRIPTS, st.integers(1, 8), NAMES)
def test_a_rename_keeps_every_attachment(
    programme: Programme, commands: list[tuple[tuple[object, ...], str | None]], number: int, name: str
) -> None:
    tagging = driven(programme, commands)
    tag = f"tag-{number}"
    if tag not in {t.id for t in tagging.tags} or tagging.tag(tag).organisation not in ("bakery", "dental", "cafe"):
        return
    by = {"bakery": "carl", "dental": "dora", "cafe": "fred"}[tagging.tag(tag).organisation]
    carried = tagging.products_with(tag, by=by)
    try:
        tagging.rename(tag, name, by=by, at=AT)
    except InvalidInput:
        return
    assert tagging.products_with(tag, by=by) == carried
    assert tagging.tag(tag).name == name.strip()


@given(managed_worlds(), SCRIPTS)
def test_names_stay_unique_within_an_organisation_ignoring_case(
    programme: Programme, commands: list[tuple[tuple[object, ...], str | None]]
) -> None:
    tagging = driven(programme, commands)
    keys = [(t.organisation, name_key(t.name)) for t in tagging.tags]
    assert len(keys) == len(set(keys))


#: Every method of the tagging that takes ``by``, with good arguments (``by`` is replaced by an unknown person).
BY_CALLS: dict[str, Callable[[Tagging, str], object]] = {
    "create": lambda t, by: t.create("bakery", "new", colour=0, by=by, at=AT),
    "rename": lambda t, by: t.rename("tag-1", "renamed", by=by, at=AT),
    "recolour": lambda t, by: t.recolour("tag-1", 2, by=by, at=AT),
    "delete": lambda t, by: t.delete("tag-1", by=by, at=AT),
    "attach": lambda t, by: t.attach("tag-1", "b-web-2", by=by, at=AT),
    "detach": lambda t, by: t.detach("tag-1", "b-web-1", by=by, at=AT),
    "tags_of": lambda t, by: t.tags_of("b-web-1", by=by),
    "products_with": lambda t, by: t.products_with("tag-1", by=by),
    "list_tags": lambda t, by: t.list_tags("bakery", by=by),
}


@pytest.mark.parametrize("method", sorted(BY_CALLS))
def test_an_unknown_actor_is_refused_naming_by_as_the_programme_does(method: str) -> None:
    """A tagging method takes no ``person``: an unknown ``by`` was reported as field ``person``."""

    def tagging_with_a_tag() -> Tagging:
        tagging = bakery_tagging()
        tagging.attach(create(tagging, "shop"), "b-web-1", by="carl", at=AT)
        return tagging

    BY_CALLS[method](tagging_with_a_tag(), "carl")  # the call is good with a known person
    tagging = tagging_with_a_tag()
    before = copy.deepcopy(tagging)
    with pytest.raises(UnknownPerson) as refused:
        BY_CALLS[method](tagging, "ghost")
    assert refused.value.field == "by"
    assert str(refused.value).startswith("by: 'ghost' is not a known person")
    assert tagging == before


def test_the_by_calls_cover_every_method_of_the_tagging_that_takes_by() -> None:
    import inspect

    takes_by = {
        name
        for name, member in inspect.getmembers(Tagging, inspect.isfunction)
        if not name.startswith("_") and "by" in inspect.signature(member).parameters
    }
    assert takes_by == set(BY_CALLS)
