"""Join actor mentions into actors (in-document coreference), left to right.

Rules, in the order they are tried for a mention:
  * an apposed or predicated mention joins its partner ("Ismail Haniyeh, head of ...",
    "Karl Brandt is a retired general"); a description right before the organisation's name
    it describes ("the militant group Hamas") joins that name, placed first;
  * a country name, capital, seat of power or epithet joins the actor of its country code;
  * a person's name joins the latest person whose surname matches and whose first names
    and gender do not conflict (so two people with one surname stay apart; a given name
    misspelt by one letter after its first two, "Katrina"/"Katrine", is no conflict), else the
    gazetteer person it names, else the one person whose surname it misspells by one letter
    ("Hofmann" after "Karl Hoffmann"), else a new person;
  * an organisation joins the same gazetteer entry, name, acronym or short form ("Zorbology"
    of "the Church of Zorbology", "NPB" of "Pro-Market NPB");
  * a possessed relation ("his father", "Smith's wife") is one person per relation and
    possessor;
  * a definite title ("the president", "The Leader") joins the latest person holding that
    title or office in the text, else the gazetteer's holder of that office on the report's
    date; a generic person noun ("the boy", "the suspect") joins the one named person of its
    gender in the last BACK_WINDOW sentences; else it is a new (unnamed) person;
  * "the team", "the club" join the organisation named with that noun (the one named in this
    or the last sentence, else the one the report mentions most);
  * "the group", "the company", "the party" join the latest organisation of a compatible
    sector within ANAPHOR_WINDOW sentences whose words include the description's lower-case
    modifiers other than sector words ("the maritime agency" is not the UN); a singular
    organisation noun whose compound modifier is an organisation's name is that organisation
    ("the NATO defence alliance"), and one whose name has the same core as an organisation's
    ("the Zorbology organization", "the Church of Zorbology") joins it; a bare one with no antecedent is dropped; other
    groups join the latest group of the same head noun, country and possessor whose
    qualifiers do not exclude them ("young farmers" / "older farmers", "300 nurses" /
    "500 nurses" are other people), except that "people" without a demonstrative or
    possessive is a new group each time, and a possessed plural and a definite one of the same
    head are one group ("the parents" ... "her parents");
  * pronouns: he/she -> the most salient compatible person (subject of the clause, else of
    the previous sentences, up to PRONOUN_WINDOW), they/it -> a group, organisation or country
    up to GROUP_WINDOW sentences back ("they" takes a group of people of an earlier sentence
    before a singular organisation beside it; "they" may be a state, "Russia felt threatened,
    so they moved troops"; an organisation or a state of an earlier sentence only when it was
    that sentence's subject); a possessive is never the actor its own noun stands
    for ("Tomas, his brother": "his" is not Tomas).  Mentions inside direct quotes
    are never antecedents of pronouns outside them; pronouns inside quotes are left to the
    speakers stage, which knows who speaks.
A contextual epithet ("the occupiers") joins the one state the document names by a partisan
epithet, if there is exactly one.  A loose apposition or predicate ("a legend") joins its
partner's actor or nothing; "the <title>" of an occupation that is no actor alone ("the
student") joins the person so titled or nothing; an organisation description that repeats an
organisation's name ("Indonesian navy") joins it; "it"/"they" right after a non-actor subject of
their number are left unresolved (``declined``: the speakers stage leaves them too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .actor_gazetteer import Entry, Gazetteer
from .actor_mentions import GENERIC_ORG_WORDS as _GENERIC_ORG_WORDS
from .actor_mentions import Mention, Parse, object_verb

PRONOUN_WINDOW = 3  # sentences back for he/she
GROUP_WINDOW = 2  # sentences back for they/it
ANAPHOR_WINDOW = 3
BACK_WINDOW = 3  # sentences back for "the boy", "the woman"
# Sectors that an anaphoric noun must share with its antecedent ("the court" wants a court);
# for others an organisation of unknown sector will do ("the company" after "Acme").
STRICT_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
# Plural nouns for people in general: a new mention of one is a new group, not the last one.
GENERIC_PLURALS = frozenset({"people"})
ANAPHORIC_DETERMINERS = frozenset({"these", "those", "this", "that", "such"}) | POSSESSIVE_PRONOUNS
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
# Offices too general to identify a person by themselves ("head", "chief" -> leader).
GENERIC_OFFICES = {"leader"}


@dataclass
class Cluster:
    type: str
    mentions: list[int] = field(default_factory=list)
    gaz: Entry | None = None
    state: str | None = None
    surnames: set[str] = field(default_factory=set)
    firsts: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)  # title nouns: "leader", "president"
    offices: set[str] = field(default_factory=set)  # office keys: "supreme leader"
    org_keys: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # an organisation's name words and head nouns
    group_key: tuple | None = None
    mods: set[str] = field(default_factory=set)  # a group's modifiers: "young" of "young farmers"
    gender: str | None = None
    country: str | None = None
    sector: str | None = None
    last: int = -1  # index of the latest mention


def _compatible_names(m: Mention, c: Cluster) -> bool:
    words = m.name_words
    if not words:
        return False
    last = words[-1]
    if last not in c.surnames:
        return False
    firsts = set(words[:-1])
    if firsts and c.firsts and not (firsts & c.firsts):
        # Initials: "J. Smith" is compatible with "John Smith"; a spelling slip in a longer
        # given name ("Katrina"/"Katrine Holm") still names the one person.
        initials = {f[0] for f in c.firsts}
        if not any(len(f.rstrip(".")) == 1 and f[0] in initials for f in firsts) and not any(
            len(a) == len(b) and _one_edit(a, b)
            for a in firsts
            for b in c.firsts  # a changed letter
        ):
            return False
    return not (m.gender and c.gender and m.gender != c.gender)


def _one_edit(a: str, b: str) -> bool:
    """Two names of five letters or more, with the same first two letters, one letter
    apart: one added, dropped or changed ("Hoffmann"/"Hofmann")."""
    if a == b or min(len(a), len(b)) < 5 or a[:2] != b[:2] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


class Coref:
    """Clusters one document's mentions: make one per document (``cluster`` keeps its state here)."""

    def __init__(
        self,
        gaz: Gazetteer,
        inverses: dict[str, frozenset[str]] | None = None,
        sector_words: frozenset[str] = frozenset(),
    ):
        self.g = gaz
        self.inverses = inverses or {}  # kinship terms' inverses ("father" -> son, daughter)
        self.sector_words = sector_words  # adjectives that give a sector ("militant", "rebel")

    def cluster(self, mentions: list[Mention], p: Parse, day: date | None) -> list[Cluster]:
        self.ms = mentions
        self.p = p
        self.day = day
        self.clusters: list[Cluster] = []
        self.of: list[int] = [-1] * len(mentions)  # mention -> cluster
        self.by_state: dict[str, int] = {}
        self.by_gaz: dict[str, int] = {}
        self.by_relation: dict[tuple[str, object], int] = {}  # ("father", possessor) -> cluster
        self.relation_of: dict[int, tuple[str, object]] = {}  # cluster -> ("father", possessor)
        self.tok2m: dict[int, int] = {t: k for k, m in enumerate(mentions) for t in range(m.start, m.end)}
        self.declined: set[int] = set()  # tokens of pronouns found to mean a thing, not an actor
        # ids of the actors a pronoun may not be: the one its possessive's noun stands for
        # ("Tomas, his brother") and those of its co-arguments ("X met him")
        self._excluded: set[int] = set()
        deferred: list[int] = []
        placed: set[int] = set()
        for k, m in enumerate(mentions):
            if k in placed:
                continue
            if m.kind == "contextual":
                deferred.append(k)
                continue
            if m.kind == "group" and m.partner is None and k + 1 < len(mentions):
                nxt = mentions[k + 1]
                if nxt.kind == "name" and nxt.start == m.end and nxt.type == m.type == "organization":
                    m.partner = k + 1  # "the militant group Hamas": the name it describes
            n = m.partner
            if m.kind == "group" and n is not None and n > k and mentions[n].kind == "name":
                # "the militant group Hamas": the name first, so the description joins it
                target = self._place(n, mentions[n])
                if target is not None:
                    self._join(n, target)
                placed.add(n)
            target = self._place(k, m)
            if target is not None:
                self._join(k, target)
        self._contextual(deferred)
        self._headline_descriptions()
        return [c for c in self.clusters if c.mentions]

    def _headline_descriptions(self) -> None:
        """A person first met only as a description ("Australian woman jailed"), with a later
        mention in the same words ("Mia Roth, an Australian woman,") that belongs to a named
        person, is that person: a headline describes the protagonist it names later.  Only
        descriptions of two or more words count ("the woman" could be anyone)."""
        named = {self.of[k] for k, m in enumerate(self.ms) if m.kind == "name" and self.of[k] >= 0}
        unnamed = [
            ci for ci, c in enumerate(self.clusters) if c.mentions and c.type == "person" and ci not in named
        ]
        if not unnamed:
            return
        p = self.p
        named_at: dict[str, int] = {}
        for k, m in enumerate(self.ms):
            ci = self.of[k]
            if (
                m.end - m.start < 2
                or m.type != "person"
                or m.kind not in ("title", "group")
                or ci not in named
            ):
                continue
            words = [w for w in p.lower[m.start : m.end] if w not in ("a", "an", "the")]
            if len(words) >= 2:
                named_at.setdefault(" ".join(words), ci)
        if not named_at:
            return
        for ci in unnamed:
            c = self.clusters[ci]
            first = self.ms[c.mentions[0]]
            words = [w for w in p.lower[first.start : first.end] if w not in ("a", "an", "the")]
            target = named_at.get(" ".join(words))
            if target is None or target == ci:
                continue
            for k in c.mentions:
                self.of[k] = target
            self.clusters[target].mentions = sorted(self.clusters[target].mentions + c.mentions)
            c.mentions = []

    # -- bookkeeping ------------------------------------------------------------------------
    def _new(self, type_: str) -> int:
        self.clusters.append(Cluster(type_))
        return len(self.clusters) - 1

    def _join(self, k: int, ci: int) -> None:
        m = self.ms[k]
        c = self.clusters[ci]
        c.mentions.append(k)
        c.last = k
        self.of[k] = ci
        if m.kind == "name" and m.type == "person":
            c.surnames.add(m.name_words[-1])
            c.firsts.update(w for w in m.name_words[:-1] if len(w.rstrip(".")) > 1)
        if m.title_head:
            c.heads.add(m.title_head)
        if m.office:
            c.offices.add(m.office)
        if m.org_key:
            c.org_keys.add(m.org_key)
        if m.type == "organization" and m.kind in ("name", "group"):
            c.words.update(m.name_words or ())
            c.words.add(self.p.lemma[m.head])
        if (m.gender or m.name_gender) and m.kind != "pronoun":
            c.gender = c.gender or m.gender or m.name_gender
        if m.gaz is not None and c.gaz is None:
            c.gaz = m.gaz
            self.by_gaz.setdefault(m.gaz.ident, ci)
            c.gender = c.gender or m.gaz.gender
        if m.country and c.country is None:
            c.country = m.country
        if m.sector and c.sector is None and m.kind != "pronoun":
            c.sector = m.sector
        if m.state and c.state is None:
            c.state = m.state
            self.by_state.setdefault(m.state, ci)

    # -- placing one mention ----------------------------------------------------------------
    def _place(self, k: int, m: Mention) -> int | None:
        if m.loose:  # "a legend": only as the apposition or predicate of a known actor
            return self.of[m.partner] if m.partner is not None and self.of[m.partner] >= 0 else None
        if m.kind == "title" and m.definite and (m.partner is None or self.of[m.partner] < 0):
            ci = self._titled(m)
            if ci is not None:
                return ci
        if m.partner is not None and self.of[m.partner] >= 0:
            ci = self.of[m.partner]
            c = self.clusters[ci]
            clash = m.gaz and c.gaz and m.gaz.ident != c.gaz.ident
            if m.kind == "name" and m.type == "person" and c.surnames and not _compatible_names(m, c):
                clash = True
            if m.kind == "name" and m.type == "person" and not c.surnames and not clash:
                # "the club's founder, Lena Brandt" after "Lena Brandt": the title made a new
                # person only because the name came after it; both join the named one
                named = self._named_person(m)
                if named is not None and named != ci and all(self.ms[j].kind == "title" for j in c.mentions):
                    for j in list(c.mentions):
                        self._join(j, named)
                    c.mentions.clear()
                    c.type = "merged"  # an empty cluster no later mention may join
                    self.by_relation = {r: x for r, x in self.by_relation.items() if x != ci}
                    return named
            if not clash:
                return ci
        if m.kind == "state":
            assert m.state is not None
            ci = self.by_state.get(m.state)
            return ci if ci is not None else self._new("country")
        if m.kind == "pronoun":
            return self._pronoun(k, m)
        if m.kind == "name" and m.type == "person":
            return self._person_name(m)
        if m.kind == "name":
            return self._org_name(m)
        if m.kind == "title":
            return self._title(k, m)
        return self._group(k, m)

    def _by_entry(self, entry: Entry | None) -> int | None:
        if entry is None:
            return None
        return self.by_gaz.get(entry.ident)

    def _named_person(self, m: Mention) -> int | None:
        """The latest person cluster whose names fit this name, if any."""
        fits = [
            ci
            for ci, c in enumerate(self.clusters)
            if c.type == "person" and c.mentions and _compatible_names(m, c)
            and not (m.gaz and c.gaz and m.gaz.ident != c.gaz.ident)
        ]  # fmt: skip
        return max(fits, key=lambda ci: self.clusters[ci].last) if fits else None

    def _person_name(self, m: Mention) -> int:
        fits = [
            ci
            for ci, c in enumerate(self.clusters)
            if c.type == "person"
            and _compatible_names(m, c)
            and not (m.gaz and c.gaz and m.gaz.ident != c.gaz.ident)
        ]
        if fits:
            # The latest person of that name; a bare surname two people share ("Karimi" of
            # Reza Karimi and of his father Ali Hassan Karimi) is the one the report
            # names most often, the latest on a tie.
            if len(m.name_words) == 1 and len(fits) > 1:
                return max(fits, key=lambda ci: (self._names(ci), self.clusters[ci].last))
            return max(fits, key=lambda ci: self.clusters[ci].last)
        ci = self._by_entry(m.gaz)
        if ci is not None:
            return ci
        if len(m.name_words) == 1 and m.gaz is None:
            # A bare first name ("Pawel, we are with you") of exactly one person in the text.
            owners = [
                ci for ci, c in enumerate(self.clusters) if c.type == "person" and m.name_words[0] in c.firsts
            ]
            if len(owners) == 1:
                return owners[0]
        if m.name_words and m.gaz is None and len(m.name_words[-1]) >= 5:
            # A surname misspelt by one letter ("Hofmann" after "Karl Hoffmann") of exactly one
            # person, whose given names do not conflict.
            last, firsts = m.name_words[-1], set(m.name_words[:-1])
            near = [
                ci
                for ci, c in enumerate(self.clusters)
                if c.type == "person"
                and any(_one_edit(last, s) for s in c.surnames)
                and not (firsts and c.firsts and not firsts & c.firsts)
                and not (m.gender and c.gender and m.gender != c.gender)
            ]
            if len(near) == 1:
                return near[0]
        return self._new("person")

    def _org_name(self, m: Mention) -> int:
        ci = self._by_entry(m.gaz)
        if ci is not None:
            return ci
        if m.gaz is None and len(m.name_words) == 1:
            # A surname the tagger took for an organisation ("Adamowicz said").
            for ci in sorted(range(len(self.clusters)), key=lambda x: -self.clusters[x].last):
                c = self.clusters[ci]
                if c.type == "person" and m.name_words[0] in c.surnames:
                    return ci
        for ci, c in enumerate(self.clusters):
            if c.type != "organization" or (c.gaz is not None and m.gaz is not None):
                continue
            k = m.org_key or ""
            if k in c.org_keys or any(_acronym(k, o) or _acronym(o, k) for o in c.org_keys):
                return ci
            if any(_short_form(k, o) or _short_form(o, k) for o in c.org_keys):
                return ci
            if any(_part_of(k, o) or _part_of(o, k) for o in c.org_keys):
                return ci
        return self._new("organization")

    def _titled(self, m: Mention) -> int | None:
        """The latest person the text has already given this title or office."""
        best = None
        for ci, c in enumerate(self.clusters):
            if c.type != "person":
                continue
            specific = m.office is not None and m.office not in GENERIC_OFFICES
            if specific and c.offices - GENERIC_OFFICES and m.office not in c.offices:
                continue  # "Vice President" is not the president
            if not ((specific and m.office in c.offices) or (m.title_head and m.title_head in c.heads)):
                continue
            if m.country and c.country and m.country != c.country:
                continue
            if m.gender and c.gender and m.gender != c.gender:
                continue  # "Madam Chair" is not the chairman named before
            if best is None or c.last > self.clusters[best].last:
                best = ci
        return best

    def _possessor(self, m: Mention) -> object | None:
        """Who a possessed noun belongs to: the possessor's actor, else the pronoun itself."""
        if m.poss_tok is None:
            return None
        pk = self.tok2m.get(m.poss_tok)
        if pk is not None and self.of[pk] >= 0:
            return self.of[pk]
        return self.p.lower[m.poss_tok]

    def _title(self, k: int, m: Mention) -> int:
        owner = self._possessor(m)
        if isinstance(owner, str) and owner not in POSSESSIVE_PRONOUNS:
            owner = None  # "the site's founder": a thing's, no relation of a person
        if owner is not None and m.title_head and not m.office:
            # "his father" ... "His father": one person per relation and possessor.
            rel = (m.title_head, owner)
            if rel not in self.by_relation:
                back = self._inverse(m.title_head, owner, m.gender)
                self.by_relation[rel] = back if back is not None else self._new("person")
                self.relation_of.setdefault(self.by_relation[rel], rel)
            return self.by_relation[rel]
        if m.office:
            org = None
            country = m.country
            if m.affil is not None and self.of[m.affil] >= 0:
                oc = self.clusters[self.of[m.affil]]
                if oc.gaz is not None and oc.type == "organization":
                    org = oc.gaz.name
                country = country or oc.state or oc.country
            holder = self.g.holder(m.office, country, org, self.day)
            if holder is not None:
                m.gaz = holder
                ci = self._by_entry(holder)
                if ci is not None:
                    return ci
        if m.back and m.definite and owner is None:
            ci = self._refer_back(m)
            if ci is not None:
                return ci
        if m.needs_antecedent:
            return None  # "the student" naming no one the report has titled so
        return self._new("person")

    def _inverse(self, term: str, owner: object, gender: str | None) -> int | None:
        """ "his son", where "his" is X's father: X (the kinship inverse of the owner's own
        relation), when X's gender does not clash."""
        if not isinstance(owner, int) or owner not in self.relation_of:
            return None
        their_term, person = self.relation_of[owner]
        if term not in self.inverses.get(their_term, ()) or not isinstance(person, int):
            return None
        c = self.clusters[person]
        if c.type != "person" or (gender and c.gender and gender != c.gender):
            return None
        return person

    def _refer_back(self, m: Mention) -> int | None:
        """ "the boy" after "Reza Karimi": the latest named person of a compatible gender in
        the last BACK_WINDOW sentences, when only one such person is there."""
        found: list[int] = []
        # "Rooke met the boy": not the actor of the verb's subject
        blocked = self._coargument_actors(m, [j for j in range(len(self.ms)) if self.ms[j].sent == m.sent])
        for ci, c in enumerate(self.clusters):
            if c.type != "person" or not c.surnames or m.sent - self.ms[c.last].sent > BACK_WINDOW:
                continue
            if ci in blocked:
                continue
            if m.gender and c.gender and m.gender != c.gender:
                continue
            found.append(ci)
        return found[0] if len(found) == 1 else None

    def _group(self, k: int, m: Mention) -> int | None:
        owner = self._named_by_modifier(k, m)
        if owner is not None:
            return owner
        if m.agent_kind == "state" and m.definite and not m.country and not m.plural:
            # "the government" after "the Indian government": that state's government
            best = None
            for ci, c in enumerate(self.clusters):
                if c.type != "country" or m.sent - self.ms[c.last].sent > ANAPHOR_WINDOW:
                    continue
                named_gov = any(self.ms[j].agent_kind == "state" for j in c.mentions)
                if named_gov and (best is None or c.last > self.clusters[best].last):
                    best = ci
            if best is not None:
                return best
        if m.anaphor and m.definite and not m.plural:
            # "the team" ... "the team": the organisation named or described with that noun, at
            # any distance ("the Australia women's national basketball team", "the Church of X")
            head = self.p.lemma[m.head]
            named = [ci for ci, c in enumerate(self.clusters) if c.type == "organization" and head in c.words]
            if named:
                # the one named in this or the last sentence, else the one the report names most
                near = [ci for ci in named if m.sent - self.ms[self.clusters[ci].last].sent <= 1]
                if len(near) == 1:
                    return near[0]
                return max(named, key=lambda ci: (len(self.clusters[ci].mentions), self.clusters[ci].last))
        if m.anaphor and m.definite:
            best = None
            mods = self._modifiers(m)
            for ci, c in enumerate(self.clusters):
                if c.type != "organization" or m.sent - self.ms[c.last].sent > ANAPHOR_WINDOW:
                    continue
                if mods - c.words:
                    continue  # "the maritime agency" is no agency named without that word
                sector = c.sector or (c.gaz.sector if c.gaz else None)
                if m.sector and sector != m.sector and (sector is not None or m.sector in STRICT_SECTORS):
                    continue  # "the court" wants a court; "the group" takes any organisation
                if best is None or c.last > self.clusters[best].last:
                    best = ci
            if best is not None:
                return best
        if m.needs_antecedent:
            return None  # "the company" with no company before it names no one we know
        if m.org_key:  # "Chilean navy" after "the Chilean Navy"
            for ci, c in enumerate(self.clusters):
                if c.type == "organization" and m.org_key in c.org_keys:
                    return ci
            # "the Zorbology organization" after "the Church of Zorbology": the same core
            core = _core(m.org_key)
            if core and core != m.org_key:
                for ci, c in enumerate(self.clusters):
                    if (
                        c.type == "organization"
                        and c.gaz is None
                        and any(_core(o) == core for o in c.org_keys)
                    ):
                        return ci
        group_key: tuple = (*(m.group_key or ()), self._possessor(m))
        mods = self._group_modifiers(m)
        if self.p.lemma[m.head] not in GENERIC_PLURALS or self.p.lower[m.start] in ANAPHORIC_DETERMINERS:
            # the latest group of that key ("these people" takes up the last "people"), unless
            # both are qualified and share no qualifier ("young farmers" / "older farmers", "300
            # nurses" / "500 nurses" are other people)
            for ci in range(len(self.clusters) - 1, -1, -1):
                c = self.clusters[ci]
                if c.type == m.type and c.group_key == group_key:
                    if mods and c.mods and not mods & c.mods:
                        continue
                    c.mods |= mods
                    return ci
            if m.plural and (group_key[-1] is not None or m.definite):
                # "her parents" after "the parents", "the parents" after "her parents": the
                # report's one set of parents
                for ci in range(len(self.clusters) - 1, -1, -1):
                    c = self.clusters[ci]
                    if (
                        c.type == m.type
                        and c.group_key is not None
                        and c.group_key[:-1] == group_key[:-1]
                        and (c.group_key[-1] is None) != (group_key[-1] is None)
                        and not (mods and c.mods and not mods & c.mods)
                    ):
                        return ci
        # else "people" ... "people": each is whoever its own sentence means
        ci = self._new(m.type)
        self.clusters[ci].group_key = group_key
        self.clusters[ci].mods = mods
        return ci

    def _group_modifiers(self, m: Mention) -> set[str]:
        """A group description's lower-case adjectives and numbers before its head ("nice",
        "4", "million"); demonyms and sector words are part of its key, not qualifiers."""
        p = self.p
        return {
            p.lower[t]
            for t in range(m.start, m.head)
            if p.dep[t] in ("amod", "nummod", "compound")
            and (p.pos[t] in ("ADJ", "NUM") or p.tag[t] == "CD")
            and (p.words[t][:1].islower() or p.words[t][:1].isdigit() or t == p.sent_start_tok[p.sent[t]])
            and p.lemma[t] not in self.sector_words
            and p.lower[t] not in _SCALE_WORDS
        }

    def _named_by_modifier(self, k: int, m: Mention) -> int | None:
        """ "the NATO defence alliance": a singular organisation noun whose compound modifier is
        an organisation's name is that organisation."""
        if m.plural or m.type != "organization" or k == 0:
            return None
        prev = self.ms[k - 1]
        if prev.kind != "name" or prev.type != "organization" or prev.end != m.start or self.of[k - 1] < 0:
            return None
        p = self.p
        if p.dep[prev.head] != "compound" or not m.start <= p.head[prev.head] < m.end:
            return None
        return self.of[k - 1]

    def _modifiers(self, m: Mention) -> set[str]:
        """The lower-case content words before a description's head ("environmental" of "the
        maritime agency"); a sector word ("militant") or a demonym is none."""
        p = self.p
        out = set()
        for t in range(m.start, m.head):
            if p.pos[t] not in ("ADJ", "NOUN") or not p.words[t][:1].islower():
                continue
            if p.dep[t] not in ("amod", "compound") or p.lemma[t] in self.sector_words:
                continue
            out.add(p.lemma[t])
        return out

    # -- pronouns ---------------------------------------------------------------------------
    def _accepts(self, m: Mention, c: Cluster) -> bool:
        if id(c) in self._excluded:
            return False  # "Tomas, his brother": no one is his own brother; "X met him"
        if m.pron in ("m", "f"):
            if c.type == "country":
                return m.pron == "f" and c.gender == "f"  # a state the report calls "she"
            return c.type == "person" and (c.gender is None or c.gender == m.pron)
        if m.pron == "pl":
            return c.type in ("group", "organization", "country")
        return c.type in ("organization", "country")

    def _thing_antecedent(self, m: Mention) -> bool:
        """Is the nearest subject before an "it"/"they" (in its sentence or the one before) a
        noun phrase that is no actor and agrees in number ("The video was posted; it ...", "The
        ants ... they")?  Then the pronoun most likely means that thing, not an actor."""
        p = self.p
        floor = p.sent_start_tok[max(m.sent - 1, 0)]
        singular = m.pron == "n"
        for t in range(m.start - 1, floor - 1, -1):
            if p.dep[t] not in ("nsubj", "nsubjpass") or p.pos[t] not in ("NOUN", "PROPN"):
                continue
            if t in self.tok2m:
                return False  # an actor is the nearest subject
            if p.pos[t] == "PROPN" and p.ent[t]:
                return False  # a name the tagger knows: leave it to the usual rules
            plural = p.tag[t] in ("NNS", "NNPS")
            return plural != singular
        return False

    def _pronoun(self, k: int, m: Mention) -> int | None:
        if m.pron in ("n", "pl") and self._thing_antecedent(m):
            self.declined.add(m.head)  # a thing: the speakers stage must not resolve it either
            return None
        window = PRONOUN_WINDOW if m.pron in ("m", "f") else GROUP_WINDOW
        # Earlier mentions that already belong to an actor, on the pronoun's side of the quote
        # marks: a quoted "he" is not the speaker whose attribution shares its sentence.
        same: list[int] = []
        speakers: set[int] = set()
        j = k - 1
        while j >= 0 and self.ms[j].sent == m.sent:
            if self.of[j] >= 0 and self.ms[j].in_quote == m.in_quote:
                same.append(j)
            elif self.of[j] >= 0 and m.in_quote and self.ms[j].subject:
                speakers.add(self.of[j])
            j -= 1
        if m.in_quote:
            # '"He lied," Smith said': the attribution after the quote names the speaker.
            j = k + 1
            while j < len(self.ms) and self.ms[j].sent == m.sent:
                mj = self.ms[j]
                if not mj.in_quote and mj.subject and mj.kind == "name" and mj.type == "person":
                    speakers.update(
                        ci
                        for ci, c in enumerate(self.clusters)
                        if c.type == "person" and _compatible_names(mj, c)
                    )
                j += 1
        # "Rooke met him": not the actor of a co-argument, though named sentences before
        owned = self._possessed_actor(m)
        self._excluded = {id(self.clusters[ci]) for ci in self._coargument_actors(m, same)}
        self._excluded |= {id(owned)} if owned is not None else set()
        try:
            return self._antecedent(k, m, same, speakers, window)
        finally:
            self._excluded = set()

    def _antecedent(self, k: int, m: Mention, same: list[int], speakers: set[int], window: int) -> int | None:
        p = self.p
        if m.pron == "f" and not m.in_quote:
            ci = self._personified_state(k, m, same)
            if ci is not None:
                self.clusters[ci].gender = "f"
                return ci
        # 1. A possessive right after a name with no verb between ("X and his delegation").
        near = next((j for j in same if self._accepts(m, self.clusters[self.of[j]])), None)
        if p.tag[m.head] == "PRP$" and near is not None:
            between = range(self.ms[near].end, m.start)
            # ... and at most one preposition: "had lunch with X at a cafe near her house" is
            # the subject's house ("X with his aides" is X's)
            if (
                not any(p.pos[t] in ("VERB", "AUX") for t in between)
                and sum(p.pos[t] == "ADP" for t in between) < 2
            ):
                return self.of[near]
        # 2. The nearest subject earlier in the same sentence, not the pronoun's own co-argument.
        for j in same:
            mj = self.ms[j]
            ci = self.of[j]
            if mj.subject and self._accepts(m, self.clusters[ci]):
                return ci
        for j in same:
            # "X said Kessler's hobby began when he ...": a possessor or any other mention
            # of the sentence before the previous sentences (a co-argument never)
            ci = self.of[j]
            if m.pron in ("m", "f") and not self._possessive_or_name(self.ms[j]):
                continue
            if self._accepts(m, self.clusters[ci]):
                return ci
        # 3. Previous sentences that have mentions outside quotes: subject first, then first mention.
        seen = 0
        j = k - 1
        while j >= 0 and self.ms[j].sent == m.sent:
            j -= 1
        while j >= 0 and seen < window:
            s = self.ms[j].sent
            if m.sent - s > window + 2:
                break
            group: list[int] = []
            while j >= 0 and self.ms[j].sent == s:
                if self.of[j] >= 0 and (m.in_quote or not self.ms[j].in_quote) and self.of[j] not in speakers:
                    group.append(j)
                j -= 1
            if not group:
                continue
            seen += 1
            group.reverse()
            if m.pron == "pl" and any(self.clusters[self.of[c]].type == "group" for c in group):
                # "they" takes up people before an organisation named beside them
                group = [c for c in group if self.clusters[self.of[c]].type == "group"]
            for cand in group:
                if self.ms[cand].subject and self._accepts(m, self.clusters[self.of[cand]]):
                    return self.of[cand]
            fits = [self.of[c] for c in group if self._accepts(m, self.clusters[self.of[c]])]
            if fits and (
                m.pron == "n" or (m.pron == "pl" and all(self.clusters[ci].type != "group" for ci in fits))
            ):
                # an organisation or a state of an earlier sentence, never its subject: "it" or
                # "they" more likely means a thing or people of that sentence
                return None
            if fits:
                # no subject fits: the most mentioned actor of that sentence (the report's
                # protagonist over a name met once in passing), the first on a tie
                return max(fits, key=lambda ci: (len(self.clusters[ci].mentions), -fits.index(ci)))
        return None

    def _personified_state(self, k: int, m: Mention, same: list[int]) -> int | None:
        """A state that a "she"/"her" personifies ("Chile began her long journey", "the
        welfare of Chile and her people"): the subject of the pronoun's sentence, or the name
        right before it with no verb between, when no person who may be "she" comes earlier in
        the sentence; with no actor before the pronoun in its sentence, the subject of the
        sentence before, on the same condition there."""
        p = self.p
        if any(self._accepts(m, self.clusters[self.of[j]]) for j in same):
            return None
        for j in same:
            mj, c = self.ms[j], self.clusters[self.of[j]]
            if c.type != "country":
                continue
            if mj.subject or not any(p.pos[t] in ("VERB", "AUX") for t in range(mj.end, m.start)):
                return self.of[j]
        if same or m.sent == 0:
            return None
        prev: list[int] = []
        j = k - 1
        while j >= 0 and self.ms[j].sent >= m.sent - 1:
            if self.ms[j].sent < m.sent and self.of[j] >= 0 and not self.ms[j].in_quote:
                prev.append(j)
            j -= 1
        prev.reverse()
        if any(self._accepts(m, self.clusters[self.of[j]]) for j in prev):
            return None  # a person who may be "she" (or the state, already "she": the usual rules)
        for j in prev:
            if self.ms[j].subject and self.clusters[self.of[j]].type == "country":
                return self.of[j]
        return None

    def _possessed_actor(self, m: Mention) -> Cluster | None:
        """The actor a possessive pronoun's noun already stands for, through the apposition or
        predicate that noun belongs to ("Tomas, his brother" -> Tomas's actor)."""
        p = self.p
        if p.tag[m.head] != "PRP$":
            return None
        k = self.tok2m.get(p.head[m.head])
        if k is None or k == self.tok2m.get(m.head):
            return None
        noun = self.ms[k]
        if self.of[k] >= 0:
            return self.clusters[self.of[k]]
        if noun.partner is not None and self.of[noun.partner] >= 0:
            return self.clusters[self.of[noun.partner]]
        return None

    def _names(self, ci: int) -> int:
        """How many name mentions a cluster has so far."""
        return sum(1 for k in self.clusters[ci].mentions if self.ms[k].kind == "name")

    def _possessive_or_name(self, m: Mention) -> bool:
        """A person's name or a possessor ("Kessler's"), which a later "he" may take up."""
        return m.kind == "name" or self.p.dep[m.head] == "poss"

    def _coargument_actors(self, m: Mention, candidates: list[int]) -> set[int]:
        """Clusters of the candidate mentions that share a verb with ``m`` as its subject while
        ``m`` is its object: subject and object of one verb are not the same actor ("X met
        him", "X met the boy")."""
        verb = object_verb(self.p.sp[m.head])
        if verb is None or self.p.lower[m.head].endswith(("self", "selves")):
            return set()  # a reflexive is its subject: "Rooke washed himself"
        return {self.of[j] for j in candidates if self.of[j] >= 0 and self.p.head[self.ms[j].head] == verb.i}

    # -- contextual epithets ----------------------------------------------------------------
    def _contextual(self, deferred: list[int]) -> None:
        if not deferred:
            return
        states = {
            self.of[k]
            for k, m in enumerate(self.ms)
            if m.partisan and self.of[k] >= 0 and self.clusters[self.of[k]].type == "country"
        }
        if len(states) != 1:
            return
        ci = next(iter(states))
        for k in deferred:
            self._join(k, ci)


