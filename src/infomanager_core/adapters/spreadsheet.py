"""One guard for every CSV export: text a spreadsheet would run as a formula is prefixed with ``'``.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and Google
Sheets as a formula (CSV injection, OWASP); a leading apostrophe makes it plain text and is hidden by the spreadsheet.
Every text cell that comes from a person (names, ids, references) goes through :func:`spreadsheet_safe`. Text that
begins with an apostrophe of its own is marked too, so that a program reading the export back takes exactly one
leading ``'`` off every cell that has one and gets the text as it was.

>>> spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe("Bakery")
('\\'=HYPERLINK("http://x")', 'Bakery')
"""

from __future__ import annotations

from ..errors import InvalidInput

__all__ = ["spreadsheet_safe"]

#: The first characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The mark put before such a cell, and before a text that begins with it, so that the mark can be read back.
MARK = "'"

_MARKED = (*FORMULA_STARTS, MARK)


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: prefixed with ``'`` when it starts like a formula or with ``'``.

    >>> spreadsheet_safe("-40 CHF refund"), spreadsheet_safe("'-40"), spreadsheet_safe("40 CHF")
    ("'-40 CHF refund", "''-40", '40 CHF')
    """
    if not isinstance(text, str):
        raise InvalidInput("text", text, "must be a string")
    return MARK + text if text.startswith(_MARKED) else text
