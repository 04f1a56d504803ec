"""The library's one text rule: what people type is stored trimmed, in NFC, and never with an invisible or
line-breaking character."""

from __future__ import annotations

import ast
import pickle
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, text
from infomanager_core.errors import UnprintableText
from infomanager_core.text import (
    INVISIBLE_FILLERS,
    MAX_EMAIL_LENGTH,
    UNPRINTABLE_CATEGORIES,
    is_email_address,
    is_plain_identifier,
    printable,
    printable_identifier,
    printable_text,
    trimmed,
)
from tests.bad_input.harness import Text
from tests.tags.test_lookalike_names import DEFAULT_IGNORABLE

#: One of each refused kind: control, format (zero-width space, BOM, bidi override, zero-width joiner), a lone
#: surrogate, line and paragraph separators.
UNPRINTABLE = [
    "a\nb",
    "a\tb",
    "\x00",
    "a\u200bb",
    "\ufeffShop",
    "a\u202eb",
    "a\u200db",
    "a\ud800b",
    "a\u2028b",
    "a\u2029b",
]

#: What draws nothing, as the tags' tests write it out (not read from the library).
IGNORABLE = frozenset(DEFAULT_IGNORABLE)

#: Any text, or bits of text with what draws nothing between them: candidate ids.
IDS_WITH_WHAT_DRAWS_NOTHING = st.text(min_size=1) | st.lists(
    st.text(max_size=3) | st.sampled_from(DEFAULT_IGNORABLE)
).map("".join).filter(bool)


@pytest.mark.parametrize("text", UNPRINTABLE)
def test_text_with_an_invisible_or_line_breaking_character_is_refused_naming_field_value_and_character(
    text: str,
) -> None:
    with pytest.raises(UnprintableText) as raised:
        printable_text(text, field="label")
    error = raised.value
    assert isinstance(error, InvalidInput)
    assert (error.field, error.value) == ("label", text)
    assert error.character.startswith("U+")
    assert str(error).startswith(f"label: {text!r} must not contain")


@pytest.mark.parametrize("text", UNPRINTABLE)
def test_an_identifier_with_an_invisible_or_line_breaking_character_is_refused(text: str) -> None:
    with pytest.raises(UnprintableText):
        printable_identifier(text, field="person")


def test_whitespace_and_invisible_fillers_around_text_are_trimmed_but_around_an_identifier_refused() -> None:
    """An id is never changed (that would make it another id), so one that trimming would change is refused: "acme "
    and "acme" would be two organisations, two ledger accounts, printing alike (found by the invoicing-service
    review)."""
    assert printable_text("\u3164 Bakery \u2800\r\n", field="name") == "Bakery"
    for padded in (" web-1", "web-1 ", "web-1\u00a0", "\u3164web-1", "web 1 "):
        with pytest.raises(InvalidInput, match="must not begin or end with a space") as refused:
            printable_identifier(padded, field="product")
        assert refused.value.hint == f"did you mean {padded.strip().strip(INVISIBLE_FILLERS)!r}?"
    assert printable_identifier("web 1", field="product") == "web 1"  # a space inside is kept


def test_an_identifier_typed_with_a_combining_accent_is_refused_naming_its_one_spelling() -> None:
    """ "café" typed as e + U+0301 and as é would be two ids that print alike; names are normalised, ids refused."""
    with pytest.raises(InvalidInput, match="Unicode NFC") as refused:
        printable_identifier("cafe\u0301", field="organisation")
    assert refused.value.hint == "write it as 'caf\u00e9'"
    assert printable_identifier("caf\u00e9", field="organisation") == "caf\u00e9"


def test_the_spelling_an_identifier_is_told_to_use_is_its_nfc_form_and_keeps_a_ligature_as_a_ligature() -> None:
    """NFC, not NFKC: ids compare by code points (full-width "ａｃｍｅ" is another id), so the hint changes nothing else."""
    with pytest.raises(InvalidInput) as refused:
        printable_identifier("\ufb01le\u0301", field="product")
    assert refused.value.hint == "write it as '\ufb01l\u00e9'"


