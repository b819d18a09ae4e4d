"""The compiled catalogues the German and Spanish pages are read from: `make test` builds them; a run of
pytest alone builds any that are missing or older than their catalogue, so these specifications never
read a stale translation."""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "webapp" / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as po:
                catalog = read_po(po, locale=po_path.parts[-3])
            with mo_path.open("wb") as mo:
                write_mo(mo, catalog)
