"""Behaviours of formatting that mutation testing showed no test held (review of 2026-11-29).

Each test names a behaviour a reader or a caller relies on, and fails when the library loses it.
"""

from __future__ import annotations

import pytest

from infomanager_core import Money
from infomanager_core.formatting import UnknownLocale, format_money, parse_money

#: Every space a reader may type where the locale writes one: the space bar's, the no-break space, the narrow no-break
#: space and the thin space.
SPACES = " \xa0\u202f\u2009"


@pytest.mark.parametrize("typed_space", SPACES, ids=["space", "no-break", "narrow-no-break", "thin"])
@pytest.mark.parametrize(
    ("locale", "money"),
    [("fr_FR", Money("-1234567.5", "EUR")), ("de_CH", Money("1234.5", "CHF")), ("sv", Money("-1234.5", "SEK"))],
)
def test_any_of_the_usual_spaces_is_read_for_each_space_the_locale_writes(
    typed_space: str, locale: str, money: Money
) -> None:
    written = format_money(money, locale)
    typed = "".join(typed_space if char in SPACES else char for char in written)
    assert any(char in SPACES for char in written), written  # the case has a space to type
    assert parse_money(typed, money.currency, locale) == money


@pytest.mark.parametrize("locale", ["root", "Root", "root_CH"])
def test_cldrs_root_is_refused_as_a_locale(locale: str) -> None:
    """CLDR's ``root`` (the data every locale inherits) is no language a reader reads, and no BCP 47 identifier:
    babel would write amounts in it, so the library refuses it by name, as malformed."""
    for call in (lambda: format_money(Money("1234.5", "CHF"), locale), lambda: parse_money("CHF 1.00", "CHF", locale)):
        with pytest.raises(UnknownLocale) as refused:
            call()
        assert (refused.value.field, refused.value.value) == ("locale", locale)
