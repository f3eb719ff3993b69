"""Links that reach a person: WhatsApp, e-mail, quote requests, problem reports."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def whatsapp(number: str, message: str) -> str:
    return f"https://wa.me/{number}?{urlencode({'text': message}, quote_via=quote)}"


def mailto(to: str, subject: str, body: str, cc: str | None = None) -> str:
    params = {"subject": subject, "body": body}
    if cc:
        params = {"cc": cc, **params}
    return f"mailto:{quote(to, safe='@')}?{urlencode(params, quote_via=quote)}"
