"""Methods of values (a grant, an invitation, a lead time, backup codes…), the last commands of the account and the
ledger's readers over a store."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from infomanager_core.access import Direction, Grant, Invitation
from infomanager_core.access.examples import MONDAY
from infomanager_core.adapters.price_list_toml import load_price_list
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.ledger import check_invariants, sequences_between, transactions_between
from infomanager_core.notifications import LeadTime
from infomanager_core.security import (
    Account,
    CompromiseStep,
    avatar_warnings,
    credential_status,
    hash_secret_set,
    sms_country,
)
from infomanager_core.security.examples import EXAMPLE_COST, EXAMPLE_PASSWORD
from infomanager_core.security.two_factor import shown_backup_code
from tests.refusals import state_of

from . import books
from .harness import EntryPoint
from .more import ANY_TEXT

LATER = books.LATER


def _v(value: object):  # type: ignore[no-untyped-def]
    return lambda: value


def _invitation() -> Invitation:
    return Invitation(
        id="invitation-9",
        partner="agency",
        client="cafe",
        direction=Direction.PARTNER_INVITES_CLIENT,
        requested=Grant.full(),
        sent_by="paula",
        sent_at=MONDAY,
        expires_at=MONDAY + timedelta(days=15),
    )


def _reader():  # type: ignore[no-untyped-def]
    """A reader of a ledger's store, as the period functions take it (left open: the sweep's process ends soon)."""
    return books._ledger().store.reading().__enter__()


_FILES = tempfile.TemporaryDirectory(prefix="bad-input-price-lists-")


def _price_file() -> Path:
    path = Path(_FILES.name) / "prices.toml"
    if not path.exists():
        path.write_text(
            'name = "Example"\n[products.dns]\nfamily = "domain"\nname = "Domain"\npartner_discount = "0.10"\n'
            'degressive = false\nprices = { CHF = { year = "13.00" } }\n',
            encoding="utf-8",
        )
    return path


# Invitation, Partnership and CallForTender are left out: records the registries build from checked input, whose
# constructors check nothing (reported, not changed: the programme builds them on every command).
VALUES = [
    EntryPoint("Grant.covers", Grant.covers, {"product": _v("web-1")}, make=lambda: Grant.limited(["web-1"])),
    EntryPoint("Invitation.status_at", Invitation.status_at, {"at": _v(LATER)}, make=_invitation),
    EntryPoint("Invitation.side", Invitation.side, {"name": _v("partner")}, make=_invitation),
    EntryPoint("LeadTime.before", LeadTime.before, {"due": _v(date(2027, 4, 30))}, make=lambda: LeadTime(months=1)),
    EntryPoint(
        "credential_status",
        credential_status,
        {"credential": lambda: books._account().application_passwords[0], "at": _v(LATER)},
    ),
    EntryPoint(
        "sms_country",
        sms_country,
        {"number": lambda: books._account().profile.phones[0]},
        fields={"number": ("phone",)},
    ),
    EntryPoint(
        "shown_backup_code",
        shown_backup_code,
        {"code": _v("ab2cd3ef")},
        accepts={"code": dict.fromkeys(ANY_TEXT, "shows any text in two halves")},
    ),
    EntryPoint(
        "hash_secret_set",
        hash_secret_set,
        {"secrets_": _v(("ab2cd3ef",)), "cost": _v(EXAMPLE_COST)},
        fields={"secrets_": ("secrets", "secret")},
        accepts={"secrets_": {"empty list": "no secret, no hash"}},
    ),
    EntryPoint(
        "avatar_warnings",
        avatar_warnings,
        {"avatar": lambda: books.Avatar(image="img-1", media_type="image/png", width=160, height=160)},
    ),
    EntryPoint(
        "BackupCodes.used_at",
        lambda codes, index: codes.used_at(index),
        {"index": _v(0)},
        make=lambda: books._account().backup_codes,
        accepts={"index": dict.fromkeys(("zero", "negative int", "huge int"), "a code never used: None")},
    ),
    EntryPoint(
        "CompromiseProcedure.take",
        lambda procedure, step, at: procedure.take(step, at),
        {"step": _v(CompromiseStep.REVOKE_CREDENTIALS), "at": _v(LATER)},
        make=lambda: _compromised().compromise_procedure,
    ),
]


def _compromised() -> Account:
    account = books._account()
    account.compromise_review_settings  # noqa: B018 - a property: the procedure starts with a command below
    account.compromise_change_password(
        EXAMPLE_PASSWORD, "purple monkey dishwasher", "purple monkey dishwasher", at=books.OPENED
    )
    return account


ACCOUNT = [
    EntryPoint(
        f"Account.{method.__name__}",
        method,
        arguments,
        make=make,
        snapshot=state_of,
        fields=books.ACCOUNT_FIELDS,
    )
    for method, arguments, make in (
        (
            Account.compromise_change_password,
            {
                "current": _v(EXAMPLE_PASSWORD),
                "new": _v("purple monkey dishwasher"),
                "confirmation": _v("purple monkey dishwasher"),
                "at": _v(LATER),
            },
            books._account,
        ),
        (Account.remove_avatar, {"at": _v(LATER)}, books._account),
        (Account.revoke_all_api_tokens, {"at": _v(LATER)}, books._account),
        (Account.revoke_all_application_passwords, {"at": _v(LATER)}, books._account),
    )
]

LEDGER = [
    EntryPoint(
        "sequences_between",
        sequences_between,
        {"reader": _reader, "start": _v(books.TODAY), "end": _v(books.TODAY)},
        fields={"start": ("start", "start/end"), "end": ("end", "start/end")},
    ),
    EntryPoint(
        "transactions_between",
        lambda reader, start, end: list(transactions_between(reader, start=start, end=end)),
        {"reader": _reader, "start": _v(books.TODAY), "end": _v(books.TODAY)},
        fields={"start": ("start", "start/end"), "end": ("end", "start/end")},
        accepts={"start": {"None": "open (documented)"}, "end": {"None": "open (documented)"}},
    ),
    EntryPoint("check_invariants", check_invariants, {"store": books._ledger}),
    EntryPoint("statement_csv", statement_csv, {"statement": lambda: books._ledger().statement("acme", "CHF")}),
    EntryPoint("load_price_list", load_price_list, {"path": _price_file}, fields={"path": ("path", "file")}),
]

ENTRY_POINTS = [*VALUES, *ACCOUNT, *LEDGER]
