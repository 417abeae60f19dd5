"""Themes: the taxonomy (``data/taxonomy.toml``, documented in docs/learning-taxonomy.md) and
the phrase rules that give each learning item its themes."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy with its compiled phrase rules."""

    code: str
    label: str
    group: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # (literal the text must hold, phrase regex)
    # Any of the rules' literals, in one pattern: most items hold none of a theme's literals,
    # and one scan of the text says so (None when a rule has no literal to look for).
    literals: re.Pattern[str] | None = None

    def matches(self, lowered: str) -> bool:
        """Whether any phrase matches the lower-cased text; the literal checks first, as the
        regular expressions are the slow part."""
        if self.literals is not None and not self.literals.search(lowered):
            return False
        return any(literal in lowered and rule.search(lowered) for literal, rule in self.rules)


def _phrase_regex(phrase: str) -> str:
    # A trailing * means "any word ending"; phrases may hold small regex groups like (his|her).
    body = phrase.rstrip("*")
    plain = not re.search(r"[()|\[\]?]", body)
    if plain:
        # A hyphen in a plain phrase also matches a space or nothing: writers spell compounds
        # all three ways ("non-mobile", "non mobile", "nonmobile"; "co-sleeping", "cosleeping").
        body = re.escape(body).replace(r"\-", r"[-\s]?")
    body = body.replace(r"\ ", r"\s+").replace(" ", r"\s+")
    tail = r"[\w'-]*" if phrase.endswith("*") else r"\b"
    if plain and tail == r"\b" and re.search(r"[a-rt-z]$", phrase):
        tail = r"(?:s|es)?\b"  # a plain phrase matches its plural ("strategy meeting(s)")
    return rf"(?<![\w-]){body}{tail}"


def _literal(phrase: str) -> str:
    """The lower-case text before a phrase's first pattern character ("" when it starts with
    one): a cheap test that must pass before the phrase's regular expression can match."""
    literal = re.split(r"[()\[\]|*\\?]", phrase, maxsplit=1)[0].lower()
    if phrase[len(literal) : len(literal) + 1] == "?":
        literal = literal[:-1]  # "weapons?": the letter before "?" is optional
    # the first word before any space or hyphen (a hyphen may be written as a space, or not)
    return re.split(r"[ -]", literal, maxsplit=1)[0]


@cache
def taxonomy() -> tuple[Theme, ...]:
    """The themes in taxonomy order."""
    raw = tomllib.loads(
        resources.files("fullpicture.learning").joinpath("data/taxonomy.toml").read_text("utf-8")
    )
    themes = []
    for entry in raw["theme"]:
        phrases = tuple(entry["phrases"])
        pattern = re.compile("|".join(_phrase_regex(p) for p in phrases), re.IGNORECASE)
        rules = tuple((_literal(p), re.compile(_phrase_regex(p), re.IGNORECASE)) for p in phrases)
        words = sorted({literal for literal, _ in rules}, key=len, reverse=True)
        literals = re.compile("|".join(map(re.escape, words))) if all(words) else None
        themes.append(
            Theme(entry["code"], entry["label"], entry["group"], phrases, pattern, rules, literals)
        )
    return tuple(themes)


def theme_codes() -> list[str]:
    """Every theme code, in taxonomy order."""
    return [theme.code for theme in taxonomy()]


def theme_label(code: str) -> str:
    """The label of a theme code (the code itself when unknown)."""
    return next((theme.label for theme in taxonomy() if theme.code == code), code)


def assign_themes(text: str) -> list[str]:
    """The themes the words of ``text`` give on their own, in taxonomy order (see
    :func:`lexical_themes`; :func:`fullpicture.learning.extract.extract_items` adds context)."""
    found = lexical_themes(text)
    return [code for code in theme_codes() if code in found]


# --- Context: who an item is about, and where it sits -------------------------------------

