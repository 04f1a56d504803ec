"""Shared Hypothesis strategies: one place for how test data is generated across the suite."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import attrs
from babel.localedata import locale_identifiers
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.money import currency, known_currency_codes
from infomanager_core.money.rounding import MAX_AMOUNT
from infomanager_core.pricing import Cashback, OrderLine, PriceList, Product, Tier, cashback
from tests.pricing import oracle

#: Currencies of the programme plus ones with other minor units (JPY 0, BHD 3).
CURRENCIES = ("CHF", "EUR", "JPY", "BHD")


def minor_units(max_abs: int = 10**12) -> st.SearchStrategy[int]:
    return st.integers(min_value=-max_abs, max_value=max_abs)


def money(
    currency: str | None = None, *, max_abs: int = 10**12, min_value: int | None = None
) -> st.SearchStrategy[Money]:
    """Amounts in whole minor units."""
    codes = st.just(currency) if currency else st.sampled_from(CURRENCIES)
    low = -max_abs if min_value is None else min_value
    return st.builds(Money.from_minor_units, st.integers(low, max_abs), codes)


def exact_amounts(currency: str = "CHF") -> st.SearchStrategy[Money]:
    """Amounts with up to 6 decimal places (sub-minor amounts, as intermediate results have)."""
    return st.builds(
        lambda n: Money(Decimal(n).scaleb(-6), currency),
        st.integers(min_value=-(10**15), max_value=10**15),
    )


def rates() -> st.SearchStrategy[Decimal]:
    """Rates in [0, 1) with up to 4 decimal places."""
    return st.integers(min_value=0, max_value=9999).map(lambda n: Decimal(n).scaleb(-4))


# --- formatting ---

#: The locales SPEC §1 names; formatting must be right in each of them.
LOCALES = ("fr_CH", "de_CH", "it_CH", "en_CH", "fr_FR", "de_DE", "it_IT", "en_GB", "es_ES")
SWISS_LOCALES = ("fr_CH", "de_CH", "it_CH", "en_CH")


def amounts_to_format(currency: str, *, max_major: int = 10**9) -> st.SearchStrategy[Money]:
    """Amounts from -max_major to +max_major with up to 4 decimals, so that rounding to the minor unit matters."""
    return st.builds(
        lambda n: Money(Decimal(n).scaleb(-4), currency),
        st.integers(min_value=-max_major * 10**4, max_value=max_major * 10**4),
    )


# --- every currency, every locale ---

#: Every currency the library accepts (CLDR's codes less the X-codes that are no money), sorted.
BILLING_CODES = tuple(sorted(known_currency_codes()))

#: Every locale babel ships CLDR data for, sorted (some 1,100).
ALL_LOCALES = tuple(sorted(locale_identifiers()))

#: One currency for each number of minor digits CLDR gives: JPY 0, CHF 2, KWD 3, CLF 4.
ONE_CURRENCY_PER_MINOR_DIGITS = ("JPY", "CHF", "KWD", "CLF")


@st.composite
def payable_amounts(draw: st.DrawFn, code: str | None = None) -> Money:
    """An amount in whole minor units of ``code`` (by default any billing currency), anywhere in Money's range: small
    amounts (a few minor units) as often as large ones."""
    code = draw(st.sampled_from(BILLING_CODES)) if code is None else code
    digits = currency(code).minor_digits
    bound = MAX_AMOUNT * 10**digits - 1
    small = 10 ** (digits + 3)
    units = draw(st.integers(-small, small) | st.integers(-bound, bound))
    return Money.from_minor_units(units, code)


@st.composite
def unrounded_amounts(draw: st.DrawFn, code: str | None = None) -> Money:
    """An amount of ``code`` (by default any billing currency) with up to two decimals more than its minor unit, so
    that rounding to the minor unit matters; halves (…5 just past the minor unit) are drawn often."""
    code = draw(st.sampled_from(BILLING_CODES)) if code is None else code
    places = currency(code).minor_digits + 2
    bound = 10**12 * 10**places
    units = draw(st.integers(-bound, bound) | st.integers(-(10**6), 10**6).map(lambda n: n * 100 + 50))
    return Money(Decimal(units).scaleb(-places), code)


# --- pricing ---

#: Currencies a generated price list prices in (JPY: no minor digits; BHD: three).
PRICING_CURRENCIES = ("CHF", "EUR", "JPY", "BHD")


def unit_rates() -> st.SearchStrategy[Decimal]:
    """Rates in [0, 1) with up to 4 decimal places, 0 and 0.5 included often."""
    return st.one_of(st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.20"), Decimal("0.25")]), rates())


@st.composite
def tier_schedules(draw: st.DrawFn) -> list[Tier]:
    """A valid degressive schedule: at least one tier, distinct lower bounds, rates that never fall as the count grows."""
    bounds = sorted(draw(st.sets(st.integers(min_value=1, max_value=200), min_size=1, max_size=4)))
    tier_rates = sorted(draw(st.lists(unit_rates(), min_size=len(bounds), max_size=len(bounds))))
    return [Tier(bound, rate) for bound, rate in zip(bounds, tier_rates, strict=True)]


@st.composite
def price_lists(draw: st.DrawFn) -> PriceList:
    """A price list with two degressive families and a non-degressive product, priced in every PRICING_CURRENCY."""

    def prices() -> dict[tuple[str, str], Money]:
        return {
            (code, period): Money.from_minor_units(draw(st.integers(min_value=0, max_value=10**6)), code)
            for code in PRICING_CURRENCIES
            for period in ("month", "year")
        }

    products = [
        Product(
            code=code, family=family, name=code, prices=prices(), partner_discount=draw(unit_rates()), degressive=deg
        )
        for code, family, deg in (
            ("web-hosting", "web-hosting", True),
            ("mail-hosting", "mail-hosting", True),
            ("domain", "domain", False),
        )
    ]
    tiers = {"web-hosting": draw(tier_schedules()), "mail-hosting": draw(tier_schedules())}
    return PriceList(name="generated", products=products, tiers=tiers)


@st.composite
def order_lines(draw: st.DrawFn) -> OrderLine:
    """An order line of a product of :func:`price_lists`, with a tier count (or None) not below its quantity."""
    quantity = draw(st.integers(min_value=1, max_value=500))
    extra = draw(st.none() | st.integers(min_value=0, max_value=300))
    return OrderLine(
        product=draw(st.sampled_from(["web-hosting", "mail-hosting", "domain"])),
        quantity=quantity,
        tier_count=None if extra is None else quantity + extra,
        periods=draw(st.integers(min_value=1, max_value=36)),
        period=draw(st.sampled_from(["month", "year"])),
    )


@st.composite
def orders(draw: st.DrawFn) -> list[OrderLine]:
    """Several lines of one order, often of one family: a product's lines may differ in period and periods.

    An explicit tier count, when drawn, is at least every unit of the line's family in the order and the same on
    every line of the family that gives one (as :func:`quote` requires); other lines of the family give none. Families
    are those of :func:`price_lists`, where each product is its own family.
    """
    lines = draw(st.lists(order_lines(), min_size=1, max_size=6))
    if draw(st.booleans()):
        product = lines[0].product
        lines = [attrs.evolve(line, product=product, tier_count=None) for line in lines]
    ordered: dict[str, int] = {}
    extra: dict[str, int] = {}  # per family, how many hostings more than ordered it holds (its first explicit line)
    for line in lines:
        ordered[line.product] = ordered.get(line.product, 0) + line.quantity
        if line.tier_count is not None:
            extra.setdefault(line.product, line.tier_count)
    return [
        line if line.tier_count is None else attrs.evolve(line, tier_count=ordered[line.product] + extra[line.product])
        for line in lines
    ]


# --- access ---

from infomanager_core.access import Grant, PaymentMeans  # noqa: E402


def payment_means() -> st.SearchStrategy[PaymentMeans]:
    return st.sampled_from(PaymentMeans)


def grants(products: tuple[str, ...]) -> st.SearchStrategy[Grant]:
    """Full grants with either payment means, or limited grants to a non-empty subset of ``products``."""
    limited = st.frozensets(st.sampled_from(products), min_size=1).map(Grant.limited)
    return st.one_of(payment_means().map(Grant.full), limited)


# --- ledger ---

#: Countries whose IBANs the strategies build, with their lengths (a subset of the registry).
IBAN_COUNTRIES = {"CH": 21, "DE": 22, "FR": 27, "GB": 22, "LI": 21, "NL": 18, "NO": 15}


def _iban_with_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    check = 98 - int("".join(str(int(character, 36)) for character in rearranged)) % 97
    return f"{country}{check:02d}{bban}"


def ibans() -> st.SearchStrategy[str]:
    """Valid IBANs: a country from :data:`IBAN_COUNTRIES`, a random basic bank account number, correct check digits."""
    return st.sampled_from(sorted(IBAN_COUNTRIES)).flatmap(
        lambda country: st.text(
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            min_size=IBAN_COUNTRIES[country] - 4,
            max_size=IBAN_COUNTRIES[country] - 4,
        ).map(lambda bban: _iban_with_check_digits(country, bban))
    )


# --- tags ---

#: Pieces of names that look alike once read: case, composed and decomposed accents, full-width letters, ligatures.
LOOKALIKE_PIECES = (
    "e",
    "E",
    "\u00e9",
    "e\u0301",
    "\u00c9",
    "E\u0301",
    "\uff45",
    "\uff25",
    "fi",
    "FI",
    "\ufb01",
    "\u00df",
    "ss",
    "SS",
)


def lookalike_names(max_pieces: int = 3) -> st.SearchStrategy[str]:
    """Short tag names built from :data:`LOOKALIKE_PIECES`, so that different spellings of one name come up often."""
    return st.lists(st.sampled_from(LOOKALIKE_PIECES), min_size=1, max_size=max_pieces).map("".join)


def respellings(name: str) -> st.SearchStrategy[str]:
    """``name`` written another way that a reader sees as the same: other case, other normal form, full width."""
    full_width = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
    return st.sampled_from(
        [
            name.upper(),
            name.lower(),
            unicodedata.normalize("NFD", name),
            unicodedata.normalize("NFC", name.upper()),
            name.translate(full_width),
            name.replace("fi", "\ufb01"),
        ]
    )


# --- ledger engine ---

from datetime import date, timedelta  # noqa: E402

from infomanager_core.ledger import (  # noqa: E402
    CashbackCredit,
    Iban,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    PaypalAddress,
    Reversal,
    TopUp,
    TransferDeposit,
)
from infomanager_core.text import DRAWS_NOTHING, UNPRINTABLE_CATEGORIES, trimmed  # noqa: E402


def ledger_free_texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Free text a ledger keeps as given (a reference, a reason): any printable character, spaces around included."""
    return st.text(
        st.characters(exclude_categories=tuple(UNPRINTABLE_CATEGORIES)), min_size=1, max_size=max_size
    ).filter(trimmed)


