"""The profile: tidy names of 1-128 characters, a login e-mail, phone numbers, an avatar or the initials."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.errors import BackdatedCommand
from infomanager_core.errors import InvalidInput
from infomanager_core.security import (
    MAX_AVATAR_SIDE,
    RECOMMENDED_AVATAR_SIDE,
    Avatar,
    InvalidAvatar,
    InvalidEmail,
    InvalidPersonName,
    InvalidPhoneNumber,
    Profile,
    SecurityEventKind,
    TooManyPhoneNumbers,
    UnprintablePersonName,
    avatar_warnings,
    initials,
    login_email,
    person_name,
    phone_numbers,
)
from infomanager_core.text import printable_text

from .support import MONDAY, new_account, state_of

E = SecurityEventKind

#: Names people type: letters, marks, spaces, hyphens and apostrophes, of any script.
names = st.text(st.characters(categories=("L", "M", "Zs")) | st.sampled_from("-'."), min_size=1, max_size=140)


def avatar(width: int = 400, height: int = 400) -> Avatar:
    return Avatar(image="img-1", media_type="image/png", width=width, height=height)


@given(name=names)
def test_a_name_is_kept_by_the_text_rule_when_it_has_1_to_128_characters(name: str) -> None:
    tidy = printable_text(name, field="first_name")
    if 1 <= len(tidy) <= 128:
        assert person_name(name, field="first_name") == tidy
    else:
        with pytest.raises(InvalidPersonName) as refused:
            person_name(name, field="first_name")
        assert refused.value.field == "first_name"


@pytest.mark.parametrize(("name", "error"), [("", InvalidPersonName), ("   ", InvalidPersonName),
    ("x" * 129, InvalidPersonName), ("Car\u200bl", UnprintablePersonName), ("Carl\nMartin", UnprintablePersonName),
    (None, InvalidInput)])  # fmt: skip
def test_a_name_outside_the_rule_is_refused_naming_the_field(name: object, error: type[InvalidInput]) -> None:
    with pytest.raises(error) as refused:
        Profile(first_name="Carl", last_name=name, email="carl@bakery.ch")  # type: ignore[arg-type]
    assert refused.value.field == "last_name"


def test_a_name_of_exactly_128_characters_is_kept() -> None:
    assert len(person_name("é" * 128, field="first_name")) == 128


def _first_letter(name: str) -> str:
    return next((c for c in name if unicodedata.category(c)[0] in "LN"), name[0])


@given(first=names, last=names)
def test_initials_start_with_the_first_letter_of_each_name_in_upper_case(first: str, last: str) -> None:
    try:
        profile = Profile(first_name=first, last_name=last, email="a@b.ch")
    except InvalidInput:
        return
    # Compared without their marks: an initial keeps every mark of its letter, which NFD may reorder ("À͓").
    expected = _letters(_first_letter(profile.first_name).upper()) + _letters(_first_letter(profile.last_name).upper())
    assert _letters(profile.initials) == expected


def _letters(text: str) -> str:
    """``text`` decomposed, without its combining marks."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))


@pytest.mark.parametrize(("first", "last", "shown"), [("carl", "martin", "CM"), ("Élodie", "d'Artagnan", "ÉD"),
    ("e\u0301lise", "o\u0308zil", "ÉÖ"), ("李", "小龙", "李小"), ("-Anne", "'Ono", "AO"),
    ("\u00c0\u0353", "a", "\u00c0\u0353A"), ("q\u0301uentin", "q\u0301s", "Q\u0301Q\u0301"), ("…", "--", "…-"),
    ("2Pac", "(4ever)", "24")])  # fmt: skip
def test_initials_are_derived_from_the_names(first: str, last: str, shown: str) -> None:
    assert initials(person_name(first, field="f"), person_name(last, field="l")) == shown


@pytest.mark.parametrize(("address", "kept"), [("carl@bakery.ch", "carl@bakery.ch"),
    (" Carl.Martin@Bakery.CH ", "Carl.Martin@bakery.ch"), ("c+tag@mail.example.co.uk", "c+tag@mail.example.co.uk")])  # fmt: skip
def test_a_login_email_is_trimmed_with_its_domain_in_lower_case(address: str, kept: str) -> None:
    assert login_email(address) == kept


@pytest.mark.parametrize("address", ["carl", "carl@", "@bakery.ch", "carl@bakery", "carl martin@bakery.ch",
    "carl@@bakery.ch", "c@b@bakery.ch", "x" * 65 + "@bakery.ch", "c@" + "b" * 250 + ".ch", "carl\u200b@bakery.ch", 42])  # fmt: skip
def test_an_address_that_is_not_one_is_refused(address: object) -> None:
    with pytest.raises(InvalidEmail) as refused:
        login_email(address)
    assert refused.value.field == "email"


def test_an_address_of_254_characters_is_kept() -> None:
    longest = "c" * 64 + "@" + "b" * 186 + ".ch"
    assert len(longest) == 254
    assert login_email(longest) == longest


def test_five_distinct_phone_numbers_are_kept_in_order() -> None:
    five = [f"+4179123456{i}" for i in range(5)]
    assert [str(n) for n in phone_numbers(five)] == five


def test_an_image_of_1_to_4096_px_a_side_is_accepted() -> None:
    for width, height in ((1, 4096), (4096, 1)):
        image = Avatar(image="img-1", media_type="image/webp", width=width, height=height)
        assert (image.width, image.height) == (width, height)