# Agencies as they are named when a sentence lists who was involved. Named in a list of two or
# more ("the police, the school and youth justice"), they are participants: the item is about
# agencies working together (multi_agency), not about schooling, health care or policing.
_AGENCY = (
    r"(?:the\s+|a\s+|their\s+|his\s+|her\s+)?(?:"
    r"police|schools?|teachers?|college|nurser(?:y|ies)|youth\s+justice|youth\s+(?:offending\s+)?workers?|"
    r"health\s+visit(?:ors?|ing(?:\s+team|\s+service)?)|gps?|general\s+practi(?:ce|tioners?)|"
    r"midwi(?:fe|ves|fery)|hospitals?|emergency\s+department|school\s+nurses?|health|"
    r"housing(?:\s+officers?|\s+services?)?|probation|children's\s+social\s+care|social\s+care|"
    r"social\s+workers?|adult\s+services|children's\s+services|camhs|early\s+help(?:\s+workers?)?|"
    # education named as a partner beside others ("health, education and children's social
    # care") is one of the parties, as a school is (the Department for Education is not)
    r"(?<!department\sfor\s)education(?:\s+services?)?)"
)
_AGENCY_LIST = re.compile(
    rf"(?<![\w-]){_AGENCY}(?:\s*,\s*{_AGENCY})*\s*,?\s+(?:and|or|nor)\s+{_AGENCY}(?![\w-])",
    re.IGNORECASE,
)
_AGENCY_THEMES = frozenset({"education", "health", "police", "housing"})
_AGENCY_WORD = re.compile(_AGENCY, re.IGNORECASE)
# Staff of the health service, named in a list on their own.
_ONE_SERVICE = re.compile(
    r"(?:the\s+|a\s+|their\s+|his\s+|her\s+)?(?:health\s+visit(?:ors?|ing(?:\s+team|\s+service)?)|"
    r"gps?|general\s+practi(?:ce|tioners?)|midwi(?:fe|ves|fery)|hospitals?|emergency\s+department|"
    r"school\s+nurses?|health)",
    re.IGNORECASE,
)

# A clause starts at punctuation or a conjunction; a service named within the first few words
# of one is its subject ("the school did not ...") rather than its object ("told the school").
_CLAUSE = re.compile(r"[,;:.]|\b(?:but|and|although|though|while|when|yet|because|so that)\b")
_SERVICE_WORD = re.compile(
    # the police station or custody is where the child was, not the police as an actor; the
    # emergency department is not here: a child's visits to it are health care wherever it is
    # named (over the corpus's gold, 5 of 6 such items have `health`, from five authors)
    r"(?<![\w-])(?:police(?!\s+(?:stations?|custody|cells?))|schools?|teachers?|college|"
    r"nurser(?:y|ies)|health\s+visit(?:ors?|ing)|"
    r"gps?|general\s+practi(?:ce|tioners?)|midwi(?:fe|ves|fery)|hospitals?|"
    r"school\s+nurses?|health\s+professionals?|health\s+services|maternity\s+services?|"
    # a child and adolescent mental health service is health when it acts or is addressed,
    # not where a child was referred or waited (docs/learning-taxonomy.md, settled case (j))
    r"child\s+and\s+adolescent\s+mental\s+health\s+services?|camhs|cypmhs|"
    r"children\s+and\s+young\s+people's\s+mental\s+health\s+services?)(?![\w-])"
)


# Being in school or out of it is the child's schooling wherever it is named: "not in school",
# "out of school", "stopped attending school", "a school place"; so is leaving or starting
# school ("when a child leaves school", "the day a child started school").
_IN_OR_OUT_OF = re.compile(
    r"\b(?:in|of|from|attend(?:s|ed|ing)?|leav(?:e|es|ing)|left|start(?:s|ed|ing)?)\s+$"
)
_PLACE = re.compile(r"\s+places?\b")


# A service something is known, told or reported to is someone else's object ("known to the
# police", "report to the police") however early in the clause it stands.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:known|reported|referred|told|report|talk|speak|went|go|going|passed|sent|returned)"
    r"\s+to\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?$"
)


# A service named after "by" is the agent of a passive clause ("a bruise seen by the GP", "was
# repeated by health visitors"): the clause's real subject, whatever its place in the words.
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?$")


# A teacher a child told something to is who heard it ("she told her teacher that ..."), not
# the school acting: the object of the child's telling, however early it stands.
_TOLD_BY_CHILD = re.compile(
    r"\b(?:told|tell|tells|telling)\s+(?:his|her|their|a|the)\s+(?:class\s+|form\s+)?$"
)


