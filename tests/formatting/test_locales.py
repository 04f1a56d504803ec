"""A locale is checked before anything is written or read; a bad one is named in a typed error."""

from __future__ import annotations

import pytest

from infomanager_core import InvalidInput
from infomanager_core.formatting import UnknownLocale, format_money, parse_money
from infomanager_core.money import Money
from tests.strategies import LOCALES

BAD_LOCALES = ["", "xx", "zz_ZZ", "de_XX", "de CH", "de_CH.UTF-8", "12", "de__CH"]


@pytest.mark.parametrize("locale", BAD_LOCALES)
def test_an_unknown_or_malformed_locale_is_refused_when_formatting(locale: str) -> None:
    with pytest.raises(UnknownLocale) as caught:
        format_money(Money("1", "CHF"), locale)
    assert isinstance(caught.value, InvalidInput)
    assert (caught.value.field, caught.value.value) == ("locale", locale)
    assert repr(locale) in str(caught.value)
    assert "locale" in caught.value.rule


@pytest.mark.parametrize("locale", BAD_LOCALES)
def test_an_unknown_or_malformed_locale_is_refused_when_parsing(locale: str) -> None:
    with pytest.raises(UnknownLocale):
        parse_money("CHF 1.00", "CHF", locale)


@pytest.mark.parametrize("locale", ["und", "UND", "und_CH", "und-CH", "und_Latn_CH"])
def test_a_locale_of_undetermined_language_is_refused_not_guessed(locale: str) -> None:
    # babel reads ``und`` through CLDR's likely subtags: ``und`` as American English, ``und_CH`` as Swiss German. An
    # invoice's reader has a language; a missing one is the caller's mistake, and a guessed one writes other separators.
    for call in (lambda: format_money(Money("1234.5", "CHF"), locale), lambda: parse_money("CHF 1.00", "CHF", locale)):
        with pytest.raises(UnknownLocale) as caught:
            call()
        assert (caught.value.field, caught.value.value) == ("locale", locale)
        assert "names no language" in caught.value.rule


@pytest.mark.parametrize("locale", [None, 42, b"de_CH"])
def test_a_locale_that_is_not_a_string_is_refused(locale: object) -> None:
    with pytest.raises(UnknownLocale) as caught:
        format_money(Money("1", "CHF"), locale)  # type: ignore[arg-type]
    assert caught.value.value == locale


@pytest.mark.parametrize("locale", LOCALES)
def test_every_listed_locale_is_known(locale: str) -> None:
    assert format_money(Money("1", "CHF"), locale)


def test_the_module_declares_a_sorted_public_surface() -> None:
    from infomanager_core import formatting

    def ruff_order(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)

    assert formatting.__all__ == sorted(formatting.__all__, key=ruff_order)
    assert all(hasattr(formatting, name) for name in formatting.__all__)
