"""CSV export of a partner's managed clients (stdlib :mod:`csv`), for legal representatives and administrators.

One row per active client: its id and name, the access level, the payment-means setting (full access), the managed
product ids (limited access, one a line in their cell: an id may hold a space but never a line break; ``all`` under
full access) and since when it is managed (ISO 8601).
Who may export is the domain's decision (:func:`~infomanager_core.access.can_export_clients`); a refusal raises
:class:`~infomanager_core.access.AccessDenied` carrying it.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access import Grant, Organisation, Person, Programme, Role
>>> at = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
>>> programme = Programme()
>>> for person in ("paula", "carl"):
...     _ = programme.register_person(Person(person), at=at)
>>> _ = programme.register_organisation(Organisation(id="agency", name="Agency", country="CH", partner=True,
...     members={"paula": Role.LEGAL_REPRESENTATIVE}), at=at)
>>> _ = programme.register_organisation(Organisation(id="bakery", name="Boulangerie, Dupont", country="FR",
...     members={"carl": Role.LEGAL_REPRESENTATIVE}), at=at)
>>> [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=at)
>>> _ = programme.accept(sent.subject, by="carl", at=at)
>>> print(managed_clients_csv(programme, person="paula", partner="agency"), end="")
client,name,access,payment_means,managed_products,since
bakery,"Boulangerie, Dupont",full,client's,all,2026-01-05T09:30:00+00:00
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from ..access.decisions import can_export_clients, require_programme
from ..access.errors import AccessDenied
from ..access.programme import Programme
from ..errors import InvalidInput
from .spreadsheet import spreadsheet_safe

__all__ = ["HEADER", "managed_clients_csv", "write_managed_clients_csv"]

HEADER = ("client", "name", "access", "payment_means", "managed_products", "since")


def write_managed_clients_csv(programme: Programme, stream: TextIO, *, person: str, partner: str) -> int:
    """Write the header and one row per managed client to ``stream``; return the number of client rows.

    >>> from infomanager_core.access.examples import example_programme
    >>> stream = io.StringIO()
    >>> write_managed_clients_csv(example_programme(), stream, person="adam", partner="agency")
    1
    >>> stream.getvalue().splitlines()[1]
    'bakery,Bakery,limited,,web-1,2026-01-05T09:00:00+00:00'
    """
    require_programme(programme, "programme")
    decision = can_export_clients(programme, person, partner)
    if not decision.allowed:
        raise AccessDenied(decision, action="export clients", person=person, target=partner)
    if not callable(getattr(stream, "write", None)):  # csv.writer raised a bare TypeError
        raise InvalidInput(
            "stream", stream, "must be a text stream open for writing", hint="e.g. open(path, 'w', newline='')"
        )
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    rows = 0
    for partnership in programme.managed_clients(partner):
        grant = partnership.granted
        writer.writerow(
            (
                spreadsheet_safe(partnership.client),
                spreadsheet_safe(programme.organisation(partnership.client).name),
                grant.level.value,
                grant.payment_means.value if grant.payment_means else "",
                "all" if grant.is_full else spreadsheet_safe("\n".join(sorted(grant.products))),
                partnership.since.isoformat(),
            )
        )
        rows += 1
    return rows


def managed_clients_csv(programme: Programme, *, person: str, partner: str) -> str:
    """The managed clients as CSV text (see :func:`write_managed_clients_csv`).

    >>> from infomanager_core.access.examples import example_programme
    >>> print(managed_clients_csv(example_programme(), person="paula", partner="agency"), end="")
    client,name,access,payment_means,managed_products,since
    bakery,Bakery,limited,,web-1,2026-01-05T09:00:00+00:00
    """
    stream = io.StringIO()
    write_managed_clients_csv(programme, stream, person=person, partner=partner)
    return stream.getvalue()