def ledger_texts(max_size: int = 12) -> st.SearchStrategy[str]:
    """Ids a ledger accepts: any printable character (quotes, pipes, ``=``…), nothing to trim around, in NFC, and
    nothing in it that draws nothing (a variation selector would make an id print as another)."""
    return ledger_free_texts(max_size).filter(
        lambda text: (
            trimmed(text) == text and unicodedata.is_normalized("NFC", text) and DRAWS_NOTHING.search(text) is None
        )
    )


#: The first business day of :func:`ledger_operations`; they run over the few days after it.
LEDGER_DAY = date(2026, 3, 2)


@st.composite
def ledger_operations(draw: st.DrawFn, max_size: int = 16) -> list[Operation]:
    """Operations of every kind, in date order, that a ledger mostly accepts: money in first and often, fresh keys.

    Now and then an earlier operation comes again (a retry) and a key is reused (a conflict, unless the content is
    the same). Payout resolutions and reversals name sequences among the first ``max_size``, so many find their target.
    """
    organisations = st.sampled_from(("acme", "globex"))
    code = draw(st.sampled_from(("CHF", "JPY", "BHD")))  # one currency per history, so that accounts meet
    amounts = st.builds(Money.from_minor_units, st.integers(1, 5000), st.just(code))
    destinations = st.sampled_from((Iban("CH9300762011623852957"), PaypalAddress("billing@acme.ch")))
    targets = st.integers(1, max_size)
    reasons = st.none() | st.just("refused by the bank")
    operations: list[Operation] = []
    requested: list[int] = []
    day = LEDGER_DAY
    for index in range(draw(st.integers(1, max_size))):
        day += timedelta(days=draw(st.sampled_from((0, 0, 0, 1))))
        key = f"op-{index}" if draw(st.integers(0, 9)) else f"op-{draw(st.integers(0, index))}"
        if operations and draw(st.integers(0, 9)) == 0:
            operations.append(draw(st.sampled_from(operations)))
            continue
        choice = draw(st.integers(0, 11)) if index else 0
        amount = draw(amounts)
        if choice <= 2:
            operation: Operation = TopUp(
                organisation=draw(organisations), amount=amount * 5, effective=day, key=key,
                reference=draw(st.none() | st.just("bank ref")),
            )  # fmt: skip
        elif choice == 3:
            operation = CashbackCredit(
                partner=draw(organisations), order_id=f"order-{draw(st.integers(0, 5))}", amount=amount, effective=day
            )
        elif choice == 4:
            operation = TransferDeposit(payer=draw(organisations), order_id="order-x", amount=amount, effective=day,
                                        key=key)  # fmt: skip
        elif choice == 5:
            operation = OrderPayment(organisation=draw(organisations), order_id=f"order-{draw(st.integers(0, 3))}", amount=amount,
                                     effective=day, key=key, partial=draw(st.booleans()))  # fmt: skip
        elif choice in (6, 7):
            operation = PayoutRequest(organisation=draw(organisations), amount=amount, destination=draw(destinations),
                                      effective=day, key=key)  # fmt: skip
        elif choice in (8, 9, 10):
            # most likely the sequence of an earlier payout request (each operation so far took one, most often)
            request = draw(st.sampled_from(requested) if requested and draw(st.integers(0, 3)) else targets)
            operation = draw(
                st.sampled_from(
                    (
                        PayoutCompletion(request=request, effective=day, key=key),
                        PayoutFailure(request=request, effective=day, key=key, reason=draw(reasons)),
                        PayoutCancellation(request=request, effective=day, key=key, reason=draw(reasons)),
                    )
                )
            )
        else:
            operation = Reversal(sequence=draw(st.integers(1, index)), effective=day, key=key, reason=draw(reasons))
        if isinstance(operation, PayoutRequest):
            requested.append(len(operations) + 1)
        operations.append(operation)
    return operations


