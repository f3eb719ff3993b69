"""Prices, numbers and dates in the page's locale, through Babel.

Patterns are given explicitly: Babel's defaults changed between versions
(2.14–2.18 print ``Rp25.000,00``) and our output must not.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

LOCALES = {"id": "id_ID", "en": "en_US"}
IDR_PATTERN = {"id": "¤#,##0", "en": "¤\u00a0#,##0"}
USD_PATTERN = {"id": "¤#,##0.00", "en": "¤#,##0.00"}


@lru_cache(maxsize=65536)  # prices repeat on thousands of cards
def idr(amount: int, lang: str) -> str:
    """``Rp850.000`` (id) or ``IDR 850,000`` (en)."""
    return format_currency(amount, "IDR", IDR_PATTERN[lang], locale=LOCALES[lang], currency_digits=False)


@lru_cache(maxsize=65536)
def usd(amount: float, lang: str) -> str:
    """``US$55,00`` (id) or ``$55.00`` (en)."""
    return format_currency(amount, "USD", USD_PATTERN[lang], locale=LOCALES[lang], currency_digits=False)


@lru_cache(maxsize=65536)
def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang])


@lru_cache(maxsize=65536)
def date(value: dt.date, lang: str, form: str = "long") -> str:
    return format_date(value, form, locale=LOCALES[lang])


def localized(value, lang: str) -> Markup:
    """A bilingual text for a page in ``lang``; text that fell back to the
    other language is wrapped in an element with its own ``lang``."""
    if value is None:
        return Markup("")
    chosen = value.get(lang)
    if chosen.lang == lang:
        return escape(chosen.text)
    return Markup('<span lang="{}">{}</span>').format(chosen.lang, chosen.text)


FILTERS = {"idr": idr, "usd": usd, "number": number, "date": date, "tr": localized}
