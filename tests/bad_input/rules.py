"""Entry points without state in the other areas: access values and rules, notifications, tenders, security, tags and
the ledger's functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from infomanager_core import Money
from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    Partnership,
    PaymentMeans,
    Person,
    Role,
    billing_currency,
    hostings_of_family,
    order_outcome,
)
from infomanager_core.access.examples import example_programme
from infomanager_core.ledger import AccountKind, cashback_key, metadata, prepaid, system
from infomanager_core.notifications import (
    LeadTime,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    auto_renewal_deadline,
    lead_times,
    notification_schedule,
    start_of_day,
)
from infomanager_core.security import (
    PasswordPolicy,
    PhoneNumber,
    ScryptCost,
    credential_name,
    hash_secret,
    login_email,
    normal_backup_code,
    password_text,
    person_name,
    phone_number,
    phone_numbers,
    token_scopes,
)
from infomanager_core.tags import TagRules, can_create_tags, can_tag_product, tag_colour, tag_name
from infomanager_core.tenders import Contact, TenderRules, contact_email, contact_phone, proposal_price

from .harness import EntryPoint

ZURICH = ZoneInfo("Europe/Zurich")
AT = datetime(2027, 1, 10, 9, 0, tzinfo=ZURICH)


def _v(value: object):  # type: ignore[no-untyped-def]
    return lambda: value


def _partnership() -> Partnership:
    grant = Grant.full(PaymentMeans.PARTNER)
    since = datetime(2026, 1, 5, tzinfo=UTC)
    return Partnership(
        id="p", partner="acme", client="bakery", requested=grant, granted=grant, since=since, invitation="i"
    )


def _bakery() -> Organisation:
    return Organisation(
        id="bakery",
        name="Bakery",
        country="FR",
        members={"carl": Role.LEGAL_REPRESENTATIVE},
        products=[HeldProduct(id="web-1", code="web-hosting", family="web-hosting")],
    )


#: ``field`` is the caller's label for its own form field, not input.
LABEL = frozenset({"field"})

CHEAP = ScryptCost(n=2**4, r=1, p=1)

ACCESS = [
    EntryPoint("Grant.limited", Grant.limited, {"products": _v(["web-1"])}),
    EntryPoint("Grant.full", Grant.full, {"payment_means": _v(PaymentMeans.PARTNER)}),
    EntryPoint("Person", Person, {"id": _v("carl"), "name": _v("Carl")}),
    EntryPoint("HeldProduct", HeldProduct, {"id": _v("web-1"), "code": _v("web-hosting"), "family": _v("web-hosting")}),
    EntryPoint(
        "Organisation",
        Organisation,
        {
            "id": _v("bakery"),
            "name": _v("Bakery"),
            "country": _v("FR"),
            "members": _v({"carl": Role.LEGAL_REPRESENTATIVE}),
            "partner": _v(False),
            "products": lambda: [HeldProduct(id="web-1", code="web-hosting", family="web-hosting")],
        },
    ),
    EntryPoint(
        "order_outcome",
        order_outcome,
        {"client": _v("bakery"), "placed_by": _v("acme"), "partnership": _partnership, "product": _v("web-1")},
    ),
    EntryPoint(
        "billing_currency",
        billing_currency,
        {"organisation": _bakery, "by_country": _v({"CH": "CHF"}), "otherwise": _v("EUR")},
    ),
    EntryPoint("hostings_of_family", hostings_of_family, {"organisation": _bakery, "family": _v("web-hosting")}),
    EntryPoint(
        "can_tag_product",
        can_tag_product,
        {"programme": example_programme, "person": _v("uma"), "product": _v("web-1")},
    ),
    EntryPoint(
        "can_create_tags",
        can_create_tags,
        {"programme": example_programme, "person": _v("uma"), "organisation": _v("bakery")},
    ),
]

NOTIFICATIONS = [
    EntryPoint("LeadTime", LeadTime, {"months": _v(1), "days": _v(3)}),
    EntryPoint("LeadTime.weeks", LeadTime.weeks, {"weeks": _v(2)}),
    EntryPoint("ReminderPreferences", ReminderPreferences, {"enabled": _v(True), "lead_times": _v([LeadTime(days=7)])}),
    EntryPoint("ProductPreferences", ProductPreferences, {"reminders": ReminderPreferences, "auto_renewal": _v(True)}),
    EntryPoint("NotificationRules", NotificationRules, {"auto_renewal_days": _v(14)}),
    EntryPoint("lead_times", lead_times, {"value": _v([LeadTime(days=7)])}),
    EntryPoint(
        "notification_schedule",
        notification_schedule,
        {
            "product": _v("web-1"),
            "due": _v(date(2027, 4, 30)),
            "preferences": ProductPreferences,
            "at": _v(AT),
            "zone": _v(ZURICH),
            "rules": NotificationRules,
        },
    ),
    EntryPoint("start_of_day", start_of_day, {"day": _v(date(2027, 4, 30)), "zone": _v(ZURICH)}),
    EntryPoint(
        "auto_renewal_deadline",
        auto_renewal_deadline,
        {"due": _v(date(2027, 4, 30)), "zone": _v(ZURICH), "rules": NotificationRules},
    ),
]

TENDERS = [
    EntryPoint(
        "Contact",
        Contact,
        {"name": _v("Carl Baker"), "email": _v("carl@bakery.example"), "phone": _v("+41 21 555 01 23")},
    ),
    EntryPoint(
        "TenderRules",
        TenderRules,
        {
            "validity": _v(timedelta(days=7)),
            "title_length": _v(120),
            "description_length": _v(5000),
            "proposal_length": _v(5000),
            "excerpt_length": _v(280),
        },
    ),
    EntryPoint("contact_email", contact_email, {"value": _v("carl@bakery.example")}),
    EntryPoint("contact_phone", contact_phone, {"value": _v("+41 21 555 01 23")}),
    EntryPoint("proposal_price", proposal_price, {"price": lambda: Money("4800.00", "CHF")}),
]

SECURITY = [
    EntryPoint("phone_number", phone_number, {"value": _v("+41 79 123 45 67")}, unspoiled=LABEL),
    EntryPoint("phone_numbers", phone_numbers, {"value": _v(["+41 79 123 45 67"])}),
    EntryPoint("PhoneNumber", PhoneNumber, {"e164": _v("+41791234567")}),
    EntryPoint(
        "password_text",
        password_text,
        {"value": _v("correct horse battery"), "policy": PasswordPolicy},
        unspoiled=LABEL,
    ),
    EntryPoint("PasswordPolicy", PasswordPolicy, {"min_length": _v(12), "max_length": _v(256)}),
    EntryPoint("ScryptCost", ScryptCost, {"n": _v(2**4), "r": _v(1), "p": _v(1)}),
    EntryPoint("hash_secret", hash_secret, {"secret": _v("abc"), "cost": _v(CHEAP)}),
    EntryPoint("login_email", login_email, {"value": _v("carl@bakery.ch")}, unspoiled=LABEL),
    EntryPoint("token_scopes", token_scopes, {"value": _v(["mail"])}),
    EntryPoint("person_name", lambda value: person_name(value, field="first_name"), {"value": _v("Carl")}),
    EntryPoint("credential_name", credential_name, {"value": _v("Laptop")}, unspoiled=LABEL),
    EntryPoint("normal_backup_code", normal_backup_code, {"value": _v("2345-6789")}),
]

TAGS = [
    EntryPoint("tag_name", tag_name, {"name": _v("Shop"), "rules": TagRules}),
    EntryPoint("tag_colour", tag_colour, {"colour": _v(3), "rules": TagRules}),
    EntryPoint("TagRules", TagRules, {"min_length": _v(1), "max_length": _v(32), "palette": _v(("#9e9e9e",))}),
]

LEDGER = [
    EntryPoint("prepaid", prepaid, {"organisation": _v("acme"), "code": _v("CHF")}),
    EntryPoint("system", system, {"kind": _v(AccountKind.PAYOUTS_IN_TRANSIT), "code": _v("CHF")}),
    EntryPoint("cashback_key", cashback_key, {"order_id": _v("ORD-1")}),
    EntryPoint("metadata", metadata, {"values": _v({"order": "ORD-1", "reason": None})}),
]

ENTRY_POINTS = [*ACCESS, *NOTIFICATIONS, *TENDERS, *SECURITY, *TAGS, *LEDGER]
