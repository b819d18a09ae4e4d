"""Every string people read is translated into German and Spanish: the strings are extracted from
the source as it is now (as `make messages` does, from babel.cfg) and each must have a translation in
every catalogue, none of them fuzzy, with the same placeholders as the English."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "webapp" / "translations"
# The keywords `make messages` adds to gettext's own (Makefile): lazy translations made at import time.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_ngettext": (1, 2)}
SOURCE_FOLDERS = ("webapp", "templates")


def in_source(directory: str) -> bool:
    """Only webapp/ and templates/ hold strings to translate (babel.cfg); the walk skips everything else.

    Not resolved: a symlinked folder (a worktree's .venv) is judged by where it sits, not where it points.
    """
    relative = Path(directory).absolute().relative_to(ROOT)
    return relative.parts[0] in SOURCE_FOLDERS if relative.parts else True


def extracted() -> Catalog:
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS, directory_filter=in_source
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


SOURCE = extracted()


def catalogue(locale: str) -> Catalog:
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def where(message) -> str:
    return ", ".join(f"{filename}:{line}" for filename, line in message.locations)


def test_the_source_has_strings_to_translate_from_python_and_templates():
    files = {filename.split("/")[0] for message in SOURCE for filename, _ in message.locations}
    assert files == {"webapp", "templates"}
    assert len(SOURCE) > 100


@pytest.mark.parametrize("locale", ["de", "es"])
def test_every_string_of_the_source_is_translated(locale):
    translations = catalogue(locale)
    untranslated = []
    for message in SOURCE:
        if not message.id:
            continue
        translation = translations.get(message.id, message.context)
        strings = translation.string if translation else None
        if not translation or translation.fuzzy or not all(strings if isinstance(strings, tuple) else [strings]):
            untranslated.append(f"{message.id!r} ({where(message)})")
    assert not untranslated, (
        f"{len(untranslated)} strings lack a {locale} translation (run `make messages` and fill in their msgstr "
        f"in webapp/translations/{locale}/LC_MESSAGES/messages.po):\n" + "\n".join(untranslated)
    )


@pytest.mark.parametrize("locale", ["de", "es"])
def test_translations_keep_the_placeholders_of_the_english(locale):
    problems = [
        f"{message.id!r}: {error}" for message, errors in catalogue(locale).check() if message.id for error in errors
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["de", "es"])
def test_no_catalogue_keeps_fuzzy_entries(locale):
    fuzzy = [message.id for message in catalogue(locale) if message.id and message.fuzzy]
    assert not fuzzy