def _school_as_topic(lowered: str, match: re.Match[str]) -> bool:
    """Whether a school named here is the child's schooling rather than a service."""
    if not match.group(0).startswith("school"):
        return False
    return bool(
        _IN_OR_OUT_OF.search(lowered[: match.start()]) or _PLACE.match(lowered, match.end())
    )


def _objects_masked(lowered: str, window: int) -> str:
    """Blank the services named other than as a clause's subject: more than ``window`` words
    after the clause's start."""

    def blank(match: re.Match[str]) -> str:
        before = lowered[: match.start()]
        if _school_as_topic(lowered, match) or _BY_AGENT.search(before):
            return match.group(0)
        if _AFTER_PREPOSITION.search(before) or _TOLD_BY_CHILD.search(before):
            return " " * len(match.group(0))
        boundary = max((m.end() for m in _CLAUSE.finditer(before)), default=0)
        if len(before[boundary:].split()) <= window:
            return match.group(0)
        return " " * len(match.group(0))

    return _SERVICE_WORD.sub(blank, lowered)


# The groups of themes that say what learning is about (the harm, the family's circumstances,
# the child's group), as opposed to how practice went: a section heading that names one of
# these ("Learning about neglect") gives it to the items under it.
_TOPIC_GROUPS = frozenset({"harm", "extra_familial", "family", "child"})


def _participants_masked(lowered: str) -> tuple[str, bool]:
    """The text with agency lists blanked out, and whether there was such a list. A list of
    one service's staff ("health visitors and midwives") keeps that service's theme and is
    not a list of agencies: it does not make the item about agencies working together."""
    listed = False

    def blank(match: re.Match[str]) -> str:
        nonlocal listed
        span = match.group(0)
        services = _services(span)
        if len(services) == 1 and len(_AGENCY_WORD.findall(span)) == len(
            _ONE_SERVICE.findall(span)
        ):
            # one service's staff, not agencies working together unless the item names
            # another agency beside them ("the police told the midwife and health visitor")
            rest = lowered[: match.start()] + " " + lowered[match.end() :]
            others = {code for m in _AGENCY_WORD.finditer(rest) for code in _services(m.group(0))}
            listed = listed or bool(others - services)
            return span
        listed = True
        return " " * len(span)

    return _AGENCY_LIST.sub(blank, lowered), listed


def _services(text: str) -> set[str]:
    """The service themes (education, health, police, housing) that ``text`` names."""
    return {t.code for t in taxonomy() if t.code in _AGENCY_THEMES and t.matches(text)}


def lexical_themes(
    text: str, child: str | None = None, subject_window: int | None = None
) -> set[str]:
    """The themes the words of ``text`` give, agency lists read as multi-agency working.

    Args:
        text: the item (or heading, or title).
        child: how the review names its child ("J"): "J's own account" and "what J said" are
            the child's voice, as "his own account" is.
        subject_window: when set, a service (school, police, GP, hospital ...) gives its
            theme only as a clause's subject, within this many words of the clause's start
            ("The school did not ..."), not as the object of someone else's practice ("was
            not known to the GP"); None reads every mention.
    """
    lowered = text.lower()
    masked, listed = _participants_masked(lowered)
    if subject_window is not None:
        masked = _objects_masked(masked, subject_window)
    read_as = {
        "substance_misuse": _DRUG_SUPPLY.sub(" ", lowered),
        "multi_agency": _NOT_WORKING_TOGETHER.sub(" ", lowered),
        "escalation": _RISING_HARM.sub(" ", lowered),
        "neglect": _own_appointments_masked(lowered),
        "voice_of_child": _adult_seen_alone_masked(lowered),
        "physical_abuse": _WEAPON_WOUNDS.sub(" ", lowered),
    }
    found = {
        theme.code
        for theme in taxonomy()
        if theme.matches(
            masked if theme.code in _AGENCY_THEMES else read_as.get(theme.code, lowered)
        )
    }
    if listed:
        found.add("multi_agency")
    if child and _child_voice(child).search(text):
        found.add("voice_of_child")
    return _resolve_exploitation(found, lowered)


