"""Values cross process boundaries and live in caches: services hand quotes, operations and transactions to workers
through queues that pickle them, keep amounts and prices as dict keys and in sets, sort and copy them.

The laws, for every public value type (each frozen attrs class, the two other values and every enum), on every value
a world of random commands holds or hands out (:mod:`tests.values_in_transit`):

1. every public class is a value, an enum, an error, an aggregate or a port, and the sweep meets every value type;
2. a value pickled with any protocol comes back of its type, equal, and hashing alike; an enum member as itself;
3. ``copy.copy`` and ``copy.deepcopy`` give an equal value of the type;
4. a value type either declares itself unhashable or hashes every value it holds (never a ``TypeError`` from inside);
5. equal values hash alike;
6. only ``Money`` orders (and the text enums, as text): another value refuses ``<`` rather than ordering silently;
7. a ``repr`` reads back as an equal value, or does not read at all (a secret or a hash left out, an enum member).

And ``Money``'s own, pinned as the docs say: equal amounts of one currency are equal whatever their written form and
hash alike; ``repr`` evaluates back to the same written form, and so does pickling; amounts of one currency are totally
ordered, consistently with ``==``; across currencies they are unequal, and ordering them (``sorted`` included) raises
``CurrencyMismatch``.
"""

from __future__ import annotations

import copy
import datetime
import enum
import pickle
import sys
import zoneinfo
from collections import defaultdict
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infomanager_core import CurrencyMismatch, Money
from infomanager_core._frozen import FrozenMapping
from infomanager_core.access import Organisation, Person, Role
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.ledger import AccountKind, TransactionKind
from infomanager_core.pricing.bulk import PricedLine
from infomanager_core.security import Account
from infomanager_core.security.examples import example_profile
from tests.security.support import CHEAP, PASSWORD
from tests.strategies import CURRENCIES, money
from tests.values_in_transit import AGGREGATES, CLASSES, ENUMS, ERRORS, PORTS, VALUES, reachable, worlds

#: Public classes that define an ordering: Money, the text enums (ordered as text) and a priced line (a named tuple).
ORDERED = {Money, AccountKind, TransactionKind, PricedLine}
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def test_every_public_class_is_a_value_an_enum_an_error_an_aggregate_or_a_port() -> None:
    assert (len(VALUES), len(ENUMS), len(ERRORS), len(AGGREGATES), len(PORTS)) == (88, 22, 177, 7, 4)
    assert VALUES | ENUMS | ERRORS | AGGREGATES | PORTS == CLASSES
    assert len(CLASSES) == 298, "the five kinds do not overlap"


def values_in(world: list[object]) -> list[object]:
    """Every value of a public value type or enum the world holds, its aggregates' insides included."""
    return [item for item in reachable(*world) if type(item) in VALUES | ENUMS]


def test_the_sweep_meets_every_value_type_and_every_enum() -> None:
    met: set[type] = set()

    @settings(max_examples=30, derandomize=True, suppress_health_check=list(HealthCheck), deadline=None)
    @given(worlds())
    def gather(world: list[object]) -> None:
        met.update(type(value) for value in values_in(world))

    gather()
    assert sorted(cls.__name__ for cls in (VALUES | ENUMS) - met) == []


def hashable(value: object) -> bool:
    return type(value).__hash__ is not None


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=25)
@given(worlds())
def test_every_value_pickles_copies_and_hashes_as_itself(world: list[object]) -> None:
    by_type: dict[type, list[object]] = defaultdict(list)
    for value in values_in(world):
        by_type[type(value)].append(value)
        if hashable(value):
            hash(value)  # law 4: a type that hashes hashes every value it holds
        if isinstance(value, enum.Enum):
            assert all(pickle.loads(pickle.dumps(value, protocol)) is value for protocol in PROTOCOLS)
            continue
        kept = [pickle.loads(pickle.dumps(value, protocol)) for protocol in PROTOCOLS]
        for other in [*kept, copy.copy(value), copy.deepcopy(value)]:
            assert type(other) is type(value)
            assert other == value, type(value).__name__
            assert not hashable(value) or hash(other) == hash(value), type(value).__name__
    for kind, values in by_type.items():
        if hashable(values[0]):
            for one in values[:40]:
                for other in values[:40]:
                    assert one != other or hash(one) == hash(other), kind.__name__


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=20)
@given(worlds())
def test_a_value_without_an_ordering_refuses_to_be_ordered(world: list[object]) -> None:
    for value in values_in(world):
        if type(value) not in ORDERED:
            with pytest.raises(TypeError):
                _ = value < value  # type: ignore[operator]


