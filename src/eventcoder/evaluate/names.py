"""Small rules about names, shared by the entity, quote and coreference scorers."""

from __future__ import annotations

import bisect
import re

from .tables import function_words

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_PAREN = re.compile(r"\([^)]*\)")
_PRONOUN_LIST = (
    "i me my mine you your yours he him his she her hers it its we us our ours they them their theirs"
)
_PRONOUNS = frozenset(
    [*_PRONOUN_LIST.split(), "himself", "herself", "itself", "themselves", "who", "whom", "whose"]
)


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PRONOUNS


def _cap_words(text: str, start: int, end: int) -> list[tuple[int, str]]:
    fw = function_words()
    out = []
    for m in _WORD.finditer(text, start, end):
        w = m.group()
        if w[0].isupper() and w.lower().strip(".") not in fw:
            out.append((m.start(), w))
    return out


def is_name(text: str, start: int, end: int, sentence_starts: list[int]) -> bool:
    """Does ``text[start:end]`` contain a proper name, judged by capitals alone?

    A capitalised word that is not a function word counts when it is not the
    first word of its sentence (where every word is capitalised), when it is an
    acronym, or when a second capitalised word backs it up.  The same rule reads
    the gold and our output, so neither side is favoured.
    """
    caps = _cap_words(text, start, end)
    if not caps:
        return False
    if len(caps) >= 2:
        return True
    pos, w = caps[0]
    if len(w) > 1 and w.replace(".", "").isupper():
        return True
    i = bisect.bisect_right(sentence_starts, pos) - 1
    sent_start = sentence_starts[i] if i >= 0 else 0
    # The first word of a sentence may follow an opening quote mark or bracket.
    return bool(text[sent_start:pos].strip(" \t\n\"'“‘([-—"))


def surname(name: str) -> str | None:
    """The last capitalised word of a name, brackets dropped: "Sen. Ted Cruz (R-Texas)" -> "cruz"."""
    s = _PAREN.sub(" ", name)
    caps = _cap_words(s, 0, len(s))
    if not caps:
        return None
    w = caps[-1][1].strip(".'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w.lower() or None


def norm(s: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", s).lower().split())
