"""One guard for every CSV export: text a spreadsheet would run as a formula is prefixed with ``'``.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and Google
Sheets as a formula (CSV injection, OWASP); a leading apostrophe makes it plain text and is hidden by the spreadsheet.
Every text cell that comes from a person (names, ids, references) goes through :func:`spreadsheet_safe`.

>>> spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe("Bakery")
('\\'=HYPERLINK("http://x")', 'Bakery')
"""

from __future__ import annotations

from ..errors import InvalidInput

__all__ = ["spreadsheet_safe"]

#: The first characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: prefixed with ``'`` when it starts like a formula, else unchanged.

    >>> spreadsheet_safe("-40 CHF refund")
    "'-40 CHF refund"
    """
    if not isinstance(text, str):
        raise InvalidInput("text", text, "must be a str")
    return "'" + text if text.startswith(FORMULA_STARTS) else text
