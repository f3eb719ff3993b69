"""Functions and settings the templates call; presentation only, no rules."""

from __future__ import annotations

from markupsafe import Markup

from sadewa.markdown import to_html

from .contact import mailto, whatsapp
from .theme import theme_files


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def markdown(text, lang: str) -> Markup:
    """A bilingual Markdown text as safe HTML, marked when it fell back."""
    if text is None:
        return Markup("")
    chosen = text.get(lang)
    html = Markup(to_html(chosen.text))
    if chosen.lang != lang:
        return Markup('<div lang="{}">').format(chosen.lang) + html + Markup("</div>")
    return html


def template_helpers(settings: dict) -> dict:
    return {
        "asset": theme_files(settings).path,  # site path of a theme file: asset('css/site.css')
        "initials": initials,
        "whatsapp": whatsapp,
        "mailto": mailto,
        "EXPORT_DESK": settings["SADEWA_EXPORT_DESK"],
        "OFFICE_EMAIL": settings["SADEWA_OFFICE_EMAIL"],
        "BLOGGER_EMAIL": settings["SADEWA_BLOGGER_EMAIL"],
        "FOOTER_PAGES": settings.get("SADEWA_FOOTER_PAGES", ()),
        "OFFLINE": bool(settings.get("SADEWA_OFFLINE")),  # an offline copy, opened from file://
    }
