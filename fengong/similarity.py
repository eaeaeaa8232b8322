"""How alike two task texts are, for Chinese: character bigrams, Dice coefficient.

Chinese has no spaces between words, so word overlap needs a tokenizer and is unstable; two
consecutive characters (bigrams) carry most of a word's identity (推进, 审批, 营商) and need
none. Texts are compared by their content characters only (letters, digits and Han
characters; NFKC, so full- and half-width agree; traditional read as simplified), so a
comma the OCR lost or a line wrap from a PDF does not make a task look rewritten.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from fengong.extract.hanzi import simplified


@lru_cache(maxsize=65536)
def content(text: str) -> str:
    """Given a text, return its content characters: NFKC, simplified, no punctuation or spaces."""
    plain = simplified(unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in plain if ch.isalnum())


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Given a text, return the set of its content's character bigrams (the character itself
    for a one-character text)."""
    core = content(text)
    if len(core) < 2:
        return frozenset([core]) if core else frozenset()
    return frozenset(core[i:i + 2] for i in range(len(core) - 1))


def dice(first: frozenset[str], second: frozenset[str]) -> float:
    """Given two bigram sets, return 2|A∩B| / (|A|+|B|): 1.0 for the same, 0.0 for nothing
    shared (two empty texts are the same)."""
    if not first and not second:
        return 1.0
    return 2 * len(first & second) / (len(first) + len(second))


def similarity(first: str, second: str) -> float:
    """Given two texts, return the Dice coefficient of their character bigrams."""
    return dice(bigrams(first), bigrams(second))
