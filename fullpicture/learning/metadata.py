"""Review metadata: title, partnership or board, date and year, review type, the child's
pseudonym, age and sex, and the agencies involved, read from a review's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

REVIEW_TYPES: dict[str, str] = {
    "serious_case_review": "Serious case review",
    "child_safeguarding_practice_review": "Child safeguarding practice review",
    "rapid_review": "Local or rapid review",
    "practice_review": "Practice review",
    "silp": "Significant incident learning process (SILP)",
    "multi_agency_audit": "Multi-agency audit",
    "appreciative_inquiry": "Appreciative inquiry",
    "learning_together": "SCIE Learning Together",
    "bulletin": "Learning bulletin or briefing",
    "thematic_analysis": "National or thematic analysis",
    "catalogue": "Learning catalogue",
    "unknown": "Not stated",
}

# Most specific first: a "learning briefing on a serious case review" is the review it reports
# only when that is named; the first pattern found in the title wins, then in the text.
_TYPE_PATTERNS: list[tuple[str, str]] = [
    ("learning_together", r"learning together"),
    ("silp", r"\bsilp\b|significant incident learning process"),
    ("appreciative_inquiry", r"appreciative inquiry"),
    (
        "multi_agency_audit",
        r"multi-agency (?:case (?:file )?)?audit|case file audit|\bjtai\b|"
        r"joint targeted area inspection",
    ),
    (
        "thematic_analysis",
        r"triennial|national analysis|thematic (?:review|analysis|briefing)|national review|"
        # a document drawing on a number of reviews analyses them ("learning from five
        # local reviews"); "learning from reviews" alone is a briefing
        r"(?:learning from|analysis of|themes from|across|findings of) (?:the )?(?:two|three|"
        r"four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) (?:\w+ ){0,2}reviews\b",
    ),
    ("serious_case_review", r"serious case review|\bscr\b"),
    ("rapid_review", r"rapid review|local review\b"),
    (
        "child_safeguarding_practice_review",
        r"child safeguarding practice review|\blcspr\b|\bcspr\b",
    ),
    ("practice_review", r"practice review|learning review"),
    (
        "bulletin",
        r"bulletin|briefing|practice brief\b|7[- ]minute|seven[- ]minute|learning summary|"
        r"newsletter",
    ),
]

_PARTNERSHIP = re.compile(
    r"((?:[A-Z][\w'&-]*\s+(?:and\s+|&\s+)?){1,5}?"
    r"(?:Safeguarding Children(?:'s)? Partnership|Safeguarding Children Board|Safeguarding "
    r"Partnership|Local Safeguarding Children Board|Children(?:'s)? Safeguarding Partnership|"
    r"Safeguarding Children Partnership|(?:Safeguarding|Child Protection) (?:Learning |Practice "
    r"Review )?Panel|"
    r"Practice Review Panel|LSCB|SCP|SCB))"
)
_NATIONAL = re.compile(r"\bnational\b|practice review panel", re.IGNORECASE)
_PARTNERSHIP_LABEL = re.compile(
    r"^(?:partnership|board|safeguarding partnership)\s*:\s*(.+)$", re.I
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE_WORDS = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?("
    + "|".join(m.title() for m in _MONTHS)
    + r")\s+(\d{4})\b"
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_LABEL = re.compile(r"(?:published|date|dated|issued|publication date)\s*:?\s*", re.I)
_YEAR = re.compile(r"\b(20[0-3]\d|199\d)\b")
_PSEUDONYM = [
    re.compile(r"\b((?:Child|Baby|Sibling|Young Person)\s+[A-Z][a-z]?\d?)\b(?![a-z])"),
    re.compile(r"(?:known as|referred to as|called)\s+[\"'\u2018\u201c]?([A-Z][a-z]+)"),
    re.compile(r"[\"\u2018\u201c']([A-Z][a-z]{2,12})[\"\u2019\u201d']"),
]
_AGE = re.compile(
    r"\b(\d{1,2})[- ](?:year|month|week)s?[- ]old\b|\baged\s+(\d{1,2}(?:\s+(?:months|weeks))?)",
    re.I,
)
AGENCIES: dict[str, str] = {
    "children's social care": r"children'?s social care|social care|social work(?:er|ers)?\b",
    "police": r"\bpolice\b",
    "health visiting": r"health visit",
    "general practice": r"\bgps?\b|general practi",
    "midwifery": r"midwi",
    "hospital": r"hospital|emergency department|acute trust|\ba&e\b",
    "CAMHS": r"\bcamhs\b|child and adolescent mental health",
    "education": r"\bschools?\b|college|virtual school|education",
    "housing": r"\bhousing\b",
    "probation": r"probation",
    "youth justice": r"youth justice|youth offending",
    "early help": r"early help",
    "adult mental health": r"adult mental health",
    "substance misuse service": r"substance misuse service|drug and alcohol service",
    "ambulance": r"ambulance",
    "voluntary sector": r"voluntary sector|charity|barnardo|nspcc",
}


@dataclass
class ReviewMetadata:
    """What a review says about itself."""

    title: str
    partnership: str | None = None
    review_date: date | None = None
    year: int | None = None
    review_type: str = "unknown"
    child_pseudonym: str | None = None
    child_age: str | None = None
    child_sex: str | None = None
    agencies: list[str] = field(default_factory=list)


def detect_type(text: str) -> str | None:
    """The review type a piece of text names, or None; see :data:`REVIEW_TYPES`."""
    lowered = text.lower()
    for code, pattern in _TYPE_PATTERNS:
        if re.search(pattern, lowered):
            return code
    return None


def find_partnership(lines: list[str]) -> str | None:
    """The partnership or board named first (a "Partnership:" label wins)."""
    for line in lines:
        if match := _PARTNERSHIP_LABEL.match(line.strip()):
            return match.group(1).strip().rstrip(".")
    for line in lines:
        if line.isupper():
            line = line.title()  # "CARNFORD LOCAL SAFEGUARDING CHILDREN BOARD"
        if match := _PARTNERSHIP.search(line):
            name = match.group(1).strip()
            name = re.sub(r"^(?:The|the|By|by|From|from|A|a)\s+", "", name)
            return name
    return None


def _to_date(day: str | None, month: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS.index(month.lower()) + 1, int(day or 1))
    except ValueError:
        return None


def latest_year(lines: list[str]) -> int | None:
    """The latest year the opening lines name, when no date is written out ("reviews
    published between 2019 and 2022"): a review is written after the years it covers."""
    years = [int(year) for line in lines for year in _YEAR.findall(line)]
    return max(years) if years else None


def find_date(lines: list[str]) -> tuple[date | None, int | None]:
    """The review's date (a labelled date first, then the first date written out) and year."""
    labelled = [line for line in lines if _DATE_LABEL.match(line.strip())]
    for line in labelled + lines:
        if match := _DATE_WORDS.search(line):
            found = _to_date(match.group(1), match.group(2), match.group(3))
            if found:
                return found, found.year
        if match := _DATE_NUMERIC.search(line):
            try:
                found = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
                return found, found.year
            except ValueError:
                continue
    for line in labelled:
        if match := _YEAR.search(line):
            return None, int(match.group(1))
    return None, None


def find_pseudonym(lines: list[str]) -> str | None:
    """The child's pseudonym: "Child M", "Baby T", or a name the review says it uses."""
    for pattern in _PSEUDONYM:
        for line in lines:
            if match := pattern.search(line):
                return match.group(1)
    return None


def find_age(text: str) -> str | None:
    """The child's age where stated ("14-year-old", "aged 3 months")."""
    if match := _AGE.search(text):
        if match.group(1):
            unit = re.search(r"(year|month|week)", match.group(0), re.I)
            return f"{match.group(1)} {unit.group(1).lower() if unit else 'year'}s"
        value = match.group(2)
        return value if " " in value else f"{value} years"
    return None


def find_sex(text: str) -> str | None:
    """The child's sex from the words used of them (girl/boy, she/he); None when unclear."""
    lowered = text.lower()
    female = len(re.findall(r"\b(?:she|her|girl|young woman|daughter)\b", lowered))
    male = len(re.findall(r"\b(?:he|him|his|boy|young man|son)\b", lowered))
    if female > 2 * male and female >= 2:
        return "female"
    if male > 2 * female and male >= 2:
        return "male"
    return None


def find_agencies(text: str) -> list[str]:
    """The agencies the text names, in a fixed order, each once."""
    lowered = text.lower()
    return [name for name, pattern in AGENCIES.items() if re.search(pattern, lowered)]


def extract_metadata(title: str, lines: list[str], preamble: list[str]) -> ReviewMetadata:
    """Read one review's metadata from its lines, falling back on the document's preamble.

    Args:
        title: the review's heading (or the document's first heading).
        lines: the review's own text, one block per entry.
        preamble: the document's text before its first review (shared by all its reviews).
    """
    text = "\n".join(lines)
    review_date, year = find_date(lines[:40])
    if year is None:
        review_date, year = find_date(preamble[:40])
    if year is None:
        year = latest_year(lines[:40] + preamble[:40])
    review_type = (
        detect_type(title)
        or detect_type("\n".join(lines[:12]))
        or detect_type("\n".join(preamble[:12]))
        or detect_type(text)
        or "unknown"
    )
    partnership = find_partnership(preamble[:30] + lines[:30]) or find_partnership(lines)
    if review_type in ("bulletin", "unknown") and _NATIONAL.search(partnership or ""):
        review_type = "thematic_analysis"  # a national panel's briefing analyses many reviews
    return ReviewMetadata(
        title=title or (lines[0] if lines else "Untitled review"),
        partnership=partnership,
        review_date=review_date,
        year=year,
        review_type=review_type,
        child_pseudonym=find_pseudonym([title, *lines[:40]]),
        child_age=find_age(text),
        child_sex=find_sex(text),
        agencies=find_agencies(text),
    )