def _core(name: str) -> str:
    """An organisation's name without its generic words ("church of zorbology" -> "zorbology")."""
    return " ".join(w for w in name.split() if w not in _GENERIC_ORG_WORDS)


def _short_form(short: str, long: str) -> bool:
    """Is ``short`` what is left of ``long`` without its generic words?"""
    if not short or short == long or (" " in short and len(short.split()) >= len(long.split())):
        return False
    core = [w for w in long.split() if w not in _GENERIC_ORG_WORDS and not w.startswith(("pro-", "anti-"))]
    return bool(core) and " ".join(core) == short


def _part_of(short: str, long: str) -> bool:
    """Is ``short`` the head or the tail of the longer name ("House" of "House of
    Representatives", "State Department" of "US State Department", "Lantern" of "Lantern
    Weekly")?  A lone generic word ("group", "party") never is."""
    s, lng = short.split(), long.split()
    if not s or len(s) >= len(lng) or (len(s) == 1 and s[0] in _GENERIC_ORG_WORDS):
        return False
    return lng[: len(s)] == s or lng[-len(s) :] == s


def _acronym(short: str, long: str) -> bool:
    """'irgc' is the acronym of 'islamic revolutionary guard corps'."""
    s = short.replace(".", "")
    if not s or " " in s or len(s) < 2:
        return False
    initials = "".join(w[0] for w in long.split() if w not in ("of", "the", "and", "for") and w)
    return s == initials
