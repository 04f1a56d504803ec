"""``avatar_warnings`` reads an avatar: what it refuses, it refuses with the rule it applies, not the profile's."""

from __future__ import annotations

import pytest

from infomanager_core.security import InvalidAvatar, avatar_warnings


@pytest.mark.parametrize("given", [None, "img-1", ("img-1", "image/png", 320, 320)])
def test_anything_but_an_avatar_is_refused_saying_only_an_avatar_will_do(given: object) -> None:
    with pytest.raises(InvalidAvatar) as refused:
        avatar_warnings(given)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value, refused.value.rule) == ("avatar", given, "must be an Avatar")