# --- pricing oracle ---
# Raw data that both the library and the plain oracle of tests/pricing/oracle.py are built from, and the conversions.

#: Currencies with every minor unit CLDR has: 2 (CHF, EUR, USD, SEK with a 1.00 cash step, DKK 0.50), 0 (JPY, ISK,
#: KRW, HUF with a cash step of 5), 3 (BHD, KWD, TND) and 4 (CLF).
ORACLE_CURRENCIES = ("CHF", "EUR", "JPY", "BHD", "USD", "SEK", "DKK", "ISK", "KRW", "HUF", "KWD", "TND", "CLF")
ORACLE_FAMILIES = ("web-hosting", "mail-hosting", "domain", "ssl-certificate")
ORACLE_PERIODS = ("month", "year")


def oracle_rates() -> st.SearchStrategy[Decimal]:
    """Rates from 0 to the largest below 100% the library accepts, with the seed's and the half-unit makers often."""
    special = st.sampled_from(
        [Decimal(0), Decimal("0.20"), Decimal("0.25"), Decimal("0.5"), Decimal("0.125"), Decimal("0.9999")]
    )
    finer = st.integers(0, 10**8 - 1).map(lambda n: Decimal(n).scaleb(-8))  # a rate may have any number of places
    return st.one_of(special, st.integers(0, 9999).map(lambda n: Decimal(n).scaleb(-4)), finer)


