"""Small rules about names, shared by the entity, quote and coreference scorers."""

from __future__ import annotations

import bisect
import re

from .tables import function_words, head_stops

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_PAREN = re.compile(r"\([^)]*\)")
_PRONOUN_LIST = (
    "i me my mine you your yours he him his she her hers it its we us our ours they them their theirs"
)
_PRONOUNS = frozenset(
    [*_PRONOUN_LIST.split(), "himself", "herself", "itself", "themselves", "who", "whom", "whose"]
)
_OPENERS = " \t\n\"'“‘([-—"
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _PRONOUNS


def _cap(w: str) -> bool:
    """A capitalised word that may be (part of) a name: not "The", "I've"; "US" is an acronym, not "us"."""
    base = re.split(r"['’]", w)[0].strip(".")
    if not base:
        return False
    if len(base) > 1 and base.replace(".", "").isupper():
        return True
    return base[0].isupper() and base.lower() not in function_words()


class NameRule:
    """Does a span of one document contain a proper name?  Judged by capitals alone.

    Only the head of the mention counts: the words before a preposition or a
    relative pronoun (``head_stops.txt``), or before a comma or bracket that a
    lower-case word follows, so "a former mayor of Kestrel Bay" is not a name.  In the head, a capitalised word that
    is not a function word makes a name when it is not the first word of its
    sentence (where every word is capitalised), when it is an acronym, when a
    second capitalised word backs it up, or when the document writes the same
    word capitalised in mid-sentence elsewhere ("Okafor said ..." at a sentence
    start).  The same rule reads the gold and our output, so neither side is
    favoured.
    """

    def __init__(self, text: str, sentence_starts: list[int]):
        self.text = text
        self.starts = sorted(sentence_starts) or [0]
        self.mid_caps: set[str] = set()
        for m in _WORD.finditer(text):
            w = m.group()
            if _cap(w) and not self._initial(m.start()):
                self.mid_caps.add(w)

    def _initial(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        sent_start = self.starts[i] if i >= 0 else 0
        return not self.text[sent_start:pos].strip(_OPENERS)

    def __call__(self, start: int, end: int) -> bool:
        stops = head_stops()
        caps: list[tuple[int, str]] = []
        for m in _WORD.finditer(self.text, start, end):
            w = m.group()
            if w.lower() in stops and m.start() > start:
                break
            if _cap(w):
                caps.append((m.start(), w))
            if self.text[m.end() : m.end() + 1] in (",", "("):
                # "Rua Tane, of ..." ends the head; "Kent, Ada" and "Lind, Omar" do not
                nxt = _WORD.search(self.text, m.end(), end)
                if nxt is None or not nxt.group()[0].isupper():
                    break
        if not caps:
            return False
        if len(caps) >= 2:
            return True
        pos, w = caps[0]
        if len(w) > 1 and w.replace(".", "").isupper():
            return True
        return not self._initial(pos) or w in self.mid_caps


def is_name(text: str, start: int, end: int, sentence_starts: list[int]) -> bool:
    """One-off form of :class:`NameRule` (build a NameRule to test many spans of one text)."""
    return NameRule(text, sentence_starts)(start, end)


def surname(name: str) -> str | None:
    """The surname a name or a source phrase refers to by, lower-cased, or None.

    It is the last word of the phrase's head (brackets dropped, cut before a
    preposition or a ", lower-case" apposition), and only if that word is
    capitalised: "Sen. Ada Kent (R-Texas)" -> "kent", "Okafor campaign manager
    Kim Park" -> "park", but "Omar Lind's doctor", "the North
    Dakota senator" and "he" name nobody by a surname.
    """
    s = _PAREN.sub(" ", name)
    words = []
    for m in _WORD.finditer(s):
        w = m.group()
        if words and w.lower() in head_stops():
            break
        words.append(w)
        if s[m.end() :].lstrip()[:1] == ",":
            after = _WORD.search(s, m.end())
            if after is None or not after.group()[0].isupper():
                break
    while words and words[-1].lower().strip(".") in _SUFFIXES:
        words.pop()
    if not words:
        return None
    last = words[-1]
    if not _cap(last):
        return None
    last = re.sub(r"['’]s?$", "", last).strip(".")
    return last.lower() or None


def norm(s: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", s).lower().split())
