"""Swedish alphabetical order: å, ä, ö come after z; é sorts as e, ü as y.

Used for every list of names and in SQLite as the collation ``SWEDISH`` (registered on each
connection by :mod:`finsam_desktop.storage`), so ``ORDER BY namn COLLATE SWEDISH`` sorts as
a Swedish reader expects. ICU would do this too, but it is a heavy native dependency on
Windows; the Swedish rules fit in a table.
"""

from __future__ import annotations

import functools
import unicodedata

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Letters that Swedish sorts as another letter (SAOL, Svenska skrivregler).
_EQUIVALENT = {"ü": "y", "æ": "ä", "ø": "ö", "ð": "d", "þ": "t", "ß": "s"}


def _base_letter(ch: str) -> str:
    if ch in _RANK:
        return ch
    if ch in _EQUIVALENT:
        return _EQUIVALENT[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def sort_key(text: str) -> tuple:
    """A key that orders strings the Swedish way, case-insensitively, then case-sensitively."""
    folded = unicodedata.normalize("NFC", text).casefold()
    primary = []
    for ch in folded:
        base = _base_letter(ch)
        if base in _RANK:
            primary.append((0, _RANK[base]))
        elif ch.isspace():
            primary.append((-1, 0))
        else:
            primary.append((1, ord(ch)))
    # Ties (é/e, A/a) broken by the exact characters so the order is total and stable.
    return (tuple(primary), folded, text)


#: :func:`sort_key` computed once per distinct text: a list or an ``ORDER BY … COLLATE
#: SWEDISH`` compares the same few hundred names thousands of times.
cached_sort_key = functools.lru_cache(maxsize=32768)(sort_key)


def collate(a: str, b: str) -> int:
    """SQLite collation callback: negative, zero or positive like ``strcmp``."""
    ka, kb = cached_sort_key(a), cached_sort_key(b)
    return (ka > kb) - (ka < kb)


def sorted_swedish(items, key=lambda x: x):
    """``sorted`` in Swedish alphabetical order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def join_list(items: list[str]) -> str:
    """Items as a Swedish sentence lists them: "a", "a och b", "a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def plural(n: int, one: str, many: str) -> str:
    """A count with its noun in singular or plural: "1 möte", "3 möten", "0 möten".

    Swedish takes the singular for exactly one (and minus one) only, so ``n`` of 0 reads
    "0 insatser". Nouns alike in both forms ("1 mål", "2 mål") pass the same word twice."""
    return f"{n} {one if abs(n) == 1 else many}"