@st.composite
def oracle_schedules(draw: st.DrawFn) -> dict[int, Decimal]:
    """Volume tiers: inclusive lower bounds, rates never falling as the count grows (the library refuses otherwise)."""
    bounds = sorted(draw(st.sets(st.integers(1, 60), min_size=1, max_size=4)))
    tier_rates = sorted(draw(st.lists(oracle_rates(), min_size=len(bounds), max_size=len(bounds))))
    return dict(zip(bounds, tier_rates, strict=True))


@st.composite
def raw_price_lists(draw: st.DrawFn, currency_code: str, *, one_per_family: bool = False) -> dict:
    """Raw data for a price list: products of several families priced in ``currency_code`` and EUR, per month and per
    year. With ``one_per_family`` the products are one of each of ORACLE_FAMILIES, coded by their family."""
    if one_per_family:
        families = dict(zip(ORACLE_FAMILIES, ORACLE_FAMILIES, strict=True))
    else:
        families = {f"p{index}": draw(st.sampled_from(ORACLE_FAMILIES)) for index in range(draw(st.integers(1, 5)))}
    products = {}
    for code, family in families.items():
        prices = {}
        for currency_priced in sorted({currency_code, "EUR"}):
            for period in ORACLE_PERIODS:
                units = draw(st.integers(0, 10**6))
                prices[(currency_priced, period)] = Decimal(units).scaleb(-oracle.minor_unit(currency_priced))
        products[code] = {
            "family": family,
            "prices": prices,
            "partner_rate": draw(oracle_rates()),
            # The library refuses a degressive product outside Web and Mail hosting (SPEC §2.2).
            "degressive": family in oracle.HOSTING_FAMILIES and draw(st.booleans()),
        }
    degressive_families = {p["family"] for p in products.values() if p["degressive"]}
    tiers = {family: draw(oracle_schedules()) for family in sorted(degressive_families)}
    return {"products": products, "tiers": tiers}