#: Ids refused with a hint, and the hint: the spelling every rule accepts — trimmed, in NFC, without what draws
#: nothing — whichever rule refused it; none when nothing would be left.
HINTED = [
    ("\u034f carl", "did you mean 'carl'?"),  # a joiner, then a space: without the joiner, a space would lead
    ("carl\u034f\u2800", "did you mean 'carl'?"),  # trimmed of the braille blank, the joiner would stay
    ("cafe\u0301 ", "did you mean 'caf\u00e9'?"),  # trimmed, the accent would still be typed apart
    ("cafe\u034f\u0301", "did you mean 'caf\u00e9'?"),  # without the joiner, the accent composes with its e
    ("cafe\u0301\ufe0f", "write it as 'caf\u00e9'"),  # in NFC, the variation selector would stay
    ("\u034f", None),
    ("\ufe0f\U000e0100", None),
]


@pytest.mark.parametrize(("value", "hint"), HINTED, ids=repr)
def test_the_spelling_a_refused_identifier_is_offered_is_one_every_rule_accepts(value: str, hint: str | None) -> None:
    with pytest.raises(InvalidInput) as refused:
        printable_identifier(value, field="person")
    assert refused.value.hint == hint


def offered(hint: str | None) -> str | None:
    """The id a hint offers ("did you mean 'x'?", "write it as 'x'"), or None for another hint or none."""
    found = re.fullmatch(r"(?:did you mean (.*)\?|write it as (.*))", hint or "")
    return None if found is None else ast.literal_eval(found.group(1) or found.group(2))


@given(IDS_WITH_WHAT_DRAWS_NOTHING)
def test_an_identifier_offered_in_a_hint_is_accepted(text: str) -> None:
    try:
        printable_identifier(text, field="id")
    except InvalidInput as refused:
        spelling = offered(refused.hint)
        if spelling is not None:
            assert printable_identifier(spelling, field="id") == spelling


UNPRINTABLE_RULE = "must not contain control, format or line-breaking characters"

#: Ids that break two rules, and the rule each is refused by: the first in the order the rule checks — a string that
#: is not blank, nothing unprintable, nothing to trim, one spelling (NFC), nothing that draws nothing.
BREAKING_TWO_RULES = [
    (5, InvalidInput, "must be a non-empty string"),
    ("carl\n", UnprintableText, f"{UNPRINTABLE_RULE} (found U+000A)"),  # named, though trimming would drop it
    ("carl\t ", UnprintableText, f"{UNPRINTABLE_RULE} (found U+0009)"),
    ("\u200bcarl\ufe0f", UnprintableText, f"{UNPRINTABLE_RULE} (found U+200B)"),
    ("cafe\u0301 ", InvalidInput, "must not begin or end with a space"),
    ("cafe\u0301\ufe0f", InvalidInput, "must be in Unicode NFC, each accented letter written one way"),
]


