"""No cancellation token is ever shown, nor the digest the board keeps of it.

A token — the real one, one made up, a near miss of a real one — is presented to every entry point that takes one or
where a client may put it by mistake (a call's id, a proposal's), and looked for on every surface an embedding service
may log (see :mod:`tests.secret_support`): the error, the value returned and its events, and the board's ``repr``
after the call. A refused token is shown as :func:`~infomanager_core.errors.hidden` writes it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from infomanager_core.errors import hidden
from infomanager_core.money import Money
from infomanager_core.tenders import Confirmation, InvalidCancellationToken, TenderBoard, UnknownCall, cancellation
from infomanager_core.tenders.cancellation import digest
from tests.secret_support import MARK, assert_never_shown, marked_secrets, outcome_of, parts_of

from .support import START, board, submit

#: Every entry point fed ``token`` where a token goes, or where a client may put it in place of an id.
PRESENTED: dict[str, Callable[[TenderBoard, Confirmation, str], object]] = {
    "cancel": lambda on, _, token: on.cancel(token, at=START),
    "call, given as the call's id": lambda on, _, token: on.call(token, client="bakery"),
    "open, given as the call's id": lambda on, _, token: on.open(token, partner="agency", at=START),
    "answer, given as the call's id": lambda on, _, token: on.answer(
        token, partner="agency", text="We build shops.", price=Money("900", "CHF"), at=START
    ),
    "proposals_of, given as the call's id": lambda on, _, token: on.proposals_of(token, client="bakery"),
    "accept, given as the proposal's id": lambda on, _, token: on.accept(token, client="bakery", at=START),
    "decline, given as the proposal's id": lambda on, _, token: on.decline(token, client="bakery", at=START),
}


def _submitted() -> tuple[TenderBoard, Confirmation]:
    on = board()
    confirmation = submit(on)
    on.answer(confirmation.call.id, partner="agency", text="We build shops.", at=START)
    return on, confirmation


#: Shapes of a made-up token: naming a call, naming none, or no token's shape at all — which only ``cancel`` takes for
#: a token: where an id is wanted, text without a dot is an id, shown as given.
SHAPES = ("call-1.{}", "call-9.{}", "{}")


def _near_misses(token: str, entry: str) -> list[str]:
    """The real token and tokens a hand or a mail client may make of it (its random part alone only for ``cancel``)."""
    call, _, secret = token.partition(".")
    misses = [token, token + "x", token[:-1], f"call-9.{secret}", f"{call}.{secret.upper()}", f" {token} "]
    return [*misses, secret] if entry == "cancel" else misses


@pytest.mark.parametrize("entry", sorted(PRESENTED))
@given(secret=marked_secrets, shape=st.sampled_from(SHAPES))
def test_a_made_up_token_presented_anywhere_is_shown_nowhere(entry: str, secret: str, shape: str) -> None:
    assume(entry == "cancel" or "." in shape)
    on, confirmation = _submitted()
    outcome = outcome_of(lambda: PRESENTED[entry](on, confirmation, shape.format(secret)))
    assert_never_shown([MARK], outcome, on)


@pytest.mark.parametrize("entry", sorted(PRESENTED))
def test_the_real_token_and_its_near_misses_presented_anywhere_are_shown_nowhere(entry: str) -> None:
    on, confirmation = _submitted()
    for token in _near_misses(confirmation.token, entry):
        outcome = outcome_of(lambda: PRESENTED[entry](on, confirmation, token))  # noqa: B023 - called at once
        assert_never_shown(parts_of(confirmation.token), outcome, on)


def test_the_token_is_in_the_confirmation_and_in_no_repr_event_or_board() -> None:
    on, confirmation = _submitted()
    assert confirmation.token.startswith(f"{confirmation.call.id}.")
    assert_never_shown(parts_of(confirmation.token), confirmation, on)
    assert_never_shown(parts_of(confirmation.token), on.cancel(confirmation.token, at=START), on)


def test_the_board_shows_no_digest_of_a_token() -> None:
    on, confirmation = _submitted()
    kept = digest(confirmation.token)
    assert_never_shown([repr(kept)[2:18], kept.hex()[:16]], on, outcome_of(on.check_invariants))


def test_a_refused_token_shows_its_length_only_the_same_whatever_calls_exist() -> None:
    on, confirmation = _submitted()
    guesses = [f"{confirmation.call.id}.a-guessed-token", "call-9.a-guessed-token", "call-1-a-guessed-token"]
    for guess in guesses:
        refused = outcome_of(lambda: on.cancel(guess, at=START))  # noqa: B023 - called at once
        assert isinstance(refused, InvalidCancellationToken)
        assert (refused.field, refused.value) == ("token", hidden(guess))
        assert str(refused) == "token: '<hidden, 22 characters>' is not the cancellation token of a call"


def test_a_token_given_as_a_calls_id_is_refused_with_the_placeholder_and_nothing_chained() -> None:
    on, confirmation = _submitted()
    refused = outcome_of(lambda: on.call(confirmation.token, client="bakery"))
    assert isinstance(refused, UnknownCall)
    assert (refused.field, refused.value) == ("call", hidden(confirmation.token))
    assert refused.__context__ is None


def test_every_token_presented_is_checked_by_one_constant_time_comparison_of_digests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[bytes] = []
    compare = cancellation.hmac.compare_digest

    def watched(presented: bytes, stored: bytes) -> bool:
        compared.append(stored)
        return compare(presented, stored)

    monkeypatch.setattr(cancellation.hmac, "compare_digest", watched)
    on, confirmation = _submitted()
    kept = digest(confirmation.token)
    presented = [confirmation.token + "x", "call-9.a-guess", "no token at all", confirmation.token]
    for token in presented:
        outcome_of(lambda: on.cancel(token, at=START))  # noqa: B023 - called at once
    assert compared == [kept, cancellation._NO_DIGEST, cancellation._NO_DIGEST, kept]
    assert on.call(confirmation.call.id, client="bakery").cancelled == START