def library_price_list(raw: dict) -> PriceList:
    """The library's price list for the raw data of :func:`raw_price_lists`."""
    products = [
        Product(
            code=code,
            family=p["family"],
            name=code,
            prices={(cur, period): Money(amount, cur) for (cur, period), amount in p["prices"].items()},
            partner_discount=p["partner_rate"],
            degressive=p["degressive"],
        )
        for code, p in raw["products"].items()
    ]
    tiers = {
        family: [Tier(bound, rate) for bound, rate in schedule.items()] for family, schedule in raw["tiers"].items()
    }
    return PriceList(name="generated", products=products, tiers=tiers)


def library_cashback(raw: dict, currency_code: str, line: dict) -> Cashback:
    """The library's cashback on ``line`` (a dict of code, quantity, hostings, periods, period) of ``raw``'s prices."""
    return cashback(
        library_price_list(raw),
        line["code"],
        line["quantity"],
        currency=currency_code,
        tier_count=line["hostings"],
        periods=line["periods"],
        period=line["period"],
    )


def oracle_line(
    raw: dict, code: str, *, currency_code: str, period: str, quantity: int, periods: int, hostings: int, partner: bool
) -> dict:
    """The oracle's breakdown of one line of product ``code`` of the raw data of :func:`raw_price_lists`."""
    product = raw["products"][code]
    return oracle.price_line(
        product,
        currency=currency_code,
        period=period,
        quantity=quantity,
        periods=periods,
        hostings=hostings,
        tiers=raw["tiers"].get(product["family"], {}),
        partner=partner,
    )


def same(money: Money, amount: Decimal, currency_code: str) -> bool:
    """Exactly equal: the currency, the value and the number of places."""
    return money.currency == currency_code and str(money.amount) == str(amount)


# --- calendars and clocks ---

from datetime import UTC, datetime, timezone, tzinfo  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

ZURICH = ZoneInfo("Europe/Zurich")

#: The zones one instant is written in: UTC, fixed offsets either side of it, and Zurich with its summer time.
WRITING_ZONES: tuple[tzinfo, ...] = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=2)),
    timezone(timedelta(hours=-5)),
    ZURICH,
)

#: Zurich's clock changes, in UTC: forward at 02:00 (to 03:00) on the last Sunday of March, back at 03:00 (to 02:00)
#: on the last Sunday of October, in a common and a leap year.
CLOCK_CHANGES: tuple[datetime, ...] = (
    datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime(2026, 10, 25, 1, tzinfo=UTC),
    datetime(2028, 3, 26, 1, tzinfo=UTC),
    datetime(2028, 10, 29, 1, tzinfo=UTC),
)
#: Where clocks go back: the hour from these instants on is lived twice in Zurich.
HOURS_LIVED_TWICE: tuple[datetime, ...] = CLOCK_CHANGES[1::2]

#: Instants where billing calendars break, in UTC: Zurich's clock changes, and Zurich midnights at a month's end,
#: 29 February and a year's end (midnight in Zurich is the previous day in UTC).
CALENDAR_EDGES: tuple[datetime, ...] = (
    *CLOCK_CHANGES,
    *(
        datetime(*day, tzinfo=ZURICH).astimezone(UTC)
        for day in ((2026, 2, 1), (2026, 5, 1), (2026, 3, 1), (2028, 2, 29), (2028, 3, 1), (2027, 1, 1), (2029, 1, 1))
    ),
)