@pytest.mark.parametrize(("value", "error", "rule"), BREAKING_TWO_RULES, ids=repr)
def test_an_identifier_breaking_two_rules_is_refused_by_the_first_the_rule_checks(
    value: object, error: type[InvalidInput], rule: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        printable_identifier(value, field="person")
    assert type(refused.value) is error
    assert (refused.value.field, refused.value.value, refused.value.rule) == ("person", value, rule)


@given(IDS_WITH_WHAT_DRAWS_NOTHING)
def test_an_identifier_is_accepted_exactly_when_it_is_its_own_printable_trimmed_nfc_form_drawing_all_it_holds(
    text: str,
) -> None:
    canonical = text.isprintable() or all(unicodedata.category(c) not in UNPRINTABLE_CATEGORIES for c in text)
    drawn = not set(text) & IGNORABLE  # a character that draws nothing would make the id print as another
    expected = canonical and trimmed(text) == text and unicodedata.is_normalized("NFC", text) and drawn
    try:
        accepted = printable_identifier(text, field="id") == text
    except InvalidInput:
        accepted = False
    assert accepted == expected
    assert is_plain_identifier(text) <= expected  # the fast path never accepts what the rule refuses


@pytest.mark.parametrize("text", ["", "  ", "\u3164", 5, None])
def test_an_identifier_must_be_a_non_blank_string(text: object) -> None:
    with pytest.raises(InvalidInput, match="must be a non-empty string"):
        printable_identifier(text, field="product")


def test_text_typed_with_a_combining_accent_is_stored_precomposed() -> None:
    assert printable_text("Cafe\u0301", field="name") == "Caf\u00e9"


@given(st.text())
def test_accepted_text_is_trimmed_nfc_and_free_of_unprintable_characters(text: str) -> None:
    try:
        stored = printable_text(text, field="name")
    except UnprintableText:
        return
    assert stored == trimmed(stored)
    assert unicodedata.is_normalized("NFC", stored)
    assert not any(unicodedata.category(c) in UNPRINTABLE_CATEGORIES for c in stored)
    assert printable_text(stored, field="name") == stored


@given(st.text(st.characters(categories=sorted(UNPRINTABLE_CATEGORIES)), min_size=1), st.text(max_size=5))
def test_no_unprintable_character_inside_text_is_ever_accepted(bad: str, around: str) -> None:
    text = "a" + around + bad + around + "b"
    with pytest.raises(UnprintableText):
        printable_text(text, field="name")
    with pytest.raises(UnprintableText):
        printable_identifier(text, field="name")


def test_a_refusal_keeps_its_field_value_and_character_through_pickling() -> None:
    with pytest.raises(UnprintableText) as raised:
        printable_text("a\u2028b", field="name")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (copy.field, copy.value, copy.character, str(copy)) == ("name", "a\u2028b", "U+2028", str(raised.value))


def test_the_text_module_surface_is_pinned() -> None:
    assert text.__all__ == [
        "MAX_EMAIL_LENGTH",
        "is_email_address",
        "printable",
        "printable_text",
    ]


# --- e-mail addresses: one shape, three areas --------------------------------------------------------------------

#: What the text rule trims around an address and ``str.strip`` does not: the invisible fillers, in any mix with spaces.
PADDING = st.text(alphabet=" \t" + INVISIBLE_FILLERS, max_size=4)

EMAILS = st.one_of(
    st.emails(),
    st.text(alphabet="ab.@ \t" + INVISIBLE_FILLERS, max_size=12),
    st.builds(lambda local, domain: f"{local}@{domain}", st.text(min_size=1, max_size=70), st.text(max_size=12)),
    st.builds(lambda before, address, after: before + address + after, PADDING, st.emails(), PADDING),
)


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        ("carl@bakery.example", True),
        ("c@b.ch", True),
        ("carl@localhost", False),
        ("carl@bakery..ch", False),
        ("carl bakery@example.ch", False),
        ("carl@@bakery.ch", False),
        ("@bakery.ch", False),
        ("x" * 64 + "@bakery.ch", True),
        ("x" * 65 + "@bakery.ch", False),
        ("c@" + "b" * 250 + ".ch", False),
        ("o'brien+billing@bakery.example", True),
        ("a,b@bakery.ch", False),  # two addresses to a mail header that writes it unquoted
        ("a<evil@x.ch>@bakery.ch", False),
        ("a;b@bakery.ch", False),
        ('"a"@bakery.ch', False),
        ("a(note)@bakery.ch", False),
        ("a\\b@bakery.ch", False),
        ("a:b@bakery.ch", False),
        ("carl@[10.0.0.1]", False),
        ("carl@bakery.ch,evil.example", False),
    ],
)
def test_an_email_address_has_one_at_a_short_local_part_and_a_dotted_domain(address: str, accepted: bool) -> None:
    assert text.is_email_address(address) is accepted


