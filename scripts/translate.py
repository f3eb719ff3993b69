"""Fill Indonesian translations from a JSON file of {English: Indonesian}.

`python scripts/translate.py translations.json` — for translators who prefer
a plain list to editing the .po file; entries already translated are kept.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "themes/sadewa/translations/id/LC_MESSAGES/messages.po"


def main(argv: list[str]) -> int:
    translations = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    filled = 0
    for message in catalog:
        if message.id and not message.string and message.id in translations:
            message.string = translations[message.id]
            filled += 1
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog, width=76)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{filled} filled, {len(missing)} still missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