def edge_instants(
    *, within: timedelta = timedelta(hours=3), edges: tuple[datetime, ...] = CALENDAR_EDGES
) -> st.SearchStrategy[datetime]:
    """Instants (in UTC, to the second) ``within`` either side of one of ``edges``, often exactly on it or a whole
    number of minutes from it."""
    seconds = int(within.total_seconds())
    near = st.integers(-seconds, seconds).map(lambda n: timedelta(seconds=n))
    minutes = st.integers(-(seconds // 60), seconds // 60).map(lambda n: timedelta(minutes=n))
    shifts = st.just(timedelta(0)) | minutes | near
    return st.builds(lambda edge, shift: edge + shift, st.sampled_from(edges), shifts)


#: First days of a fortnight around a month's end, 29 February, 30 April and a year's end.
AROUND_EDGES = (date(2026, 1, 25), date(2026, 2, 22), date(2028, 2, 22), date(2026, 4, 24), date(2026, 12, 25))


@st.composite
def prepaid_movements(draw: st.DrawFn) -> list[tuple[date, int]]:
    """Movements of one prepaid account over a fortnight around a calendar edge, in date order: positive minor units
    are top-ups, negative ones payments of at most the balance."""
    first = draw(st.sampled_from(AROUND_EDGES))
    days = sorted(draw(st.lists(st.integers(0, 13), min_size=1, max_size=12)))
    moves, balance = [], 0
    for day in days:
        units = draw(st.integers(-balance, 5_000).filter(lambda n: n != 0))
        balance += units
        moves.append((first + timedelta(days=day), units))
    return moves


def period_cuts(moves: list[tuple[date, int]]) -> st.SearchStrategy[tuple[date, date, date]]:
    """Three days ``a ≤ b < c`` from two days before ``moves`` to two days after, often one of their days: the
    periods ``a..b`` and ``b+1..c`` are consecutive."""
    first, last = moves[0][0] - timedelta(days=2), moves[-1][0] + timedelta(days=2)
    days = st.sampled_from([day for day, _ in moves]) | st.dates(first, last)
    ordered = st.tuples(days, days, days).map(lambda three: (min(three), sorted(three)[1], max(three)))
    return ordered.filter(lambda cut: cut[1] < cut[2])


class NoOffset(tzinfo):
    """A time zone that knows no UTC offset: a datetime in it has a ``tzinfo`` and is still naive, as Python defines
    naive (``utcoffset()`` is ``None``)."""

    def utcoffset(self, moment: datetime | None) -> None:
        return None

    def dst(self, moment: datetime | None) -> None:
        return None

    def tzname(self, moment: datetime | None) -> str:
        return "nowhere"

    def __repr__(self) -> str:
        return "NoOffset()"


def validities(default: timedelta) -> st.SearchStrategy[timedelta]:
    """A validity period: ``default``, a day, an hour, or 1 to 180 minutes (which may end in the hour it began)."""
    minutes = st.integers(1, 180).map(lambda n: n * timedelta(minutes=1))
    return st.sampled_from([default, timedelta(days=1), timedelta(hours=1)]) | minutes


def lasts_its_validity(start: datetime, end: datetime, validity: timedelta) -> bool:
    """Whether ``start`` to ``end`` is a positive time, ``validity`` give or take the hour a clock change moves."""
    elapsed = end.astimezone(UTC) - start.astimezone(UTC)
    return elapsed > timedelta(0) and abs(elapsed - validity) <= timedelta(hours=1)


def writing_zones() -> st.SearchStrategy[tzinfo]:
    """One of :data:`WRITING_ZONES`, Zurich half the time: two moments of one ``ZoneInfo`` are the ones Python
    compares by their wall clocks, ignoring which pass of an hour lived twice each is on."""
    return st.sampled_from(WRITING_ZONES) | st.just(ZURICH)


def written_in_any_zone(instant: datetime) -> st.SearchStrategy[datetime]:
    """``instant`` as one of :func:`writing_zones` writes it (Zurich's second pass of an hour with ``fold=1``)."""
    return writing_zones().map(instant.astimezone)


def shifts(*, seconds: int = 2, minutes: int = 90) -> st.SearchStrategy[timedelta]:
    """A shift of a few ``seconds`` either way, or of up to ``minutes`` (across an hour lived twice)."""
    return st.integers(-seconds, seconds).map(lambda n: n * timedelta(seconds=1)) | st.integers(
        -minutes * 60, minutes * 60
    ).map(lambda n: n * timedelta(seconds=1))