@given(EMAILS)
def test_paypal_tender_contacts_and_logins_accept_the_same_addresses(address: str) -> None:
    """Each area normalises in its own way (a login's domain is lower-cased, a contact is tidied by the text rule, a
    PayPal destination is kept as given) but asks one rule."""
    from infomanager_core.ledger import PaypalAddress
    from infomanager_core.security import login_email
    from infomanager_core.tenders import contact_email

    def accepts(check: object) -> bool:
        try:
            check(address)  # type: ignore[operator]
        except InvalidInput:
            return False
        return True

    def tidied() -> str | None:
        """The address as the text rule keeps it, None if refused: in NFC, trimmed of whitespace and invisible fillers
        in any mix (where ``str.strip`` stops at a filler), then with no unprintable character left."""
        kept = unicodedata.normalize("NFC", address)
        while kept and (kept[0].isspace() or kept[0] in INVISIBLE_FILLERS):
            kept = kept[1:]
        while kept and (kept[-1].isspace() or kept[-1] in INVISIBLE_FILLERS):
            kept = kept[:-1]
        return None if any(unicodedata.category(character) in UNPRINTABLE_CATEGORIES for character in kept) else kept

    shaped = text.is_email_address(address)
    # a destination is refused, not trimmed, for any character that draws nothing
    drawn = not any(character in INVISIBLE_FILLERS or text.DRAWS_NOTHING.match(character) for character in address)
    printable_as_given = accepts(lambda value: text.printable(value, field="paypal"))
    assert accepts(PaypalAddress) is (shaped and printable_as_given and drawn)
    kept = tidied()
    an_address = kept is not None and text.is_email_address(kept)
    assert accepts(contact_email) is an_address
    if kept == address and an_address:
        assert accepts(login_email)
    if not an_address:
        assert not accepts(login_email)


@pytest.mark.parametrize("check", [printable_text, printable], ids=["printable_text", "printable"])
@pytest.mark.parametrize("value", [None, 5, b"name", ["name"]], ids=repr)
def test_text_that_is_not_a_string_is_refused_naming_field_and_value(check: object, value: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        check(value, field="name")  # type: ignore[operator]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("name", value, "must be a string")


def test_an_address_of_exactly_the_longest_length_is_accepted_and_one_character_more_is_not() -> None:
    domain = ".ch"
    longest = "c@" + "b" * (MAX_EMAIL_LENGTH - 2 - len(domain)) + domain
    assert (len(longest), is_email_address(longest)) == (254, True)
    longer = "c@" + "b" * (MAX_EMAIL_LENGTH - 1 - len(domain)) + domain
    assert (len(longer), is_email_address(longer)) == (255, False)


@pytest.mark.parametrize("value", ["café", "Zürich-1", "日本", "acme\u00e9"])
def test_an_accented_id_already_in_nfc_is_plain_and_accepted_as_given(value: str) -> None:
    assert is_plain_identifier(value) is True
    assert printable_identifier(value, field="organisation") == value


@given(st.text(min_size=1, max_size=20))
def test_a_plain_identifier_is_always_accepted_unchanged(value: str) -> None:
    """The fast path never accepts what the full rule would refuse."""
    if is_plain_identifier(value):
        assert printable_identifier(value, field="id") is value


@pytest.mark.parametrize(
    ("written", "width"),
    [
        ("a", 1),
        ("e\u0301", 1),  # a combining acute accent (Mn) sits on its letter
        ("1\u20dd", 1),  # an enclosing circle (Me) around its digit
        ("\u200f1\u200e", 1),  # bidi marks (Cf) take no column
        ("日本", 4),  # wide (W)
        ("\uffe51", 3),  # the full-width yen sign (F)
    ],
    ids=["letter", "combining", "enclosing", "bidi", "wide", "full-width"],
)
def test_a_terminal_gives_no_column_to_a_mark_and_two_to_a_wide_character(written: str, width: int) -> None:
    assert text.columns(written) == width
    assert text.padded(written, width + 2) == written + "  "
    assert text.padded(written, width + 2, right=True) == "  " + written
    assert text.padded(written, width - 1) == written


@pytest.mark.parametrize("value", [7, b"carl@bakery.example"], ids=repr)
def test_is_email_address_refuses_what_is_no_str_saying_so_and_reads_a_str_subclass_as_its_text(value: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        is_email_address(value)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("text", value, "must be a string")
    assert is_email_address(Text("carl@bakery.example")) is True