# Drugs a child is made to carry, move or sell are criminal exploitation, not anyone's use of
# them: these phrases are blanked before the substance-misuse phrases are read.
_DRUG_SUPPLY = re.compile(
    r"(?:carr(?:y|ies|ied|ying)|mov(?:e|es|ed|ing)|sell(?:s|ing)?|sold|deliver(?:s|ed|ing)?|"
    r"deal(?:s|t|ing)?|suppl(?:y|ies|ied|ying)|run(?:s|ning)?|hold(?:s|ing)?|held)\s+"
    r"(?:class a\s+)?drugs|drugs?[\s-]+(?:supply|supplying|dealing|dealer|running|line)s?|"
    # possession with intent, drugs offences, a child found with drugs and cash: the police's
    # words for what a child was made to carry
    r"possession\s+of\s+(?:class a\s+)?drugs|drugs?\s+(?:supply\s+)?offences?|"
    r"(?:found|caught|stopped)\s+(?:\w+\s+){0,4}?with\s+(?:cash\s+or\s+)?drugs|"
    r"drugs,?\s+(?:phones?\s+)?(?:and|or)\s+(?:large amounts of\s+)?(?:cash|money)",
    re.IGNORECASE,
)


# Appointments a young person or an adult misses are their own (a teenager who stops going to
# CAMHS, a young adult discharged from a service, a child on a youth justice order), not a
# carer's failure to bring a child (neglect's "was not brought"): in an item about them, missed
# appointments are blanked before the neglect phrases are read.
_OWN_ATTENDER = re.compile(
    r"\b(?:young (?:person|people|adults?)|teenagers?|adolescen\w*|camhs|"
    r"adult (?:services?|patients?)|(?:mental health|youth justice|probation) services?|"
    r"on (?:an|a youth justice|his|her) order|orders?\b(?= .*\bcompliance)|case management)",
)
_MISSED_APPOINTMENTS = re.compile(r"\bmissed\s+(?:\w+\s+)?appointments?\b")


def _own_appointments_masked(lowered: str) -> str:
    """The text with missed appointments blanked when the item is about a young person's or an
    adult's own attendance (see :data:`_OWN_ATTENDER`)."""
    if not _OWN_ATTENDER.search(lowered):
        return lowered
    return _MISSED_APPOINTMENTS.sub(" ", lowered)


# A mother or another woman "seen alone" is seen apart from her partner, so that she can be
# asked about domestic abuse (routine enquiry in maternity and primary care): her privacy, not
# the child's voice. In an item that names her so, "seen alone" is blanked before the
# child's-voice phrases are read.
_ADULT_SEEN_ALONE = re.compile(
    r"\b(?:mother|mothers|mum|woman|women|wife|she)\b[^.;]{0,60}?"
    r"\bseen\s+(?:alone|on\s+(?:her|their)\s+own)\b"
)
_SEEN_ALONE = re.compile(r"\bseen\s+(?:alone|on\s+(?:her|their)\s+own)\b")
_WOMAN = re.compile(r"\b(?:mother|mothers|mum|woman|women|wife)\b")


def _adult_seen_alone_masked(lowered: str) -> str:
    """The text with "seen alone" blanked when the item is about a woman seen alone (see
    :data:`_ADULT_SEEN_ALONE`); a child seen alone keeps it."""
    if not (_WOMAN.search(lowered) and _ADULT_SEEN_ALONE.search(lowered)):
        return lowered
    return _SEEN_ALONE.sub(" ", lowered)


# Harm or risk that grows ("escalating risk", "the violence escalated") is not a practitioner
# escalating a concern: blanked before the escalation phrases are read.
_RISING_HARM = re.compile(
    r"escalat(?:ing|ion of|ions? in)\s+(?:the\s+)?(?:risks?|violence|abuse|harm|behaviour|"
    r"incidents?|threats?|control|conflict|self-harm|use)\b|"
    r"(?:risks?|violence|abuse|harm|behaviour|incidents|threats|conflict|self-harm)\s+"
    r"(?:\w+\s+){0,2}?escalat(?:ed|ing|es)\b",
    re.IGNORECASE,
)


# A stab wound or a knife injury is violence outside the home (a teenager stabbed in the
# street), not physical abuse by a carer: these wounds are blanked before the physical-abuse
# phrases ("injury", "injured") are read (docs/learning-taxonomy.md, "Harms without a code").
_WEAPON_WOUNDS = re.compile(
    r"(?:stab|knife|gunshot|penetrating)\s+(?:or\s+(?:\w+\s+)?)?(?:wounds?|injur(?:y|ies))"
    r"(?:\s+(?:or|and)\s+(?:\w+\s+)?(?:wounds?|injur(?:y|ies)))?|"
    r"injur(?:ed|ies|y)\s+(?:\w+\s+){0,2}?(?:in\s+a\s+|by\s+a\s+)?(?:stabbing|knife)",
    re.IGNORECASE,
)


