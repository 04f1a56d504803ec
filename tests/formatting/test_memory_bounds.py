"""What formatting remembers between calls stays bounded, whatever locale text a caller passes.

A long-lived service formats amounts for whatever locale a request names (a header, a user's setting). Each distinct
spelling of a locale (``de_CH``, ``DE-ch``, ``de_CH_x1``…) and each name babel is asked about must not be kept without
end: a caller choosing the text could otherwise grow the process by distinct inputs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from babel import localedata

from infomanager_core import formatting
from infomanager_core.formatting import UnknownLocale, format_money, parse_money
from infomanager_core.money import Money


def spellings(identifier: str) -> Iterator[str]:
    """Every spelling of ``identifier`` babel reads alike: each letter in either case, each separator ``_`` or ``-``
    (2,048 of ``en_US_POSIX``)."""
    choices = [(char.lower(), char.upper()) if char.isalpha() else ("_", "-") for char in identifier]
    return ("".join(spelling) for spelling in itertools.product(*choices))


def test_the_layouts_remembered_stay_within_their_bound_however_a_locale_is_spelled() -> None:
    bound = formatting._LAYOUTS_REMEMBERED
    written: set[str] = set()
    for spelling in itertools.islice(spellings("en_US_POSIX"), bound + 100):
        written.add(format_money(Money("1234.5", "USD"), spelling))
    assert written == {format_money(Money("1234.5", "USD"), "en_US_POSIX")}  # every spelling is the one locale
    assert formatting._cached_layout.cache_info().currsize == bound


def test_parsing_shares_the_bounded_layouts() -> None:
    bound = formatting._LAYOUTS_REMEMBERED
    text = format_money(Money("1234.5", "USD"), "en_US_POSIX")
    for spelling in itertools.islice(spellings("en_US_POSIX"), 1024, 1024 + bound + 10):  # not those formatted above
        assert parse_money(text, "USD", spelling) == Money("1234.50", "USD")
    assert formatting._cached_layout.cache_info().currsize == bound


@pytest.mark.skipif(not hasattr(localedata.exists, "cache_info"), reason="this babel does not remember locale names")
def test_babels_memory_of_locale_names_is_emptied_past_its_bound() -> None:
    """babel remembers whether each name it was asked about exists (``localedata.exists``), refused names included."""
    bound = formatting._BABEL_NAMES_REMEMBERED
    for number in range(bound + 50):
        with pytest.raises(UnknownLocale):
            format_money(Money("1", "CHF"), f"xx_ZZ_v{number:07d}")
        assert localedata.exists.cache_info().currsize <= bound


def test_formatting_works_alike_with_a_babel_that_remembers_no_locale_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only some babel versions keep a cache behind ``localedata.exists``; without one there is nothing to empty."""
    remembering = localedata.exists
    monkeypatch.setattr(localedata, "exists", lambda name: remembering(name))  # no cache_info
    formatting._cached_layout.cache_clear()  # so that the locale is looked up again
    assert format_money(Money("1234.5", "CHF"), "de_CH") == "CHF\xa01'234.50"
    with pytest.raises(UnknownLocale):
        format_money(Money("1", "CHF"), "xx_ZZ_forgotten")


@pytest.mark.skipif(not hasattr(localedata.exists, "cache_info"), reason="this babel does not remember locale names")
def test_babels_memory_of_locale_names_holds_up_to_its_bound_before_it_is_emptied() -> None:
    bound = formatting._BABEL_NAMES_REMEMBERED
    localedata.exists.cache_clear()
    held: list[int] = []
    for number in range(bound + 50):
        with pytest.raises(UnknownLocale):
            format_money(Money("1", "CHF"), f"xx_ZZ_w{number:07d}")
        held.append(localedata.exists.cache_info().currsize)
    assert max(held) == bound
