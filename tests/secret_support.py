"""What the "never shown" tests share: every surface through which an embedding service may see a value or an error,
and the check that a secret is on none of them.

An error is read through its message (``str``), its ``repr``, its ``args``, every attribute it carries, its pickled
bytes and the attributes of the copy unpickled from them, the traceback a logger prints, and the same again for every
error chained to it (``__cause__`` and ``__context__``, shown or not: an error tracker may walk either). A value (a
result, an aggregate after a command) is read through its ``repr`` and ``str``; an event also through every string and
bytes value in its ``attrs.asdict``, what an audit table stores.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable, Iterable, Iterator

import attrs
from hypothesis import strategies as st

from infomanager_core import InfomanagerError
from tests.security.support import stored_texts

#: The distinctive start of every secret a test makes up, so that finding it in a message cannot be a coincidence.
MARK = "Qz7Wk9"

#: Secrets a caller may present: the mark, then any text (NUL, surrogates and control characters included), or a long
#: run that goes past every documented maximum.
marked_secrets = st.one_of(
    st.text(max_size=30).map(lambda tail: MARK + tail),
    st.integers(min_value=240, max_value=4200).map(lambda size: MARK + "x" * size),
)


def outcome_of(call: Callable[[], object]) -> object:
    """What ``call`` returns, or the library's error it raises (any other error fails the test: only the library's
    own errors escape it, and a test's own slip must not pass for a refusal)."""
    try:
        return call()
    except InfomanagerError as error:
        return error


def _chained(error: BaseException) -> Iterator[BaseException]:
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [linked for linked in (current.__cause__, current.__context__) if linked is not None]


def _error_surfaces(error: BaseException) -> Iterator[str | bytes]:
    yield "".join(traceback.format_exception(error))
    for each in _chained(error):
        yield str(each)
        yield repr(each)
        yield repr(each.args)
        yield repr(getattr(each, "__notes__", ()))
        for value in vars(each).values():
            yield repr(value)
            yield str(value)
        pickled = pickle.dumps(each)
        yield pickled
        yield repr(vars(pickle.loads(pickled)))


def surfaces(*outcomes: object) -> list[str | bytes]:
    """Every text and byte string through which ``outcomes`` (errors, values, events) can be seen."""
    found: list[str | bytes] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            found += _error_surfaces(outcome)
            continue
        found += [repr(outcome), str(outcome)]
        events = outcome if isinstance(outcome, tuple) else getattr(outcome, "events", ())
        for event in events:
            if attrs.has(type(event)):
                found += [repr(event), *stored_texts(event)]
    return found


def assert_never_shown(secrets: Iterable[str], *outcomes: object) -> None:
    """No secret of ``secrets`` appears on any surface of ``outcomes``, as text or as UTF-8 bytes."""
    seen = surfaces(*outcomes)
    for secret in secrets:
        encoded = secret.encode("utf-8", "surrogatepass")
        for surface in seen:
            assert (encoded if isinstance(surface, bytes) else secret) not in surface, (secret, surface)


def parts_of(secret: str) -> list[str]:
    """A secret and, when it reads ``<id>.<random>``, its random part: either alone gives the secret away."""
    random = secret.partition(".")[2]
    return [secret, random] if len(random) >= 8 else [secret]
