"""Traditional -> simplified Chinese, for matching keys only (stored text is never rewritten)."""

from __future__ import annotations

import re
from functools import lru_cache


def _all_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The text in simplified characters; plain simplified text costs one encode, no lookup."""
    if text.isascii() or _all_gb2312(text):
        return text
    return _converter().convert(text)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ"
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（][a-z{_TONED}]{{1,6}}[)）]")


def without_glosses(text: str) -> str:
    """Text with its pinyin glosses removed (``藍(lán)谷`` -> ``藍谷``, ``一(yī)、`` -> ``一、``),
    as reprint sites annotate characters for learners. Only for recognising words and
    names: records keep the text as written."""
    return _GLOSS.sub("", text) if "(" in text or "（" in text else text
