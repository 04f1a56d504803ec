"""A second, deliberately plain reading of SPEC §1, §2 and §3.4, to check the library against.

Written from `/work/shared/SPEC.md` and the seed only, before reading the library's pricing, orders or outcome code.
Plain ``Decimal`` (the rounding mode named at every step), plain dicts and tuples; nothing from ``infomanager_core``.
Each rule cites the SPEC line it reads. Where SPEC leaves a choice open the comment says "AMBIGUOUS" and what was read.

Magnitudes: callers keep prices, quantities and periods small enough that every product stays far below the default
28-digit Decimal precision, so no multiplication here is itself rounded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.numbers import get_currency_precision

# SPEC §2.2: "The degressive tariff applies to Web and Mail hosting only [seed]."
# SPEC §2.1: families are named `web-hosting`, `mail-hosting`, `domain`, ...
HOSTING_FAMILIES = frozenset({"web-hosting", "mail-hosting"})


def minor_unit(currency: str) -> int:
    """SPEC §1: "with its minor unit taken from CLDR (CHF 2, EUR 2, JPY 0)"."""
    return get_currency_precision(currency)


def round_half_up(amount: Decimal, currency: str) -> Decimal:
    """SPEC §1: "The mode is ROUND_HALF_UP (half away from zero) to the currency's minor unit"."""
    return amount.quantize(Decimal(1).scaleb(-minor_unit(currency)), rounding=ROUND_HALF_UP)


def tier_rate(tiers: dict[int, Decimal], hostings: int) -> Decimal:
    """The degressive rate for ``hostings`` hostings of a family.

    SPEC §2.2: "Tiers are volume tiers: the rate of the tier reached applies to all units of the line. A tier is given
    by its inclusive lower bound (`35 → 25%` means 35 and more)." Below every bound: no reduction.
    """
    reached = [bound for bound in tiers if bound <= hostings]
    return tiers[max(reached)] if reached else Decimal(0)


def step(before: Decimal, rate: Decimal, currency: str) -> dict[str, Decimal]:
    """One reduction step: its rate, its reduction and the amount after it.

    SPEC §2.2: "Each step of the breakdown is rounded to the minor unit, and the next step applies to that rounded
    amount". SPEC §2.3: "each step with its rate, its reduction amount and the amount after it, so that
    `public − partner discount − degressive reduction = final` holds to the cent".
    AMBIGUOUS: SPEC does not say whether the reduction (before × rate) or the amount after (before × (1 − rate)) is the
    rounded figure; under half-up they differ on an exact half unit. First read here as "the reduction is rounded";
    the comparison found 0.02 CHF at 25% (0.015 off: 0.01 off, 0.01 left, or 0.00 off, 0.02 left). Resolved to the
    library's documented decision (docs/decisions.md, Pricing: "What a step rounds is the amount after it"), which
    reads "the residual ... is the amount the user sees" literally: the amount after is rounded, the reduction is
    what it took off, so the subtraction holds exactly either way.
    """
    after = round_half_up(before * (1 - rate), currency)  # ROUND_HALF_UP, SPEC §1
    return {"rate": rate, "reduction": before - after, "after": after}


def price_line(
    product: dict,
    *,
    currency: str,
    period: str,
    quantity: int,
    periods: int,
    hostings: int,
    tiers: dict[int, Decimal],
    partner: bool,
) -> dict:
    """The breakdown of one quote line.

    ``product`` is ``{"family": str, "prices": {(currency, period): Decimal}, "partner_rate": Decimal,
    "degressive": bool}`` (SPEC §2.1: "a family, a public price per currency and per billing period, the partner
    discount rate that applies to it, and whether the degressive tariff applies to it").
    ``hostings`` is the explicit count of SPEC §2.2 ("The count is an explicit input of a quote"): hostings of the
    product's family held by the organisation that pays, those being ordered included.
    """
    prices = product["prices"]
    # SPEC §2.2: "the line amount is `unit price × quantity × periods`" ... "Rounding happens on the line, never per
    # unit." The rounding (ROUND_HALF_UP) only bites if a unit price has more places than the minor unit.
    public = round_half_up(prices[(currency, period)] * quantity * periods, currency)
    # SPEC §2.3: "A quote can be made for the public (no partner discount: a client buying directly still gets the
    # degressive tariff) or for a partner (partner discount, then degressive)." A public quote's partner step: rate 0.
    partner_rate = product["partner_rate"] if partner else Decimal(0)
    # SPEC §2.2: "The partner discount is applied first."
    partner_step = step(public, partner_rate, currency)
    # SPEC §2.1: whether the degressive tariff applies is a field of the product; SPEC §2.2: Web and Mail hosting only.
    # (The comparison found the library honouring the flag on a domain; it now refuses such a product instead.)
    degressive_applies = bool(product["degressive"]) and product["family"] in HOSTING_FAMILIES
    degressive_rate = tier_rate(tiers, hostings) if degressive_applies else Decimal(0)
    # SPEC §2.2: "The degressive tariff is applied to the residual amount after the partner discount."
    degressive_step = step(partner_step["after"], degressive_rate, currency)
    return {
        "public": public,
        "partner": partner_step,
        "degressive": degressive_step,
        "final": degressive_step["after"],
    }


def quote(lines: list[dict], currency: str) -> dict[str, Decimal]:
    """Totals of several priced lines in one currency (SPEC §2.3: "Several lines in one currency make a quote total").

    Read here: each column of the breakdown is the sum of the lines' figures (the lines are already rounded).
    """
    zero = round_half_up(Decimal(0), currency)
    total = {"public": zero, "partner_reduction": zero, "degressive_reduction": zero, "final": zero}
    for line in lines:
        total["public"] += line["public"]
        total["partner_reduction"] += line["partner"]["reduction"]
        total["degressive_reduction"] += line["degressive"]["reduction"]
        total["final"] += line["final"]
    return total


def cashback(public_line: dict, partner_line: dict) -> Decimal:
    """SPEC §2.4: "Cashback = public price − the partner's preferential price, for the same line. The public price is
    what the client pays (degressive tariff included, for the client's tier); the preferential price is the
    partner-discounted price with the same tier." Both lines must be priced with the same tier (same ``hostings``).
    """
    return public_line["final"] - partner_line["final"]


def allocate(total_minor: int, ratios: list[Fraction]) -> list[int]:
    """SPEC §1: "Splitting an amount by ratios ... yields parts in whole minor units that add up exactly to the whole.
    Leftover units go to the largest remainders first, ties to the earliest part."

    Exact shares as fractions; each part takes the floor of its share, then one leftover unit each to the largest
    remainders, the earliest first on a tie. AMBIGUOUS: SPEC does not say how a negative whole splits; read here as the
    mirror image of the positive split (split the magnitude, negate every part).
    """
    if total_minor < 0:
        return [-part for part in allocate(-total_minor, ratios)]
    whole = sum(ratios)
    shares = [Fraction(total_minor) * ratio / whole for ratio in ratios]
    parts = [int(share) for share in shares]  # floor: shares are >= 0
    leftover = total_minor - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return parts


def cash_rounded(total: Decimal, step_size: Decimal) -> tuple[Decimal, Decimal]:
    """SPEC §1: "Cash rounding. CHF has a 0.05 cash step ... applied only when asked, only to a total, and shown as its
    own adjustment line." Rounded half-up (SPEC §1's only mode) to a multiple of the step; returns (adjustment, total).
    """
    rounded = (total / step_size).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step_size
    return rounded - total, rounded


# --- SPEC §3.4: who earns what on an order or renewal -------------------------------------------------------------

CASHBACK, DISCOUNT, NOTHING, REFUSED = "cashback", "discount", "nothing", "refused"


def order_outcome(
    *,
    partnership: str,
    access: str,
    payment_means: str,
    placed_by: str,
    managed: bool,
) -> dict[str, str | None]:
    """One row of SPEC §3.4's table. "An order and a renewal are treated alike."

    ``partnership`` is "active", "pending", "ended" or "none"; ``access`` "full" or "limited"; ``payment_means``
    "client" or "partner" (only read under full access); ``placed_by`` "client" or "partner"; ``managed`` whether the
    partner manages the product (only read under limited access).
    Returns the outcome (cashback, discount, nothing, refused), who pays, the organisation the invoice lives in, and the
    organisation the products are installed in ("Products are installed in the client organisation in every case").
    """
    if partnership != "active":
        # "no active partnership | — | — | — | nothing | the orderer"; SPEC §3.3: "an ended or pending partnership
        # gives nothing".
        return {"outcome": NOTHING, "payer": placed_by, "invoice_in": placed_by, "installed_in": "client"}
    if access == "full":
        if payment_means == "partner" and placed_by == "partner":
            # "full | partner's | partner (for the client) | — | discount: partner pays the preferential price |
            # partner, in the partner organisation"
            return {"outcome": DISCOUNT, "payer": "partner", "invoice_in": "partner", "installed_in": "client"}
        # "full | client's | client", "full | client's | partner", "full | partner's | client": cashback to the
        # partner; the client (or the client's payment means) pays, invoice in the client organisation.
        return {"outcome": CASHBACK, "payer": "client", "invoice_in": "client", "installed_in": "client"}
    if placed_by == "partner":
        # "limited | — | partner | — | refused: limited access does not allow ordering [decision] | —"
        return {"outcome": REFUSED, "payer": None, "invoice_in": None, "installed_in": None}
    # "limited | — | client | yes | cashback to the partner | client, client organisation"
    # "limited | — | client | no | nothing | client, client organisation"
    outcome = CASHBACK if managed else NOTHING
    return {"outcome": outcome, "payer": "client", "invoice_in": "client", "installed_in": "client"}


def may_order(*, partnership: str, access: str, placed_by: str) -> bool:
    """Whether an order placed by ``placed_by`` ("client" or "partner") for the client is accepted at all.

    The client orders for itself. SPEC §3.3: "Nobody outside the partner organisation reaches a client through a
    partnership; an ended or pending partnership gives nothing"; "limited access covers only the managed products, and
    no ordering" (SPEC §3.4's "refused" row).
    AMBIGUOUS: SPEC §3.4's last row ("no active partnership | — | — | — | nothing | the orderer") reads as if anyone
    could order without a partnership, §3.3 says a partner without one does not reach the client. Read here, as the
    library's checkout decides (docs/decisions.md, Orders): without an active partnership only the client orders, and
    ``order_outcome`` alone (the table) still answers "nothing, the orderer pays" for the partner.
    """
    if placed_by == "client":
        return True
    return partnership == "active" and access == "full"


def billing_currency(country: str) -> str:
    """SPEC §3.1: "An organisation's billing currency follows its postal address: Switzerland → CHF, elsewhere → EUR".

    The order's currency (SPEC §3.4: cashback "in the order's currency") is read here as the billing currency of the
    organisation the invoice lives in: the client's, or the partner's in the discount row.
    """
    return "CHF" if country == "CH" else "EUR"


def order_hostings(*, client_holds: int, ordering: int) -> int:
    """SPEC §2.2: "the number of hostings of that family held by the organisation that pays, counting the ones being
    ordered". AMBIGUOUS in the discount row, where the partner pays but the products are installed in (and held by)
    the client (SPEC §3.4: "Products are installed in the client organisation in every case"), and §2.4 prices the
    preferential price "with the same tier" as the client's. Read here, as the library does (docs/access.md, "Which
    tier"): the client's hostings, whoever pays, so an order costs the same whoever's payment means are used. A renewal
    orders none: the renewed hostings are already held.
    """
    return client_holds + ordering


def amount_paid(outcome: str, public_price: Decimal, preferential_price: Decimal) -> Decimal | None:
    """SPEC §2.4: the client pays the public price; "Discount: ... the partner pays the preferential price instead of
    receiving cashback." Nothing is paid on a refused order."""
    if outcome == REFUSED:
        return None
    return preferential_price if outcome == DISCOUNT else public_price


def partner_earns(outcome: str, public_price: Decimal, preferential_price: Decimal) -> Decimal:
    """SPEC §2.4 and §3.4: cashback (public − preferential, credited to the partner's prepaid account in the order's
    currency) only when the outcome is cashback; a discount is earned by paying less, not by a credit."""
    return public_price - preferential_price if outcome == CASHBACK else Decimal(0)