def _public_names() -> dict[str, object]:
    """Every name the library exports, and what a ``repr`` names besides: what reading a ``repr`` back may use."""
    names: dict[str, object] = {"Decimal": Decimal, "datetime": datetime, "zoneinfo": zoneinfo}
    for module in list(sys.modules.values()):
        if module is not None and module.__name__.startswith("infomanager_core"):
            names.update({name: getattr(module, name) for name in getattr(module, "__all__", ())})
    return {**names, "FrozenMapping": FrozenMapping}


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=10)
@given(worlds())
def test_a_repr_reads_back_as_an_equal_value_or_not_at_all(world: list[object]) -> None:
    """A ``repr`` written as a constructor call (``Tier(min_count=3, rate=Decimal('0.10'))``) must never read back as
    another value; one that leaves a secret or a hash out, or shows an enum member, does not read back at all."""
    names = _public_names()
    for value in values_in(world):
        try:
            back = eval(repr(value), dict(names))
        except (SyntaxError, TypeError, NameError):
            continue
        assert back == value, repr(value)


# -- Money -------------------------------------------------------------------------------------------------------


@given(money(), st.integers(0, 4))
def test_equal_amounts_are_equal_whatever_their_written_form_and_keep_it_through_repr_and_pickle(
    amount: Money, extra_zeros: int
) -> None:
    written = Money(
        amount.amount.quantize(Decimal(1).scaleb(amount.amount.as_tuple().exponent - extra_zeros)), amount.currency
    )
    assert written == amount
    assert hash(written) == hash(amount)
    assert len({amount, written}) == 1
    assert {written: "kept"}[amount] == "kept"
    for value in (amount, written):
        back = eval(repr(value), {"Money": Money})
        assert back == value
        assert repr(back) == repr(value)
        for protocol in PROTOCOLS:
            assert repr(pickle.loads(pickle.dumps(value, protocol))) == repr(value)


@given(money(), money())
def test_amounts_of_one_currency_are_totally_ordered_consistently_with_equality(one: Money, other: Money) -> None:
    if one.currency != other.currency:
        assert one != other
        for compare in (Money.__lt__, Money.__le__, Money.__gt__, Money.__ge__):
            with pytest.raises(CurrencyMismatch):
                compare(one, other)
        with pytest.raises(CurrencyMismatch):
            sorted([one, other])
        return
    assert (one <= other and other <= one) == (one == other)
    assert (one < other) + (one == other) + (one > other) == 1
    assert sorted([one, other]) == sorted([other, one])


def test_a_set_of_amounts_keeps_one_per_value_and_currency() -> None:
    amounts = {Money("1.0", "CHF"), Money("1.00", "CHF"), Money("1", "EUR"), Money("-0", "CHF"), Money("0.00", "CHF")}
    assert amounts == {Money("1", "CHF"), Money("1", "EUR"), Money("0", "CHF")}


@pytest.mark.parametrize("code", CURRENCIES)
def test_an_amount_rebuilt_from_its_repr_has_the_same_minor_units(code: str) -> None:
    amount = Money.from_minor_units(123456, code)
    assert eval(repr(amount), {"Money": Money}).minor_units() == 123456


# -- values that hold another value ------------------------------------------------------------------------------


def test_an_access_event_about_an_organisation_hashes_like_any_event() -> None:
    """An organisation is an immutable value: an event whose before or after holds one (``organisation registered``)
    hashes, so an audit log can put events in a set; it raised ``unhashable type: 'Organisation'``."""
    programme = example_programme()
    newcomer = Organisation(id="newco", name="New Co", country="CH", members={"nina": Role.LEGAL_REPRESENTATIVE})
    programme.register_person(Person("nina", "Nina"), at=MONDAY)
    (event,) = programme.register_organisation(newcomer, at=MONDAY)
    assert event.after == newcomer
    assert hash(event) == hash(copy.deepcopy(event))
    assert hash(newcomer) == hash(attrs.evolve(newcomer))
    assert {event, pickle.loads(pickle.dumps(event))} == {event}


def test_what_opening_an_account_returns_is_unhashable_since_it_holds_the_account() -> None:
    """An ``OpenedAccount`` hands over an aggregate that changes: it declares itself unhashable, as the account is,
    rather than claiming a hash that raised from inside (``unhashable type: 'Account'``)."""
    opened = Account.open("cleo", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP)
    with pytest.raises(TypeError, match="unhashable type: 'OpenedAccount'"):
        hash(opened)
    assert pickle.loads(pickle.dumps(opened)) == opened