def test_phone_numbers_are_kept_once_each_and_at_most_five() -> None:
    assert [str(n) for n in phone_numbers(["+41 79 123 45 67", "0041791234567"])] == ["+41791234567"]
    with pytest.raises(TooManyPhoneNumbers):
        phone_numbers([f"+4179123456{i}" for i in range(6)])
    with pytest.raises(TooManyPhoneNumbers):
        phone_numbers("+41791234567")
    with pytest.raises(InvalidPhoneNumber) as refused:
        phone_numbers(["079 123 45 67"])
    assert refused.value.field == "phones"


@given(width=st.integers(1, MAX_AVATAR_SIDE), height=st.integers(1, MAX_AVATAR_SIDE))
def test_an_avatar_under_210_px_a_side_is_accepted_with_a_warning(width: int, height: int) -> None:
    warnings = avatar_warnings(avatar(width, height))
    small = min(width, height) < RECOMMENDED_AVATAR_SIDE
    assert len(warnings) == small
    for warning in warnings:
        assert (warning.width, warning.height, warning.recommended) == (width, height, 210)
        assert "210 px" in warning.message


@pytest.mark.parametrize(("width", "height"), [(209, 400), (400, 209), (210, 210), (210, 4096)])
def test_the_warning_starts_just_under_210_px_a_side(width: int, height: int) -> None:
    # SPEC §8: 210 px a side is recommended; a side of 209 px is accepted with the warning, 210 px without
    assert len(avatar_warnings(avatar(width, height))) == (min(width, height) < 210)


@pytest.mark.parametrize(("arguments", "field"), [({"width": 0}, "width"), ({"height": 4097}, "height"),
    ({"width": 300.0}, "width"), ({"width": True}, "width"), ({"media_type": "image/svg+xml"}, "media_type"),
    ({"image": ""}, "image"), ({"image": "img\n1"}, "image")])  # fmt: skip
def test_an_image_outside_the_bounds_is_refused(arguments: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"image": "img-1", "media_type": "image/png", "width": 300, "height": 300}
    with pytest.raises(InvalidAvatar) as refused:
        Avatar(**{**values, **arguments})  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_account_changes_only_the_fields_given_and_says_which() -> None:
    account = new_account()
    [changed] = account.update_profile(last_name=" Martin-Keller ", email="carl@keller.ch", at=MONDAY)
    assert changed.what is E.PROFILE_CHANGED
    assert changed.detail == ("last_name", "email")
    assert (account.profile.first_name, account.profile.last_name) == ("Carl", "Martin-Keller")
    assert account.update_profile(first_name="Carl", at=MONDAY) == ()
    assert account.security_review(MONDAY).email == "carl@keller.ch"


def test_an_avatar_replaces_the_initials_until_it_is_removed() -> None:
    account = new_account()
    [small] = account.set_avatar(avatar(180, 240), at=MONDAY)
    assert small.what is E.AVATAR_CHANGED
    assert [w.message for w in small.detail] == ["the image is 180 × 240 px; at least 210 px a side is recommended"]
    [large] = account.set_avatar(Avatar(image="img-2", media_type="image/jpeg", width=512, height=512), at=MONDAY)
    assert large.detail == ()
    assert account.profile.avatar is not None
    assert account.set_avatar(account.profile.avatar, at=MONDAY) == ()
    assert [e.what for e in account.remove_avatar(at=MONDAY)] == [E.AVATAR_REMOVED]
    assert account.profile.avatar is None
    assert account.profile.initials == "CM"
    assert account.remove_avatar(at=MONDAY) == ()


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [
        (lambda a: a.update_profile(first_name="", at=MONDAY), InvalidPersonName, "first_name"),
        (
            lambda a: a.update_profile(first_name="Carla", last_name="x" * 129, at=MONDAY),
            InvalidPersonName,
            "last_name",
        ),
        (lambda a: a.update_profile(first_name="Carla", email="carla", at=MONDAY), InvalidEmail, "email"),
        (lambda a: a.update_profile(phones=["+41 79"], at=MONDAY), InvalidPhoneNumber, "phones"),
        (lambda a: a.update_profile(first_name="Carla", at=MONDAY - timedelta(1)), BackdatedCommand, "at"),
        (lambda a: a.set_avatar({"image": "img-1"}, at=MONDAY), InvalidInput, "avatar"),
        (lambda a: a.set_avatar(None, at=MONDAY), InvalidInput, "avatar"),  # removing the avatar is remove_avatar
    ],
)
def test_bad_input_is_refused_by_name_and_changes_nothing(command, error, field) -> None:  # type: ignore[no-untyped-def]
    account = new_account()
    before = state_of(account)
    with pytest.raises(error) as refused:
        command(account)
    assert refused.value.field == field
    assert state_of(account) == before


def test_a_profile_change_says_what_each_field_was_and_became_so_the_old_login_address_can_be_warned() -> None:
    account = new_account()
    old = account.profile
    [changed] = account.update_profile(email="carl@keller.ch", phones=[], at=MONDAY)
    assert changed.detail == ("email", "phones")
    assert (changed.before, changed.after) == (old, account.profile)
    assert (changed.before.email, changed.after.email) == (old.email, "carl@keller.ch")


def test_an_avatar_change_says_which_image_it_replaced() -> None:
    account = new_account()
    [first] = account.set_avatar(avatar(300, 300), at=MONDAY)
    second_image = Avatar(image="img-2", media_type="image/jpeg", width=512, height=512)
    [second] = account.set_avatar(second_image, at=MONDAY)
    [removed] = account.remove_avatar(at=MONDAY)
    assert (first.before, first.after) == (None, avatar(300, 300))
    assert (second.before, second.after) == (avatar(300, 300), second_image)
    assert (removed.before, removed.after) == (second_image, None)