# Training offered to many agencies is about the workforce, and a bed, a room or images
# shared are not information shared: blanked before the multi-agency phrases are read.
_NOT_WORKING_TOGETHER = re.compile(
    r"multi[-\s]?agency\s+(?:[\w-]+\s+){0,3}?training|"
    r"training\s+(?:\w+\s+){0,3}?(?:for|to|across)\s+(?:all|other|partner)\s+agencies|"
    r"shar(?:e|es|ed|ing)\s+(?:of\s+)?(?:a\s+|the\s+|their\s+|his\s+|her\s+|one\s+)?"
    r"(?:(?:intimate|nude|naked|sexual|explicit|indecent|private|single|small|double|same)\s+)?"
    r"(?:beds?|rooms?|bedrooms?|images?|photos?|pictures?|videos?)\b|"
    # an image, photo or video shared is a child's image passed on, not information
    r"(?:images?|photos?|pictures?|videos?)\s+(?:\w+\s+){0,2}?(?:being\s+|been\s+|was\s+|were\s+)?"
    r"shared\b|"
    # a notification one agency has received or filed is that agency's own practice with what
    # it holds (docs/learning-taxonomy.md, settled case (i)), not information passing between
    r"receiv\w*\s+(?:a\s+|the\s+|each\s+|any\s+|every\s+)?(?:domestic\s+abuse\s+|police\s+)?"
    r"notifications?\b|notifications?\s+(?:\w+\s+){0,3}?(?:is|are|was|were|been)\s+"
    r"(?:received|filed)\b|notifications?\s+(?:it|they|she|he)\s+had\s+received\b",
    re.IGNORECASE,
)


@cache
def _child_voice(child: str) -> re.Pattern[str]:
    """The child's own account named by their pseudonym: "J's own account", "what J said"."""
    name = re.escape(child)
    return re.compile(
        rf"(?<![\w-]){name}'s\s+(?:own\s+)?(?:account|words|views?|wishes|experience)|"
        rf"what\s+{name}\s+(?:said|told|wanted|was\s+saying)",
    )


# "Older men" or "older males" around a child are exploitation of a kind the words do not say
# (of a girl by "boyfriends", of a boy running drugs): read like the bare word.
_GENERIC_EXPLOITATION = re.compile(r"(?<![\w-])(?:exploit(?:ed|ation|ing)|older\s+(?:men|males))\b")
_CRIMINAL_CUES = re.compile(
    r"criminal|county lines|drug|gang|cce\b|carrying|dealing|national referral|weapon|knife"
)


def generic_exploitation(text: str) -> bool:
    """Whether the only word for exploitation in ``text`` is the bare one ("exploitation",
    "exploited"): nothing says it is sexual, and no drugs, gangs, county lines or weapons say
    it is criminal. Which exploitation such an item means is the review's (see
    :func:`fullpicture.learning.review_themes.resolve_exploitation`)."""
    lowered = text.lower()
    if not _GENERIC_EXPLOITATION.search(lowered) or _CRIMINAL_CUES.search(lowered):
        return False
    return not any(t.code == "sexual_exploitation" and t.matches(lowered) for t in taxonomy())


def _resolve_exploitation(found: set[str], lowered: str) -> set[str]:
    """'Exploitation' alone is criminal exploitation only when nothing says it is sexual."""
    if "sexual_exploitation" in found and "criminal_exploitation" in found:
        if _GENERIC_EXPLOITATION.search(lowered) and not _CRIMINAL_CUES.search(lowered):
            found.discard("criminal_exploitation")
    return found


def theme_group(code: str) -> str:
    """The coding-frame group of a theme code ("" when unknown)."""
    return next((theme.group for theme in taxonomy() if theme.code == code), "")


def topic_themes(codes: set[str]) -> set[str]:
    """The topic themes among ``codes`` (harm, extra-familial harm, family, the child)."""
    return {code for code in codes if theme_group(code) in _TOPIC_GROUPS}
