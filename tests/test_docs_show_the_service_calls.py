"""The pages an invoicing service is built from name every call it makes and what its threads may share (review48).

A billing team builds its service from ``README.md`` and ``docs/*.md`` alone. The ledger's and the billing
notifications' methods are each named on their page, and the one programme command a checkout leaves to its caller,
recording the products an order installed, is shown called where the checkout says so: without them the team read
the source (``prepaid_balances``, ``set_product_reminders``) or guessed a signature (``Programme.add_product``). The
tender board's and the tagging's methods are named on theirs too (review76: ``calls_of`` and ``proposals_by`` were
not).
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from infomanager_core.ledger import Ledger, LedgerReader
from infomanager_core.notifications import BillingNotifications
from infomanager_core.tags import Tagging
from infomanager_core.tenders import TenderBoard

DOCS = Path(__file__).resolve().parents[1] / "docs"


def public_names(cls: type) -> list[str]:
    return sorted(name for name, _ in inspect.getmembers(cls) if not name.startswith("_"))


def examples(page: str) -> str:
    """The example lines of a page: what a reader copies."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith((">>> ", "... ")))


@pytest.mark.parametrize(
    ("cls", "page"),
    [
        (Ledger, "ledger.md"),
        (LedgerReader, "ledger.md"),
        (BillingNotifications, "notifications.md"),
        (TenderBoard, "tenders.md"),
        (Tagging, "tags.md"),
    ],
)
def test_every_public_method_of_the_ledger_its_reader_the_board_and_the_registries_is_named_on_its_page(
    cls: type, page: str
) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    unnamed = [name for name in public_names(cls) if not re.search(rf"\b{name}\b", text)]
    assert unnamed == []


def test_the_checkout_page_shows_how_to_record_the_products_an_order_installed() -> None:
    assert re.search(r"programme\.add_product\(\"bakery\", \w+, by=\"\w+\", at=\w+\)", examples("orders.md"))


def test_the_page_on_several_workers_says_what_a_service_shares_between_its_threads() -> None:
    ledger = (DOCS / "ledger.md").read_text(encoding="utf-8")
    shared = ledger[ledger.index("What may be shared, and what not:") :].split("```")[0]
    for name in ("Ledger", "SqliteLedgerStore", "Programme", "BillingNotifications", "PriceList", "OrderQuote"):
        assert f"`{name}`" in shared, name
