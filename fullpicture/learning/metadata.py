"""Review metadata: title, partnership or board, date and year, review type, the child's
pseudonym, age and sex, and the agencies involved, read from a review's text."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from string import capwords

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
    # SCIE's systems model is the Learning Together method ("using the SCIE systems model")
    ("learning_together", r"learning together|\bscie(?:'s)? systems? (?:model|approach|review)"),
    ("silp", r"\bsilp\b|significant incident learning process"),
    ("appreciative_inquiry", r"appreciative inquiry"),
    (
        "multi_agency_audit",
        # "multi-agency audit", "multiagency thematic audit", "multi-agency case file audit"
        r"multi-?\s?agency (?:[\w-]+ ){0,3}audits?\b|case file audit|\bmacfa\b|\bjtai\b|"
        r"\bthematic (?:case )?audits?\b|"
        r"joint targeted area inspection|"
        # the partnership's audit of its agencies' safeguarding duties
        r"\bsection 11 (?:audit|self[- ]assessment)",
    ),
    (
        "thematic_analysis",
        r"triennial|national analysis|themat(?:ic|ically) (?:[\w-]+ ){0,2}"
        r"(?:review|analysis|briefing)|themed review|national review|"
        # a document drawing on a number of reviews analyses them ("learning from five
        # local reviews"); "learning from reviews" alone is a briefing
        r"(?:learning from|analysis of|themes from|across|findings of) (?:the )?(?:two|three|"
        r"four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) (?:\w+ ){0,2}reviews\b|"
        # "This pack draws on the following reviews and audits", "brings together the
        # learning from several local reviews"
        r"(?:draws? on|drawn from|drawing on|brings? together) (?:the learning from )?"
        r"(?:the following|several|a number of|all (?:of )?(?:the |our )?) ?(?:\w+ ){0,2}"
        r"(?:reviews|audits)\b",
    ),
    ("serious_case_review", r"serious case review|\bscr\b"),
    ("rapid_review", r"rapid (?:learning )?review|local review\b"),
    (
        "child_safeguarding_practice_review",
        # some partnerships drop "child": a "local safeguarding practice review" (LSPR)
        r"child safeguarding practice review|\blcspr\b|\bcspr\b|"
        r"local safeguarding practice review|\blspr\b",
    ),
    (
        "practice_review",
        # a single agency's own review shared with the partnership ("single-agency learning
        # review", "single agency review"), a "learning and improvement review"
        r"practice review|learning review|single[- ]agency (?:[\w-]+ )?review\b|"
        r"learning and improvement review|"
        # an agency's own review of a serious incident: a youth justice service's "serious
        # incident review", an NHS trust's "patient safety incident investigation" (PSII)
        r"serious incident (?:learning )?(?:review|investigation)|"
        r"patient safety incident investigation|\bpsii\b|"
        # a probation service's "serious further offence review", a trust's "root cause
        # analysis", a police force's "after action review"
        r"serious further offence (?:review|investigation)|\bsfo review\b|root cause analysis|"
        r"after[- ]action review",
    ),
    (
        "bulletin",
        r"bulletin|briefing|practice brief\b|7[- ]minute|seven[- ]minute|\b7mb\b|learning summary|"
        r"newsletter|(?:learning|practitioner|practice) (?:brief|note|sheet|leaflet)s?\b|"
        r"one[- ]minute guide|\bpodcast\b|"
        # a letter to the workforce about a review ("A letter to everyone who works with
        # children", "An open letter from the chair") tells its learning, as a briefing does
        r"\bopen letter\b|\bletter (?:to|from) (?:all|every|the|our|colleagues|practitioners)|"
        # a partnership's alert to practitioners after a review ("Practice alert 2025/02");
        # not "safeguarding alert", which in adult social care names a referral
        r"\b(?:practice|learning) alerts?\b|"
        # "Learning on a page: ...", one sheet of a review's learning
        r"\b(?:learning|lessons|review|practice) on a page\b|"
        # a poster for staff rooms made from a review ("This poster is for every staff room",
        # "Practice poster 3")
        r"\bposters?\b|"
        # other short products: "Myth buster: ...", "Mythbusting", an infographic, a fact sheet
        r"\bmyth[- ]?bust(?:ers?|ing)\b|\binfographics?\b|\bfact ?sheets?\b|"
        # a course's material built on a review: "Participant handout", "Delegate workbook"
        r"\bhandouts?\b|\b(?:participant|delegate|learner)s?['\u2019]? (?:pack|workbook|notes)\b",
    ),
]
# What only a title says: a numbered issue or an edition names a periodical ("Safeguarding
# Matters: Issue 14, Spring 2025"), and themes drawn from reviews, plural, name a thematic
# analysis ("Learning from reviews: the themes that keep coming back", "Common themes from
# local reviews"), where "Learning from reviews: neglect briefing" stays a briefing.
_TITLE_TYPE_PATTERNS: list[tuple[str, str]] = [
    (
        "bulletin",
        r"\bissue\s+(?:no\.?\s*)?\d{1,3}\b|\b(?:edition|vol\.?|volume)\s+\d{1,3}\b|"
        r"\b(?:spring|summer|autumn|winter)\s+(?:\d{4}\s+)?(?:edition|issue)\b",
    ),
    (
        "thematic_analysis",
        r"\bthemes\b.{0,60}\breviews\b|\breviews\b.{0,60}\bthemes\b|"
        # learning drawn from reviews, plural, with nothing saying it is a briefing: a
        # scrutineer's "Learning from Reviews", a trust's "Learning from Child Safeguarding
        # Reviews", a board's "Learning from our reviews: the year in review"
        r"\blearning from (?:[\w'-]+ ){0,3}reviews\b(?!.{0,40}\b(?:briefing|bulletin|newsletter|"
        r"update|digest)\b)|"
        # what a partnership's arrangements lack against a national review's findings
        r"\bgap analysis\b",
    ),
    # a school's or college's termly update, a partnership's practice update, a quarterly
    # digest of reviews
    (
        "bulletin",
        r"\b(?:safeguarding|learning|practice|termly|monthly|quarterly|weekly|staff|team|dsl) "
        r"(?:updates?|digests?)\b|\bdigest of\b|"
        # learning in a snapshot: "Learning snapshot", "Spotlight on ...", "Key messages for
        # GPs"; not a film's script, which the corpus types by the review it is drawn from
        r"\b(?:(?:learning )?snapshot|spotlight on|key messages)\b|"
        # an agency's note to its own staff, often numbered by year: "Safeguarding note for
        # crews 2/2025", "Team note for ward staff"
        r"\b(?:safeguarding|staff|team) notes?\b|"
        r"\bnotes? (?:for|to) (?:all )?(?:[\w-]+ )?(?:staff|crews|teams|colleagues|managers)\b",
    ),
]
# What a title says before the review types it names: learning passed on "from a" review
# ("Safeguarding update: learning from a local rapid review", "Learning from a rapid review")
# is a briefing about it, not the review; learning gathered over years of reviews or from a
# counted set of them ("Reflections from three years of reviews", "Lessons from a decade of
# serious case reviews", "Findings from a review of twelve rapid reviews") is a thematic
# analysis.
_ONE_REVIEW = "|".join(
    pattern for code, pattern in _TYPE_PATTERNS if code not in ("bulletin", "thematic_analysis")
)
_TITLE_FIRST_PATTERNS: list[tuple[str, str]] = [
    (
        "thematic_analysis",
        r"\b(?:years?|decades?) of (?:[\w-]+ ){0,3}(?:reviews|audits)\b|"
        r"\b(?:review|reflections?|lessons|findings) (?:of|from|on) (?:the )?(?:two|three|four|"
        r"five|six|seven|eight|nine|ten|eleven|twelve|\d+) (?:[\w-]+ ){0,3}reviews\b|"
        # themes drawn from reviews, plural, even when it names their type ("Themes from our
        # rapid reviews: April 2024 to March 2025")
        r"\bthemes\b.{0,40}\b(?:from|across|in|of) (?:[\w'\u2019-]+ ){0,4}reviews\b|"
        # a partnership's or panel's report on its year, or its learning and improvement
        # framework, held as one record: it looks across the year's or recent reviews
        # (docs/learning-taxonomy.md, "Reports on a year and frameworks")
        r"\b(?:annual|yearly) (?:learning )?report\b|\blearning and improvement framework\b",
    ),
    (
        "bulletin",
        # opening the title or after a communication's name; a case in a bulletin headed
        # "Kai: learning from a rapid review" is that review
        r"^(?:[\w ]*\b(?:update|briefing|bulletin|newsletter|e-?mail|message|letter|cascade|"
        r"alert|note)s?\s*[:\u2013\u2014-]\s*)?"
        r"learning from (?:a|an|one) (?:recent |local |partnership )*(?:" + _ONE_REVIEW + ")|"
        # a review called only by its child ("Learning from the Child W review: what it means
        # for our teams"): the title names no type, so the review is named only in the text
        r"^(?:learning|lessons?(?: learn(?:ed|t))?) from the (?:child|baby|young person) "
        r"[a-z]{1,12} review\b",
    ),
]
# A title page's line saying what the document is: "The practitioner newsletter of the
# Whitmoor Safeguarding Children Partnership", "Our quarterly learning bulletin";
# "In this issue:" opens a periodical's contents list.
_GENRE_LINE = re.compile(
    r"^\s*(?:(?:the|our|a|an)\s+(?:[\w-]+\s+){0,2}(?:e-?)?(?:newsletter|bulletin)\b|"
    r"in this (?:issue|edition|update)\b|"
    # a line that only names the periodical and its publisher ("Lowmarsh Safeguarding
    # Children Partnership practitioner newsletter") or its edition ("Winter edition,
    # published January 2025", "Issue 12, March 2024")
    r"[\w'\u2019&. -]{0,90}\b(?:e-?)?(?:newsletter|bulletin)\s*$|"
    # a line saying the document is a briefing about a review: "A briefing on the local child
    # safeguarding practice review", "Practitioner brief about the rapid review of Baby Q"
    r"(?:(?:a|an|the|our)\s+)?(?:[\w-]+\s+)?(?:briefing|brief|bulletin|leaflet|note|poster)\s+"
    r"(?:on|about|from|for)\s+(?:the|a|an|our|this)\s+(?:[\w-]+\s+){0,5}?reviews?\b|"
    r"(?:spring|summer|autumn|winter)\s+(?:\d{4}\s+)?(?:edition|issue)\b"
    r"(?:[\s,:|\u00b7-]+(?:published\s+)?(?:[\w ]{0,20}\d{4})?)?\s*$|"
    r"(?:issue|edition)\s+(?:no\.?\s*)?\d{1,3}[\s,:|\u00b7-]+(?:published\s+)?"
    r"[\w ]{0,20}\b(?:19|20)\d\d\s*$)",
    re.I,
)
# A title page's line saying the document draws on a partnership's reviews, plural, over a
# span of years ("Learning brief drawn from our local reviews, 2021 to 2024", "Reviews
# 2019-2023: what we have learned") or on its reviews as a body ("drawn from our reviews"):
# it looks across them (a thematic analysis), whatever genre it takes.
_ACROSS_REVIEWS = re.compile(
    r"\breviews\b[^.]{0,40}?\b(?:19|20)\d\d\s*(?:to|-|\u2013|\u2014|/)\s*"
    r"(?:(?:19|20)\d\d|\d\d)\b|"
    r"\b(?:drawn from|draws? on|drawing on) (?:our|the partnership's|[\w-]+['\u2019]s) "
    r"(?:[\w-]+ ){0,2}reviews\b|"
    # a subtitle opening "Learning from our reviews about ..." gathers the partnership's
    # reviews as a body, as "drawn from our reviews" does ("from one of our reviews" does not)
    r"^learning from (?:our|the partnership's) (?:[\w-]+ ){0,2}reviews\b|"
    # a list of the reviews the document draws on: "Reviews drawn on: ...", a heading "The
    # reviews this guide draws on"
    r"^(?:the )?reviews (?:drawn on|drawn upon|(?:that )?(?:this|the|our) (?:[\w-]+ ){0,2}"
    r"(?:draws|drew|is drawn) (?:on|upon|from))\b",
    re.I,
)
# A title page's short line saying the document's learning comes from a counted set of
# reviews ("Themes from four rapid reviews held in 2024 and 2025", "What three Ashby reviews
# told us"): it looks across them, whatever genre its title names (docs/learning-taxonomy.md,
# "Themed products drawing on several reviews"); a sentence of the text saying so does not.
_COUNTED_REVIEWS = re.compile(
    r"\b(?:themes|learning|lessons|messages|findings|what)\b[^.|]{0,20}?\b(?:two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|\d\d) (?:[\w'\u2019-]+ ){0,3}reviews\b",
    re.IGNORECASE,
)


def _counted_reviews_line(line: str) -> bool:
    """Whether a title or a line of its own under it names a counted set of reviews as the
    document's source (see :data:`_COUNTED_REVIEWS`), not a sentence of the text."""
    return (
        len(line.split()) <= 16
        and not line.rstrip().endswith(".")
        and bool(_COUNTED_REVIEWS.search(line))
    )


# A labelled type ("Type: rapid review", "Review type: SILP", "Type of review: ...") is what
# the document says it is; a Word table writes the label and its value as cells
# ("Review type | Rapid review").
_TYPE_LABEL = re.compile(r"(?:^|\|)\s*(?:review\s+)?type(?:\s+of\s+review)?\s*[:|]\s*([^|]+)", re.I)
# The national panel's own name ("Child Safeguarding Practice Review Panel") names a
# publisher, not the type of the document in hand.
_PUBLISHER_NAMES = re.compile(
    r"(?:the\s+)?(?:national\s+)?child safeguarding practice review panel", re.IGNORECASE
)
# Learning brought together ("This guide brings the learning together so that ...") is not
# SCIE's Learning Together method ("the Learning Together model").
_BROUGHT_TOGETHER = re.compile(
    r"\b(?:bring|brings|bringing|brought|pull|pulls|pulling|pulled|put|puts|putting)\s+"
    r"(?:(?:the|our|this|its|their|all|of)\s+)*learning together\b"
)
# A document that says what it is ("This rapid review ...", "this 7-minute briefing") is
# that, whatever other reviews it goes on to mention ("following a rapid review, the
# partnership commissioned this local child safeguarding practice review").
_SELF_REFERENCE = (
    r"\b(?:this|the present)\s+(?:[\w-]+\s+){0,2}?(?:%s)|"
    # "This report is a local child safeguarding practice review commissioned after ..."
    r"\bthis\s+(?:report|document|paper|publication|summary|review)\s+(?:is|was|forms)\s+"
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:%s)"
)

_PLACE_WORD = r"[A-Z][\w'&.-]*\s+"
# Lower-case words inside place names ("Isle of Wight", "City of York", "Blackburn with
# Darwen", "Kingston upon Hull", "Bath and North East Somerset"), each between two
# capitalised words; "of" only after a word that takes it in a place name, so "the Board of
# X Safeguarding Children Partnership" does not take in "Board of".
_PLACE_JOIN = (
    r"(?:(?:and|&|upon|on|with|under)\s+|"
    r"(?:(?<=Isle )|(?<=Isles )|(?<=City )|(?<=Borough )|(?<=County )|(?<=Vale ))of\s+)?"
)
_PARTNERSHIP = re.compile(
    r"((?:" + _PLACE_WORD + _PLACE_JOIN + r"){1,7}?"
    r"(?:Safeguarding Children(?:'s)? Partnership|Safeguarding Children(?:'s)? Board|"
    # a regional or sub-regional group of partnerships publishing a review of its own
    r"(?:Sub-Regional |Regional )Safeguarding Children(?:'s)? Group|"
    # longer names first: "Safeguarding Partnership Board" is not cut at "Partnership"; an
    # adults' board names a joint review's other publisher (see find_partnership)
    r"Safeguarding Partnership Board|Safeguarding Children and Adults Partnership|"
    r"Safeguarding Adults(?: Partnership)? Board|"
    r"Safeguarding Partnership|Local Safeguarding Children Board|"
    r"Children(?:'s)? Safeguarding (?:Assurance )?(?:Partnership|Board)|"
    r"Safeguarding Children and Young People(?:'s)? Partnership|"
    r"Safeguarding Children Partnership|(?:Safeguarding|Child Protection) (?:Learning |Practice "
    r"Review )?Panel|Multi-Agency Safeguarding Arrangements|"
    r"Practice Review Panel|"
    # a youth justice service's board, which commissions its own learning reviews
    r"Youth (?:Justice|Offending) (?:Service |Team )?(?:Management |Partnership |Executive )?"
    r"Board|"
    r"LSCB|LSCP|SCP|SCB)\b)"
)
# Names that put the place last: "Safeguarding Partnership for Westcombe", "Safeguarding
# Children Partnership for the Isle of Wight", "Safeguarding Westcombe's Children".
_PLACE_NAME = r"[A-Z][\w'&.-]*(?:\s+(?:(?:and|&|upon|on|with|of)\s+)?[A-Z][\w'&.-]*)*"
_PARTNERSHIP_PLACE_LAST = re.compile(
    r"\b(Safeguarding (?:Children |Adults |Children and Adults )?(?:Partnership|Board) (?:for|of) "
    r"(?:the )?" + _PLACE_NAME + r"|Safeguarding (?!Children\b)[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}"
    r"['\u2019]s Children\b)"
)
# A second name after "and" or "&" that gives no place of its own.
_SHARED_PLACE = re.compile(
    r"\s*(?:and|&|/)\s*(?:the\s+)?(Safeguarding Children Partnership|Children's Safeguarding "
    r"Partnership|Safeguarding Adults Board)\b"
)
# Words that name no place: "The Safeguarding Children Partnership", "Local Safeguarding
# Children Partnerships should ...", "Each Safeguarding Partnership".
_GENERIC_WORDS = frozenset(
    "the a an local our your each every all this that these their its by from of for and "
    "with to in on new".split()
)
_LEADING = re.compile(
    r"^(?:(?:The|the|By|by|From|from|A|a|For|for|Of|of|And|and|On|on)\s+|"
    # a verb opening the line ("Shared with", "Commissioned by", "Presented to"), whose
    # capital is the sentence's, not a place's
    r"[A-Z][a-z]+ed\s+(?:with|by|to|for|on)\s+(?:the\s+)?)+"
)
# Another body named before a partnership and joined to it ("X Community Safety Partnership
# and X Safeguarding Children Partnership", "X Council and X Safeguarding Partnership"): a
# joint review's other commissioner, whose name is not part of the partnership's place
_OTHER_BODY_FIRST = re.compile(
    r"^.*\b(?:Partnership|Board|Trust|Council|Service|Police|Constabulary|Panel|Group|"
    r"Authority)\s+(?:and|&)\s+(?:the\s+)?"
)
_NATIONAL = re.compile(r"\bnational\b|practice review panel", re.IGNORECASE)
_PARTNERSHIP_LABEL = re.compile(
    r"^(?:partnership|board|safeguarding partnership)\s*:\s*(.+)$", re.I
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# "14 March 2023", "14th of March, 2023", "Mar 2023", "Sept 2022", "12-Dec-2021", "MARCH 2023"
_MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_WORDS = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+)?" + _MONTH_WORD + r"\.?,?[\s-]+(\d{4})\b",
    re.IGNORECASE,
)
# "14/03/2023", "14.03.2023", "14-03-2023" (day first, as English documents write it)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "Published: 04/2024", a month and year in figures (not "2025/02", a year's numbered issue)
_MONTH_YEAR_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{4})\b(?![/.-]\d)")
_SEASON = re.compile(r"\b(?:spring|summer|autumn|winter)\s+(\d{4})\b", re.IGNORECASE)
_DATE_LABEL = re.compile(
    # "Date:" alone; "Date of rapid review:" or "Date of notification:" is another date
    r"^(?:date of (?:publication|issue)|publication date|date published|published|issued|"
    # the sign-off a cover page or document control records ("Approved by the partnership
    # executive on 3 May 2024", "Signed off by the safeguarding partners: July 2023",
    # "Report approved: 4 September 2024", "Adopted: January 2019")
    r"(?:(?:final\s+)?(?:report|review|document)\s+)?(?:approved|signed[- ]off|endorsed|ratified|"
    r"adopted)\b[^.]{0,80}?(?=\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b(?:spring|summer|autumn|winter)\b)|"
    # the report's own date: "Date of report:", "Report date:", "Date of final report:",
    # "Report finalised:", "Date completed:"
    r"date of (?:the )?(?:final )?report|(?:final )?report (?:date|finalised|completed)|"
    r"date (?:completed|finalised)|"
    r"date(?=\s*[:|\u2013-])|dated|final(?: version| report| draft)?|version\b[^:]{0,12})"
    r"\s*[:|\u2013-]?\s*",
    re.IGNORECASE,
)
# "published the review about Baby R in December 2023", "Publication: ...", "first issued on"
# and a report's sign-off in a sentence ("Final version presented to the Board: 14 March 2016",
# "The report was approved by the safeguarding partners on ...")
_PUBLISHED_BEFORE = re.compile(
    r"\b(?:published|publication|issued|final (?:version|report)\b[^.;]{0,40}?\b(?:presented|"
    r"submitted|approved|signed off|agreed)|(?:approved|signed off|endorsed|ratified) by the "
    r"(?:[\w-]+\s+){0,3}(?:board|partnership|partners|executive(?: group)?))\b[^.;]{0,80}$",
    re.I,
)
# Dates that are not the document's: when a web page or procedure was updated or is next
# due for review, when it was printed or read, and events in the child's life.
_NOT_PUBLICATION = re.compile(
    r"\b(?:updated|amended|last reviewed|review date|next review|reviewed on|due for review|"
    r"accessed|printed|downloaded|retrieved|born|died|date of (?:birth|death|(?:the )?incident|"
    # steps before the report: "Date of notification:", "Review commissioned: June 2022"
    r"notification|referral)|notified|commissioned"
    r")\b",
    re.IGNORECASE,
)
# The period a review looked at ("The review considered the period from January 2019 to
# March 2021", "Scope: June 2020 - May 2022") is not when it was written.
_PERIOD = re.compile(
    r"\b(?:period|timeframe|time frame|scope|covers|covering|between)\b|"
    r"\d{4}\s*(?:-|\u2013|\u2014|to|until)\s*(?:\d{1,2}\s+)?(?:[a-z]+\s+)?\d{4}",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20[0-3]\d|199\d)\b")
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = r"(?:twenty|thirty|forty)[- ](?:one|two|three|four|five|six|seven|eight|nine)"
_NUMBER = r"(?<![\w-])(\d{1,2}|" + _TENS + "|" + "|".join(_NUMBER_WORDS) + r")"
_NAME = r"(?!(?:Mr|Mrs|Ms|Miss|Dr|Mum|Dad|Nan)\b)[A-Z][a-z]{2,12}\b(?!-)"
_PSEUDONYM = [
    # what the review says it calls the child: "a girl we call Isla", "known as 'Jack'",
    # "a boy called Tyrell", "Archie (not his real name)", "Amira is a pseudonym"
    # "known here as", "referred to in this report as", "the review refers to him as",
    # "has chosen to be called", "whom we will call"
    re.compile(
        r"(?:(?:known|referred to|refers? to (?:him|her|them))(?:\s+(?:here|throughout|in this "
        r"(?:report|review|briefing|summary)))?\s+as|"
        r"(?:girl|boy|child|baby|person|we|is|was|been|be)\s+called|"
        r"(?:we|I) (?:have )?(?:call|named)|(?:we|I) (?:will|shall) call)\s+"
        r"(?:(?:him|her|them)\s+)?[\"'\u2018\u201c]?((?:Child|Baby|Young Person) [A-Z]{1,2}\d?\b"
        r"(?![a-z])|(?:Child |Baby )?" + _NAME + ")"
    ),
    # a single letter the writer says they will use: "the boy, whom I will call J"
    re.compile(r"\b(?:I|we) (?:will |shall )?call (?:him |her |them )?([A-Z])\b(?![\w'&])"),
    re.compile(
        r"\b(" + _NAME + r")[\"'\u2019\u201d]?\s*\*?\s*\((?:this is )?not (?:his|her|their|the "
        r"(?:child|baby|young person)'s) real name"
    ),
    re.compile(
        r"\b(" + _NAME + r")[\"'\u2019\u201d]?\s+is (?:a|the) (?:pseudonym|name (?:chosen|"
        r"given|used|picked))"
    ),
    # "Child T", "Baby K", "Child LC", "Child H1", "Children F, G and H", "Siblings D and E",
    # "Family A", "Young Person B"
    re.compile(
        r"\b((?:Children|Siblings|Twins)\s+[A-Z]\d?(?:,\s*[A-Z]\d?)*\s+and\s+[A-Z]\d?|"
        r"(?:Child|Baby|Sibling|Young Person|Family)\s+[A-Z]{1,2}\d?)\b(?![a-z])"
    ),
]
_QUOTED_NAME = re.compile(r"[\"\u2018\u201c']([A-Z][a-z]{2,12})[\"\u2019\u201d']")
# A review's title naming its child by first name: "Local Practice Review: Ellis", "What
# helped Kayla: an appreciative inquiry", "Jayden - a rapid review".
_TITLE_NAME = [
    re.compile(
        r"(?:[:\u2013\u2014-]\s+|\b(?:in respect of|concerning|regarding)\s+)"
        r"(?:(?:of|about|for)\s+)?((?:Baby |Child )?" + _NAME + r")$"
    ),
    # "Review: Leon - report to the Executive Group", "Ellie's review"
    re.compile(r":\s+(" + _NAME + r")\s+[\u2013\u2014-]\s"),
    re.compile(r"\b(" + _NAME + r")['\u2019]s (?:[\w-]+ )?review\b", re.I),
    # a news release's headline: "Review into death of four-year-old Leo published"
    re.compile(r"\b(?:year|month|week)s?[- ]old (" + _NAME + r")"),
    re.compile(r"^(?:[A-Za-z]+\s+){0,2}?(" + _NAME + r")(?:['\u2019]s)?\s*(?:[:\u2013\u2014]|-\s)"),
]
_AGE = re.compile(
    r"\b" + _NUMBER + r"[- ](year|month|week|day)s?[- ]old\b|"
    r"\baged\s+" + _NUMBER + r"(?:\s+(years?|months?|weeks?|days?))?\b|"
    r"\bwas\s+" + _NUMBER + r"\s+(years?|months?|weeks?|days?)\s+old\b|"
    # "Child K was fifteen when he was found", "she was 14 at the time", "J was fourteen and
    # lived with his mother", "14 years of age";
    # not "a girl of eight said", which thematic reviews and audits write of one of many
    r"\bwas\s+" + _NUMBER + r"\s+(?=when\b|at the time\b|and (?:lived|living|attended|was "
    r"living|had been|in year)\b)|"
    r"\b" + _NUMBER + r"\s+(years?|months?)\s+of\s+age\b|"
    # "a boy of twenty months", with its unit (not "a girl of eight said", see above)
    r"\b(?:boy|girl|baby|child) of\s+" + _NUMBER + r"\s+(years?|months?|weeks?)\b",
    re.I,
)
_SEX_STATED = re.compile(
    r"\b(?:sex|gender)\s*[:|]\s*(female|male|girl|boy)\b|"
    # a form's child row: "Baby R, female, aged 11 weeks", "S, male, 15"
    r"\b[A-Z]\w*,\s*(female|male),\s*(?:aged\s+)?\d|"
    r"\b(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")[- ](?:year|month|week|day)s?[- ]old "
    r"(?:white |black |asian |british |mixed[- ]heritage |disabled |autistic )?(girl|boy|baby "
    r"girl|baby boy|young woman|young man)\b|"
    # "a boy we call Aaron", "a girl known as Isla", "a boy of twenty months"
    r"\b(girl|boy)\s+(?:(?:we|I)\s+(?:will\s+|have\s+)?call(?:ed)?|called|known as|referred to as|"
    r"of\s+(?:\d{1,2}|"
    + "|".join(_NUMBER_WORDS)
    + r"|"
    + _TENS
    + r")\s+(?:years?|months?|weeks?))|"
    # "Noah was five months old when he was taken to hospital"
    r"\bwas\s+(?:\d{1,2}|[a-z-]+)\s+(?:years?|months?|weeks?|days?)\s+old\s+when\s+(she|he)\b",
    re.IGNORECASE,
)
AGENCIES: dict[str, str] = {
    "children's social care": r"children'?s social care|social care|social work(?:er|ers)?\b|"
    r"\bmash\b|multi-agency safeguarding hub|front door",
    "police": r"\bpolice\b",
    "health visiting": r"health visit|0-19 service|school nurs",
    "general practice": r"\bgps?\b|general practi",
    "midwifery": r"midwi|maternity",
    "hospital": r"hospital|emergency department|acute trust|\ba&e\b|paediatric",
    "CAMHS": r"\bcamhs\b|\bcypmhs\b|child and adolescent mental health",
    "education": r"\bschools?\b|college|virtual school|education|nursery|designated "
    r"safeguarding lead",
    "housing": r"\bhousing\b",
    "probation": r"probation",
    "youth justice": r"youth justice|youth offending|\byot\b",
    "early help": r"early help|family hub|children'?s centre",
    "adult mental health": r"adult mental health",
    "substance misuse service": r"substance misuse service|drug and alcohol service",
    "ambulance": r"ambulance",
    "voluntary sector": r"voluntary sector|charity|barnardo|nspcc",
    # services a review names beside the statutory ones: the domestic abuse service or an
    # IDVA, adult social care, a care leaver's personal adviser
    "domestic abuse service": r"domestic abuse (?:support )?(?:services?|charity|workers?|"
    r"advocates?|practitioners?)\b|\bidvas?\b|independent domestic (?:violence|abuse) advis|"
    r"\brefuges?\b|\bmarac\b",
    "adult social care": r"adults?'? social care|\badults?'? services\b",
    "leaving care service": r"leaving care (?:service|team)|care leavers'? (?:service|team)|"
    r"personal advis[eo]r",
}


_TYPES = [(code, re.compile(pattern)) for code, pattern in _TYPE_PATTERNS]
_TITLE_TYPES = [(code, re.compile(pattern)) for code, pattern in _TITLE_TYPE_PATTERNS]
_TITLE_FIRST = [(code, re.compile(pattern)) for code, pattern in _TITLE_FIRST_PATTERNS]
_SELF_TYPES = [
    (code, re.compile(_SELF_REFERENCE % (pattern, pattern))) for code, pattern in _TYPE_PATTERNS
]
_AGENCIES = [(name, re.compile(pattern)) for name, pattern in AGENCIES.items()]


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


def detect_type(text: str, *, self_first: bool = False) -> str | None:
    """The review type a piece of text names, or None; see :data:`REVIEW_TYPES`.

    The most specific type named wins. With ``self_first``, a type the text gives itself
    ("this rapid review", "this 7-minute briefing") wins over the others it names.
    """
    lowered = text.lower()
    if "panel" in lowered:
        lowered = _PUBLISHER_NAMES.sub(" ", lowered)
    if "learning together" in lowered:
        lowered = _BROUGHT_TOGETHER.sub(" ", lowered)
    if self_first:
        for code, pattern in _SELF_TYPES:
            if pattern.search(lowered):
                return code
    for code, pattern in _TYPES:
        if pattern.search(lowered):
            return code
    return None


def title_type(title: str) -> str | None:
    """The review type a title names (see :func:`detect_type`), or the genre only a title
    gives: a numbered issue (a newsletter) or themes drawn from reviews (a thematic
    analysis). Before the types it names, a title passing on learning "from a" review is a
    briefing and one gathering years or a count of reviews is a thematic analysis."""
    lowered = title.lower()
    first = next((code for code, pattern in _TITLE_FIRST if pattern.search(lowered)), None)
    if first == "bulletin" and _LEARNING_FROM_CHILD.match(title.strip()):
        first = None  # "Learning from a Rapid Review: Child R" presents that one review
    return (
        first
        or detect_type(title)
        or next((code for code, pattern in _TITLE_TYPES if pattern.search(lowered)), None)
    )


# A title opening on the learning from one review and then naming its child ("Learning from a
# Rapid Review: Child R", "Learning from a local review - Jade"): the title presents that
# review, as a bulletin's case "Kai: learning from a rapid review" does; a communication's
# name before it ("Safeguarding update: learning from ...") or a topic after it does not.
_LEARNING_FROM_CHILD = re.compile(
    r"^(?i:learning from (?:a|an|one|the) [^:\u2013\u2014]{3,80}?)\s*(?:[:\u2013\u2014]|\s-)\s*"
    r"[\"'\u2018\u201c]?(?:(?:[Cc]hild|[Bb]aby|[Yy]oung [Pp]erson|[Ss]iblings)\s+)?"
    r"[A-Z][a-z]*(?:\s+and\s+[A-Z][a-z]*)?[\"'\u2019\u201d]?$"
)


_LEAD_IN = frozenset("a an the local".split())


def type_only(line: str) -> str | None:
    """The review type a short line names and little else: a subtitle or the part of a
    heading after its colon ("Local Learning Review", "Child S: local child safeguarding
    practice review" -> its tail, "Young carers: multi-agency audit"). None for a
    briefing, a sentence, or a line saying more ("Learning from a local child safeguarding
    practice review, September 2022"; :func:`subtitle_type` reads that as a subtitle)."""
    lowered = line.strip().rstrip(".").lower()
    if len(lowered.split()) > 8 or lowered.startswith(("this ", "the present ")):
        return None
    code = detect_type(lowered)
    if code in (None, "bulletin"):
        return None
    pattern = next(pattern for each, pattern in _TYPES if each == code)
    if (match := pattern.search(lowered)) is None:
        return None
    before = [w for w in re.findall(r"[a-z]+", lowered[: match.start()]) if w not in _LEAD_IN]
    after = re.findall(r"[a-z]{2,}", lowered[match.end() :])
    # the type leads the line ("Local Learning Review", "Serious case review overview"), not
    # a table row giving a case and its type ("Child B Multi-agency audit 2023")
    return code if not before and len(after) <= 2 else None


# The parts of a title page's line ("Local learning review, Ashcombe Safeguarding Children
# Partnership", "SILP review · Fernleigh ... · published April 2025")
_LINE_PARTS = re.compile(r"\s*[,;|\u00b7\u2022]\s*|\s+[\u2013\u2014-]\s+")
_DATE_PART = re.compile(
    r"^(?:(?:first\s+)?(?:published|issued|dated|date|updated)\s*:?\s*(?:in|on)?\s*)?"
    r"(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH_WORD + r"\.?\s+|"
    r"(?:spring|summer|autumn|winter)\s+)?(?:19|20)\d\d$",
    re.I,
)


_BRACKETED = re.compile(r"\s*\(([^()]{3,120})\)")


def subtitle_type(line: str) -> str | None:
    """The review type a title page's line names and little else (see :func:`type_only`),
    leaving out the partnership that published it and when ("Local learning review,
    Ashcombe Safeguarding Children Partnership", "SILP review, Fernleigh Children's
    Safeguarding Partnership, published April 2025")."""
    # a publisher or date in brackets ("Local Child Safeguarding Practice Review: Child L
    # (Hallowmere Safeguarding Children Partnership)") is set aside as after a comma
    line = _BRACKETED.sub(
        lambda found: " " if _publisher_only(found[1]) or _DATE_PART.match(found[1]) else found[0],
        line,
    )
    parts = [part for part in _LINE_PARTS.split(line.strip()) if part]
    kept = [part for part in parts if not (_DATE_PART.match(part) or _publisher_only(part))]
    if not kept:
        return None
    # a briefing's subtitle naming the one review it presents ("Learning from a rapid
    # review, ... Partnership, October 2024"): that review's type (docs/learning-taxonomy.md,
    # "Settled cases")
    bare = _LEARNING_FROM_ONE.sub("", " ".join(kept), count=1)
    if bare != " ".join(kept):
        # the review then its children ("Learning from the local child safeguarding practice
        # review: Child P and Child Q"): the children are its subject, not more of the type
        bare = _CHILDREN_AFTER.sub("", bare)
    if (code := type_only(bare)) or bare.rstrip().endswith(".") or len(bare.split()) > 16:
        return code
    # the review and its subject: "A Local Child Safeguarding Practice Review into the death of
    # Baby S", "Serious case review concerning Child T"
    return type_only(_SUBJECT_AFTER.split(bare, maxsplit=1)[0])


# A subtitle's opening on the learning from one review ("Learning from a local child
# safeguarding practice review"); "from our reviews" gathers several (see _ACROSS_REVIEWS),
# and a national review passed on locally is read by _presents_national_review instead.
_LEARNING_FROM_ONE = re.compile(
    r"^(?:(?:learning|lessons?(?: learn(?:ed|t))?) from|"
    # "A briefing on the local child safeguarding practice review", "Practitioner brief about
    # the rapid review": the same subtitle in a briefing's words
    r"(?:(?:a|an|the|our)\s+)?(?:[\w-]+\s+)?(?:briefing|brief|bulletin|leaflet|note|poster)\s+"
    r"(?:on|about|from)) (?:a|an|one|the)\s+(?!national\b)(?=\S)",
    re.I,
)
# A subtitle's children after a colon or dash: ": Child P and Child Q", " - Baby R"
_CHILDREN_AFTER = re.compile(
    r"\s*(?:[:\u2013\u2014]|\s-)\s*(?:(?:[Cc]hild|[Bb]aby|[Yy]oung [Pp]erson)\s+)?[A-Z][a-z]*"
    r"(?:\s*(?:,|and|&)\s*(?:(?:[Cc]hild|[Bb]aby|[Yy]oung [Pp]erson)\s+)?[A-Z][a-z]*)*\s*$"
)
# Where a title page's line turns from the review to its subject
_SUBJECT_AFTER = re.compile(
    r"\s+(?:into|about|concerning|regarding|in respect of|relating to|following|of|for)\s+",
    re.I,
)


def leading_type(heading: str) -> str | None:
    """The review type a heading's part leads with, as a title or a briefing's subtitle names
    it ("Child Safeguarding Practice Review", "Learning from a rapid review"), or None."""
    return type_only(_LEARNING_FROM_ONE.sub("", heading.strip(), count=1))


def _publisher_only(part: str) -> bool:
    """Whether a line's part is only a partnership's or board's name."""
    names = _partnerships_in(part)
    rest = part
    for name in names:
        rest = rest.replace(name, " ")
    return bool(names) and not re.sub(r"\b(?:the|by|for|from)\b", " ", rest, flags=re.I).strip()


def labelled_type(lines: list[str]) -> str | None:
    """The review type a "Type:" label states in the lines ("Published: June 2024 | Type:
    multi-agency audit"), or None."""
    for line in lines:
        for match in _TYPE_LABEL.finditer(line):
            if code := detect_type(match.group(1)):
                return code  # not a table's header row ("Review | Type | Year")
    return None


def names_type(text: str, code: str) -> bool:
    """Whether the text names the review type ``code`` at all ("Learning review bulletin"
    names a bulletin, though :func:`detect_type` reads it as the more specific review)."""
    return any(pattern.search(text.lower()) for each, pattern in _TYPES if each == code)


# A full stop after a word of three letters or more and before the next word: a sentence
# ends there ("St. Ambleford" keeps its abbreviation).
_SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s+")


def _partnerships_in(line: str) -> list[str]:
    """The partnerships or boards a line names, in order, without generic mentions."""
    if line.isupper():
        line = capwords(line)  # "CARNFORD LOCAL SAFEGUARDING CHILDREN BOARD"
    names = []
    for match in _PARTNERSHIP.finditer(line):
        # "Commissioned by X Community Safety Partnership and X Safeguarding Children
        # Partnership": the body named before the join is another publisher, not the place
        # "... by March. This SCP briefing": a sentence's end is no part of a place name
        named = _SENTENCE_END.split(match.group(1).strip())[-1]
        name = _OTHER_BODY_FIRST.sub("", _LEADING.sub("", named))
        place = name.split()[: -len(_suffix_words(name))]
        if name.endswith("Panel") or (
            place and not all(word.lower() in _GENERIC_WORDS for word in place)
        ):
            names.append((match.start(), name))
            if shared := _SHARED_PLACE.match(line, match.end()):
                # "X Safeguarding Adults Board & Safeguarding Children Partnership": the
                # second name shares the first's place
                names.append((shared.start(1), " ".join([*place, shared.group(1)])))
    names += [(match.start(), match.group(1)) for match in _PARTNERSHIP_PLACE_LAST.finditer(line)]
    return [name for _, name in sorted(names)]


def _suffix_words(name: str) -> list[str]:
    """The words of a partnership name from "Safeguarding", "Children's", "Child
    Protection", "Practice Review" or an abbreviation on (the part that names no place)."""
    words = name.split()
    for index, word in enumerate(words):
        if word in ("Safeguarding", "LSCB", "LSCP", "SCP", "SCB", "Multi-Agency", "Youth") or (
            word in ("Children", "Children's", "Child", "Practice", "Local")
            and index + 1 < len(words)
            and words[index + 1] in ("Safeguarding", "Protection", "Review")
        ):
            return words[index:]
    return words[-1:]


def find_partnership(lines: list[str]) -> str | None:
    """The partnership or board the lines name (a "Partnership:" label wins, then the first
    local one named: a local review that mentions the national panel first is still the
    local partnership's; a national panel's briefing names no local partnership)."""
    for line in lines:
        if match := _PARTNERSHIP_LABEL.match(line.strip()):
            return match.group(1).strip().rstrip(".")
    names = [name for index, line in enumerate(lines) for name in _names_at(lines, index)]
    local = [name for name in names if not _NATIONAL.search(name)]
    # a joint children's and adults' review is the children's partnership's in this library
    children = [name for name in local if "Adults" not in name.split()]
    return _spelt_out(next(iter(children or local or names), None), names)


# A line broken inside a name, as a PDF's wrapped title page breaks it ("Produced with the
# Ashworth Vale Safeguarding" over "Children Partnership.")
_BROKEN_AFTER = re.compile(r"\b[A-Z][\w'\u2019&-]*\s*$")
_BROKEN_BEFORE = re.compile(r"^\s*[A-Z]")


def _names_at(lines: list[str], index: int) -> list[str]:
    """The names a line gives (:func:`_partnerships_in`), and a name it begins that the next
    line ends (when the next line names none of its own: a title "Child T" over "Northmere
    Safeguarding Children Partnership" is two lines, not one name)."""
    line = lines[index]
    names = _partnerships_in(line)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if (
        _BROKEN_AFTER.search(line)
        and _BROKEN_BEFORE.match(following)
        and not _partnerships_in(following)
    ):
        joined = line.rstrip() + " " + following.strip()
        cut = len(line.rstrip())
        names += [
            name
            for match in _PARTNERSHIP.finditer(joined)
            if match.start() < cut < match.end()
            for name in _partnerships_in(joined[match.start() : match.end()])
        ]
    return names


# The agency that published a document when it names no partnership or board: an NHS trust
# or integrated care board, a police force, a council, a school, college or academy trust, a
# youth justice or probation service, a housing provider or a charity's trust
_PUBLISHER = re.compile(
    r"\b((?:[A-Z][\w'\u2019&.-]*\s+(?:(?:and|&|upon|on|with|of)\s+)?){1,6}?"
    r"(?P<kind>NHS (?:Foundation )?Trust|Integrated Care Board|ICB|Constabulary|Police(?! Service\b)|"
    r"Police Service|(?:County |Borough |City |District |Metropolitan Borough )?Council|"
    r"(?:Multi-Academy |Academy |Schools |Learning |Education )?Trust|Academy|College|"
    r"(?:Primary |Secondary |High |Special )?School|"
    r"Youth (?:Justice|Offending) (?:Service|Team)|Probation (?:Service|Region|Delivery Unit)|"
    r"Housing (?:Association|Trust|Group)|Homes|Hospice|Charity|Community Safety Partnership))\b"
)


def find_publisher(lines: list[str]) -> str | None:
    """The agency a title page names as its publisher (see :data:`_PUBLISHER`), for a
    document that names no partnership or board: "Kingsmead Hospitals NHS Foundation Trust,
    Safeguarding Children Team" gives the trust."""
    for line in lines:
        for match in _PUBLISHER.finditer(line):
            name = _LEADING.sub("", match.group(1))
            place = name.split()[: -len(match.group("kind").split())]
            if place and not all(word.lower() in _GENERIC_WORDS for word in place):
                return name
    return None


_ABBREVIATIONS = frozenset("LSCB LSCP SCP SCB".split())


def _spelt_out(name: str | None, names: list[str]) -> str | None:
    """The name spelt out when it is an abbreviation ("Harlow Vale SCP") and the lines also
    give the full name of the same place ("Harlow Vale Safeguarding Children Partnership")."""
    if name is None or name.split()[-1] not in _ABBREVIATIONS:
        return name
    place = name.rsplit(" ", 1)[0] + " "
    full = (
        each for each in names if each.startswith(place) and each.split()[-1] not in _ABBREVIATIONS
    )
    return next(full, name)


def _to_date(day: str | None, month: str, year: str) -> date | None:
    try:
        number = [m[:3] for m in _MONTHS].index(month.lower()[:3]) + 1
        return date(int(year), number, int(day or 1))
    except ValueError:
        return None


def latest_year(lines: list[str]) -> int | None:
    """The latest year the opening lines name, when no date is written out ("reviews
    published between 2019 and 2022", "Annual report 2023-24" -> 2024): a review is written
    after the years it covers."""
    lines = [_CITED_GUIDANCE.sub(" ", line) for line in lines]
    years = [int(year) for line in lines for year in _YEAR.findall(line)]
    years += [_range_end(*match) for line in lines for match in _YEAR_RANGE.findall(line)]
    return max(years) if years else None


# Statutory guidance and Acts cited by their year ("Working Together 2018", "Keeping Children
# Safe in Education 2024", "the Children Act 2004"): the year is the guidance's, not the
# document's. Web pages about reviews cite them in nearly every paragraph.
_CITED_GUIDANCE = re.compile(
    r"\b(?:working together(?: to safeguard children)?|keeping children safe in education|"
    r"kcsie|(?-i:(?:[A-Z][a-z]+ )+(?:and (?:[A-Z][a-z]+ )+)?Act))\s*\(?(?:19|20)\d\d\)?",
    re.IGNORECASE,
)


# A financial or academic year written short ("2023-24", "2023/24"): it ends in the second.
_YEAR_RANGE = re.compile(r"\b(20[0-3]\d)\s*[-/\u2013]\s*(\d{2})\b(?![-/.]\d)")


def _range_end(first: str, second: str) -> int:
    end = int(first[:2] + second)
    return end if end == int(first) + 1 else int(first)


def _dates_in(line: str) -> list[tuple[int, date | None, int]]:
    """Each date a line writes (position, date, year): words, numbers, ISO or a season."""
    found: list[tuple[int, date | None, int]] = []
    for match in _DATE_WORDS.finditer(line):
        if day := _to_date(match.group(1), match.group(2), match.group(3)):
            found.append((match.start(), day, day.year))
    for match in _DATE_NUMERIC.finditer(line):
        with suppress(ValueError):
            day = date(int(match.group(4)), int(match.group(3)), int(match.group(1)))
            found.append((match.start(), day, day.year))
    for match in _DATE_ISO.finditer(line):
        with suppress(ValueError):
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            found.append((match.start(), day, day.year))
    for match in _MONTH_YEAR_NUMERIC.finditer(line):
        with suppress(ValueError):
            day = date(int(match.group(2)), int(match.group(1)), 1)
            found.append((match.start(), day, day.year))
    found += [(m.start(), None, int(m.group(1))) for m in _SEASON.finditer(line)]
    return sorted(found, key=lambda each: each[0])


_STANDING_ALONE = 1  # the rank of a date on a line of its own (a title page)


def _date_rank(line: str, position: int) -> int:
    """How surely a date at ``position`` in ``line`` is the document's own, 0 surest: a
    publication label or "published ... in"; a date standing alone (a title page, a
    running footer); one in a sentence; a period reviewed; an update, a deadline or an event.
    A masthead's cell ("Issue 14 | Spring 2025") is read as a line of its own."""
    if (cell := _masthead_cell(line, position)) is not None:
        start, text = cell
        return _date_rank(text, position - start)
    # the date's own sentence: "Commissioned by the board. Final version: 14 March 2016."
    before = _SENTENCE_BREAK.split(line[:position])[-1]
    if _NOT_PUBLICATION.search(before) or _NOT_PUBLICATION.search(line[position:][:40]):
        return 5
    if _DEADLINE.search(before):
        return 5
    if _PERIOD.search(line):
        return 4
    if _DATE_LABEL.match(line.strip()) or _PUBLISHED_BEFORE.search(before):
        return 0
    if re.search(r"\([^()]{0,40}$", before) and re.match(r"[^()]*\)\s*$", line[position:]):
        # a date in brackets closing a heading: "Rapid review (May 2023)", "Case 3: the Brennan
        # family (multi-agency practice review, September 2025)"
        return _STANDING_ALONE
    rest = _YEAR.sub(" ", re.sub(_MONTH_WORD, " ", line, flags=re.I))
    short = len(re.findall(r"[A-Za-z]{2,}", rest)) <= 4 and not line.rstrip().endswith(".")
    if short and not _EVENT_BEFORE.search(before):
        return _STANDING_ALONE  # a short line, not a sentence: "Issue 7, November 2024"
    if _publisher_and_date(rest):
        return _STANDING_ALONE  # "X Safeguarding Children Partnership. Thematic summary, May 2025."
    return 2


# A short line telling when something happened, as a slide's bullet does ("Disclosed sexual
# exploitation in February 2025", "Moved to a new school in May 2024"): an event, not a date
# standing alone on a title page
_EVENT_BEFORE = re.compile(r"\b[a-z]{2,}\s+(?:in|on|during|since|until|after|before)\s+$")


# Where one sentence ends and the next begins ("... by the LSCB. Final version ..."); not
# after an initial or a title ("Dr. Patel")
_SENTENCE_BREAK = re.compile(r"(?<=\w{3})[.;!?]\s+(?=[A-Z0-9])")
# A date something is due by: an action's deadline ("(By: March 2023)", "due June 2024",
# "Target date: May 2025"), not when the document was written
_DEADLINE = re.compile(
    r"\b(?:by|due(?: by)?|deadline|target(?: date)?|timescale|to be completed by)\s*[:\u2013-]?"
    r"\s*(?:the end of\s+|end of\s+)?$",
    re.IGNORECASE,
)
# A masthead's cells: "X Partnership | Issue 14 | Spring 2025" (not a table row, "| 1 | ...")
_CELL_BREAK = re.compile(r"\s+\|\s+")


def _masthead_cell(line: str, position: int) -> tuple[int, str] | None:
    """The cell of a masthead line holding ``position``, as (its start, its text), when the
    line is cells separated by " | " (a document's strap line); None otherwise."""
    if line.lstrip().startswith("|") or not _CELL_BREAK.search(line):
        return None
    start = 0
    for found in _CELL_BREAK.finditer(line):
        if found.start() > position:
            break
        start = found.end()
    end = _CELL_BREAK.search(line, start)
    return start, line[start : end.start() if end else len(line)]


def _publisher_and_date(rest: str) -> bool:
    """Whether a line, its dates taken out, names the partnership that published it and
    little else (a title page's "X Safeguarding Children Partnership. Practitioner briefing,
    June 2025."): the publisher's name, a short genre and the date, not a sentence."""
    names = _partnerships_in(rest)
    for name in names:
        rest = rest.replace(name, " ")
    return bool(names) and len(re.findall(r"[A-Za-z]{2,}", rest)) <= 3


# How sure a date is, best first (see _date_rank); a year after a publication label
# ("Published: 2023") comes after a written date in a sentence, as a period and an update
# come last.
_YEAR_ONLY_RANK = 3
_NO_DATE = 9


def dated(lines: list[str]) -> tuple[int, date | None, int | None]:
    """The surest date the lines write, as (rank, date, year): see :func:`_date_rank`; the
    first of equally sure ones, a written date before a season; a year after a publication
    label ranks after a date in a sentence. ``(9, None, None)`` when there is none."""
    best: tuple[int, bool, int, date | None, int | None] = (_NO_DATE, True, 0, None, None)
    for order, line in enumerate(lines):
        candidates = [
            (_date_rank(line, at), day is None, day, year) for at, day, year in _dates_in(line)
        ]
        if _DATE_LABEL.match(line.strip()) and (match := _YEAR.search(line)):
            candidates.append((_YEAR_ONLY_RANK, True, None, int(match.group(1))))
        for rank, seasonal, day, year in candidates:
            if (rank, seasonal, order) < best[:3]:
                best = (rank, seasonal, order, day, year)
    return best[0], best[3], best[4]


def find_date(lines: list[str]) -> tuple[date | None, int | None]:
    """The review's date and year: the surest date the lines write (see :func:`dated`)."""
    _, day, year = dated(lines)
    return day, year


def find_pseudonym(lines: list[str], title: str = "") -> str | None:
    """The child's pseudonym: a name the review says it uses, "Child M", "Baby T",
    "Siblings D and E", or a first name the title gives the review or the text quotes, when
    the text uses it as a name."""
    text = "\n".join(lines)
    # the title's own name first: a bulletin's case "Ollie: rapid review" is Ollie's, though
    # the bulletin's contents list "Child Z" above it
    for pattern in _PSEUDONYM:
        if match := pattern.search(title):
            return match.group(1)
    titled = [m.group(1) for p in _TITLE_NAME if (m := p.search(title.strip()))]
    if name := next((name for name in titled if _used_as_name(name, text)), None):
        return name
    for pattern in _PSEUDONYM:
        for line in lines:
            if match := pattern.search(line):
                return match.group(1)
    found = [m.group(1) for line in lines if (m := _QUOTED_NAME.search(line))]
    return next((name for name in found if _used_as_name(name, text)), None)


def _used_as_name(word: str, text: str) -> bool:
    """Whether the text writes ``word`` capitalised inside sentences at least twice (a
    name), and it is not a word that opens titles ("Learning", "Neglect")."""
    word = re.sub(r"^(?:Baby|Child) ", "", word)  # "Baby Noah" is written "Noah" too
    # after a word in lower case or one opening a sentence ("When Ellis was ten"), not inside
    # a name: "to Safeguarding Matters" is a newsletter's name, not a child's
    inside = re.findall(
        r"(?:\b[a-z][\w'\u2019]*,?|(?:^|[.!?:]\s+)[A-Z][a-z]+)\s+"
        + re.escape(word)
        + r"\b(?![-\w])",
        text,
        flags=re.M,
    )
    return word.lower() not in _NOT_NAMES and len(inside) >= 2


# Capitalised words that open a title without naming a child ("Learning: ...", "Neglect: ...")
_NOT_NAMES = frozenset(
    "learning briefing review reviews neglect summary update overview introduction "
    "bulletin newsletter report findings themes recommendations contents background "
    "practice appendix annex safeguarding lessons inquiry analysis audit partnership "
    "panel board police".split()
)


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, unit = word.replace("-", " ").partition(" ")
    if unit:  # "twenty-two"
        return 10 * ("twenty thirty forty".split().index(tens) + 2) + _number(unit)
    return _NUMBER_WORDS.index(word) + 1


# An age given of someone else ("his sister, aged three", "her mother, 19 years old") or of
# a group ("young people aged 14 to 17")
_OTHERS_AGE = re.compile(
    r"\b(?:sister|brother|sibling|siblings|mother|father|parent|parents|partner|uncle|aunt|"
    r"cousin|grandmother|grandfather|nan|stepfather|stepmother|people|children|adults?)\b"
    r"[\s,()]{0,3}(?:who |who was |then )?$|"
    # an adult named by title: "Ms B, aged 44", "Mr C, who was 23"
    r"\b(?:mr|mrs|ms|miss|dr)\.?\s+[a-z][\w-]*[\s,()]{0,3}(?:who |who was |then )?$|"
    # a limit, not an age: "babies under one year old", "children over 12 months old"
    r"\b(?:under|over|below|above|than|least|up to)\s+(?:the age of\s+)?$|"
    # an age someone pretended to be: "an adult posing as a seventeen-year-old"
    r"\b(?:posing as|pretending to be|claim(?:ed|ing) to be|passing (?:himself |herself )?off "
    r"as)\s+(?:an?\s+)?$",
    re.IGNORECASE,
)


def _age_after_name(text: str, name: str | None) -> str | None:
    """An age in brackets or after a comma just after the child's name: "Sam (17)", "Child
    D (2 years)", "(referred to as 'Sam', 17)"."""
    if not name:
        return None
    bare = re.escape(re.sub(r"^(?:Child|Baby|Young Person|Patient)\s+", "", name))
    match = re.search(
        r"\b" + bare + r"[\"'\u2019\u201d]?\s*(?:,|\()\s*(?:aged\s+)?(\d{1,2})\s*"
        r"(years?|months?|weeks?)?(?:\s+old)?\s*[),]",
        text,
    )
    if match is None:
        return None
    return _age_text(int(match.group(1)), (match.group(2) or "year").rstrip("s"))


def _age_text(number: int, unit: str) -> str:
    """An age as the metadata writes it: "1 year", "14 years", "11 weeks"."""
    return f"{number} {unit}" + ("" if number == 1 else "s")


# The years standing just before a matched age in months ("three years and two months old",
# "2 years 4 months old"): the age is the years
_YEARS_BEFORE = re.compile(_NUMBER + r"\s+years?,?(?:\s+and)?\s+$", re.I)
# The second age of a range ("aged 14 to 17", "14-17", "13 and 15"), not a part of one age
# ("15 years and 3 months")
_AGE_RANGE_END = re.compile(
    r"\s*(?:to|-|\u2013|and)\s*(?!\d+\s*months?\b)(?:\d|(?:" + "|".join(_NUMBER_WORDS) + r")\b)",
    re.IGNORECASE,
)


# An age as a limit of a group: "aged fourteen or over", "aged 16 and above", "aged 11+"
_AGE_LIMIT_AFTER = re.compile(
    r"\s*(?:\+|(?:or|and)\s+(?:over|under|above|below|older|younger|more|less)\b)", re.I
)


def find_age(text: str, name: str | None = None) -> str | None:
    """The child's age where stated ("14-year-old", "aged 3 months", "twenty-two months
    old", "was fifteen when", "14 years of age", after the child's ``name`` in brackets:
    "Sam (17)"), leaving out ages given of a relative or a group."""
    for match in _AGE.finditer(text):
        if _OTHERS_AGE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        if _AGE_RANGE_END.match(text, match.end()) or _AGE_LIMIT_AFTER.match(text, match.end()):
            continue  # a range of ages, not "15 years and 3 months" or "14 and lived"
        if years := _YEARS_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            # the months of "three years and two months old": the child is three
            return _age_text(_number(years.group(1)), "year")
        groups = [group for group in match.groups() if group]
        unit = groups[1].lower().rstrip("s") if len(groups) > 1 else "year"
        return _age_text(_number(groups[0]), unit)
    return _age_after_name(text, name)


def find_sex(text: str, opening: int | None = None) -> str | None:
    """The child's sex: stated ("Sex: female", "a 14-year-old girl") in the text's first
    ``opening`` characters, else from the words used of them (girl/boy, she/he); None when
    unclear."""
    if match := _SEX_STATED.search(text[:opening]):
        said = next(group for group in match.groups() if group).lower()
        return "female" if said.endswith(("female", "girl", "woman", "she")) else "male"
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
    return [name for name, pattern in _AGENCIES if pattern.search(lowered)]


# A review states its child's age and sex in its opening pages (summary, introduction); a long
# review is not searched to its end for them.
_OPENING = 20_000


def _review_type(title: str, lines: list[str], preamble: list[str], text: str) -> str:
    """The type a "Type:" label states, else the one the title names (a briefing's title
    page naming the one review it presents, "Learning Brief: Ruby" over "Local Learning
    Review", is that review), else the one the opening, the preamble or the text gives itself
    or names (see :func:`detect_type`)."""
    named = title_type(title)
    if lines == preamble and _periodical_issue(title, lines):
        # one article in a newsletter's issue ("Learning from a local review: Child P" under
        # "Safeguarding Matters ... Issue 14"): the issue is the document, a bulletin
        return labelled_type(lines[:12]) or "bulletin"
    if named == "thematic_analysis" and detect_type(title) != named:
        # a periodical's issue drawing on several reviews ("Learning from Reviews" over "Staff
        # bulletin, Issue 9") is a bulletin, as "Learning from reviews: quarterly digest" is
        if any(_PERIODICAL.search(line) for line in lines[:4]):
            named = "bulletin"
    if named in (None, "bulletin") and any(map(_presents_national_review, [title, *lines[:4]])):
        # a briefing, response or page presenting one national panel review takes its type
        # (docs/learning-taxonomy.md, "Settled cases" (n))
        named = "thematic_analysis"
    if named in (None, "bulletin"):
        # a subtitle stands just under the title, not among the first section headings
        subtitle = next(filter(None, map(subtitle_type, lines[:4])), None)
        named = subtitle or named
    if named in (None, "bulletin") and any(
        _ACROSS_REVIEWS.search(line) for line in [title, *lines[:4]]
    ):
        # a brief in any genre drawn from the partnership's reviews over years looks across
        # them: "Myth buster: ..." over "Learning brief drawn from our reviews, 2021 to 2024"
        named = "thematic_analysis"
    if named in (None, "bulletin") and any(map(_counted_reviews_line, [title, *lines[:4]])):
        # "7 Minute Briefing: ..." over "Themes from four rapid reviews held in ...": a
        # briefing by genre, drawn from several reviews its title page counts
        named = "thematic_analysis"
    if named is None and not _NOT_A_REVIEW.search(title) and any(map(_guide_line, lines[:3])):
        # practice guidance grown out of a review it names only in its text, its title naming
        # its subject ("Seeing the Whole Family" over "... practice guidance for ...
        # practitioners"), is a briefing (docs/learning-taxonomy.md, "Review types"); a
        # policy or guidance by title that cites reviews is none
        named = "bulletin"
    if named is None and any(_GENRE_LINE.match(line) for line in lines[:6]):
        named = "bulletin"  # "The practitioner newsletter of the ... Partnership"
    if named == "child_safeguarding_practice_review":
        # the method a line under the title names is the more specific type ("Local Child
        # Safeguarding Practice Review: Jay" over "A SILP review report")
        named = next(filter(None, map(_method_line, lines[:4])), named)
    labelled = labelled_type(lines[:12])
    if not (labelled or named) and _NOT_A_REVIEW.search(title):
        return "unknown"  # a policy or procedure citing reviews is none of them
    return (
        labelled
        or named
        or detect_type("\n".join(lines[:12]), self_first=True)
        or detect_type("\n".join(preamble[:12]), self_first=True)
        or detect_type(text, self_first=True)
        or "unknown"
    )


# The review types that name how a review was done: a local child safeguarding practice review
# carried out by one of them is typed by it, as the corpus's SILP and Learning Together
# reports are
_METHODS = frozenset({"silp", "learning_together", "appreciative_inquiry"})


def _method_line(line: str) -> str | None:
    """The method a title page's short line names ("A SILP review report, ... Partnership",
    "A review using the Learning Together systems model"), not a sentence of the text."""
    if len(line.split()) > 16 or line.rstrip().endswith("."):
        return None
    code = detect_type(line)
    return code if code in _METHODS else None


# A title page's line naming the document a guide for practitioners: "Working with fathers:
# practice guidance for Elmsford practitioners", "A practitioner guide", "Leaflet for staff"
_GUIDE = re.compile(
    r"\b(?:practice guid(?:e|ance)|practitioners?['\u2019]? guide|guid(?:e|ance) for "
    r"(?:practitioners|professionals|staff|volunteers|teams)|leaflet|handout)\b",
    re.IGNORECASE,
)


def _guide_line(line: str) -> bool:
    """Whether a title or a short line under it names the document a practice guide."""
    return len(line.split()) <= 16 and not line.rstrip().endswith(".") and bool(_GUIDE.search(line))


def _periodical_issue(title: str, lines: list[str]) -> bool:
    """Whether a document holding one review is a periodical's issue and ``title`` one of
    its sections: its own title page (the lines before that section, at most four) names a
    newsletter, bulletin or update, or its issue or edition."""
    head = lines[: next((at for at, line in enumerate(lines) if line.strip() == title.strip()), 0)]
    head = head[:4]
    return bool(head) and (
        title_type(head[0]) == "bulletin"
        or any(_PERIODICAL.search(line) or _GENRE_LINE.match(line) for line in head)
        or any(_ISSUE_CELL.search(line) for line in head)
    )


# A masthead's issue number: "Issue 14", "Issue 3 | February 2026"
_ISSUE_CELL = re.compile(r"(?:^|[|,]\s*)(?:issue|edition|no\.?)\s+\d{1,3}\b", re.IGNORECASE)


# A title page's line naming a periodical: "Staff bulletin, Issue 9", "Practitioner
# newsletter", "Summer edition 2025"
_PERIODICAL = re.compile(
    r"\b(?:e-?)?(?:newsletter|bulletin)\b|" + _TITLE_TYPE_PATTERNS[0][1], re.IGNORECASE
)
# A title page's line presenting one national panel review: "National review: ...",
# "Learning from the national review of ...", "Regional briefing on a national review: ...",
# "Our response to the National Panel's review of ..."
_NATIONAL_REVIEW_LINE = re.compile(
    r"^(?:[\w'\u2019-]+\s+){0,3}?(?:(?:briefing|brief|summary|bulletin|note|response|learning|"
    r"lessons|messages)\s+(?:on|about|to|from|for)\s+)?(?:(?:the|a|an|this)\s+)?"
    r"(?:national\s+(?:panel(?:['\u2019]s)?\s+)?(?:[\w-]+\s+)?review|"
    r"panel['\u2019]s\s+(?:national\s+)?(?:[\w-]+\s+)?review)\b",
    re.IGNORECASE,
)


def _presents_national_review(line: str) -> bool:
    """Whether a title or a short line under it presents a national panel review (see
    :data:`_NATIONAL_REVIEW_LINE`); a sentence mentioning one does not."""
    words = line.split()
    return (
        len(words) <= 20
        and not line.rstrip().endswith(".")
        and bool(_NATIONAL_REVIEW_LINE.match(line.strip()))
    )


# A title naming a document that is not a review or its learning: a policy, procedure,
# protocol, guidance, strategy, terms of reference, threshold document, toolkit, business or
# strategic plan, training programme, minutes, or the published safeguarding arrangements.
_NOT_A_REVIEW = re.compile(
    r"\b(?:polic(?:y|ies)|procedures?|protocols?|guidance|strategy|terms of reference|"
    r"threshold document|toolkit|(?:business|strategic) plan|training (?:programme|offer|"
    r"calendar)|minutes of|safeguarding arrangements)\b",
    re.IGNORECASE,
)


_MANY_CHILDREN = frozenset({"thematic_analysis", "multi_agency_audit"})


def _own_partnership(lines: list[str], preamble: list[str]) -> str | None:
    """The partnership or board a review's own opening names (a review listed on a
    partnership's page "commissioned by the former Eastby Local Safeguarding Children
    Board" is the board's), else the one the document's preamble names, else any."""
    own = find_partnership(lines[:30])
    if own and not _NATIONAL.search(own):
        return own
    return find_partnership(preamble[:30] + lines[:30]) or find_partnership(lines)


def _own_lines(lines: list[str], preamble: list[str]) -> list[str]:
    """A review's lines after the document's preamble, when they open with it (the first of
    several reviews or cases); all of them when the preamble is the whole document."""
    if preamble and len(lines) > len(preamble) and lines[: len(preamble)] == preamble:
        return lines[len(preamble) :]
    return lines


# A sentence saying when the review itself met or ended ("The rapid review was held in July
# 2024", "the review concluded in March 2025"); read only for one of several reviews, whose
# document's own date is its publication, not the review's.
_REVIEW_HELD = re.compile(
    r"\breview\b[^.;]{0,40}?\b(?:was |were )?(?:held|completed|concluded|met|took place|"
    r"signed off|finished)\s+(?:in|on)\s+$",
    re.IGNORECASE,
)


# A sentence saying when the review a document carries was itself published ("commissioned a
# local child safeguarding practice review, which was published in November 2025")
_REVIEW_PUBLISHED = re.compile(
    r"\breview\b[^.;]{0,40}?\b(?:which |that )?(?:was |were )?published\s+(?:in|on)\s+$",
    re.IGNORECASE,
)
_NOT_ONE_REVIEW = frozenset({"bulletin", "thematic_analysis", "unknown"})


def _carries_review(title: str, review_type: str) -> bool:
    """Whether a document is typed as the one review it carries though its title names no
    review (an agency's "Safeguarding Learning Note 2026/03" over "Learning from a child
    safeguarding practice review"): it stands for that review, whose date is the review's."""
    return review_type not in _NOT_ONE_REVIEW and title_type(title) in (None, "bulletin")


def _review_published(own: list[str]) -> tuple[int, date | None, int | None] | None:
    """The date a sentence says the carried review was published, as a date found on a title
    page (see :func:`dated`), or None."""
    for line in own:
        for at, found, found_year in _dates_in(line):
            if _REVIEW_PUBLISHED.search(_SENTENCE_BREAK.split(line[:at])[-1]):
                return _STANDING_ALONE, found, found_year
    return None


def _case_date(title: str, own: list[str]) -> tuple[int, date | None, int | None]:
    """The date one of several reviews gives itself, as if it stood alone: one its heading
    writes ("Child M - local child safeguarding practice review, March 2023", a bare year
    "Rapid review: Baby L (2024)"), else one a sentence says the review was held or ended in.
    ``(9, None, None)`` when there is none."""
    rank, day, year = dated([title])
    if rank <= 2:
        return _STANDING_ALONE, day, year
    years = _YEAR.findall(title)
    if rank == _NO_DATE and len(years) == 1 and not _PERIOD.search(title):
        if not _NOT_PUBLICATION.search(title) and not _YEAR_RANGE.search(title):
            return _STANDING_ALONE, None, int(years[0])
    for line in own[:40]:
        for at, found, found_year in _dates_in(line):
            if _REVIEW_HELD.search(line[:at]):
                return _STANDING_ALONE, found, found_year
    return _NO_DATE, None, None


def extract_metadata(
    title: str,
    lines: list[str],
    preamble: list[str],
    furniture: Callable[[], list[str]] | None = None,
) -> ReviewMetadata:
    """Read one review's metadata from its lines, falling back on the document's preamble.

    Args:
        title: the review's heading (or the document's first heading).
        lines: the review's own text, one block per entry.
        preamble: the document's text before its first review (shared by all its reviews).
        furniture: gives the document's running headers and footers, which the text leaves
            out (:func:`fullpicture.learning.furniture.document_furniture`); called only when
            the text names no partnership or writes no date, which are then read there.
    """
    text = "\n".join(lines)
    # A case in a bulletin keeps a date of its own that is labelled or stands alone ("5.3
    # Rapid review: Baby S (September 2023)"), else takes the bulletin's ("Issue 7, November
    # 2024") over a date in its story ("In March 2023 Baby L was admitted"). The first case
    # holds the preamble too: its own lines are read first, as the other cases' are (a yearly
    # report "Published September 2025" whose first review says "(published November 2024)").
    own = _own_lines(lines, preamble)
    when = dated(own[:40])
    if when[0] > _STANDING_ALONE and lines != preamble:
        when = min(when, _case_date(title, own), key=lambda found: found[0])
    if when[0] > _STANDING_ALONE:
        when = min(when, dated(preamble[:40]), key=lambda found: found[0])
    partnership = _own_partnership(lines, preamble)
    # The running footer is read when the text names no partnership or gives no date on a
    # title page or after a label ("Version 1.0 final, March 2023" in a Word footer).
    unsure = when[0] > _STANDING_ALONE
    # the first of several reviews reads its own lines, not the preamble it holds, for its type
    review_type = _review_type(title, own if lines != preamble else lines, preamble, text)
    # a type only the running header gives ("LCSPR Child Q | Harlow Vale SCP | Page 3")
    untyped = review_type == "unknown" and not _NOT_A_REVIEW.search(title)
    margins = furniture() if furniture and (unsure or partnership is None or untyped) else []
    if untyped:
        review_type = detect_type("\n".join(margins)) or review_type
    if (footer := dated(margins))[0] < min(when[0], _YEAR_ONLY_RANK + 1):
        when = footer
    if _carries_review(title, review_type) and (published := _review_published(own[:40])):
        when = published
    _, review_date, year = when
    if year is None:
        # a year only the title gives ("Annual Report 2023-24", "Reviews 2015 to 2020")
        year = latest_year(lines[:40] + preamble[:40] + [title])
    # a cover page whose heading is the partnership's name
    partnership = partnership or find_partnership([title]) or find_partnership(margins)
    # an agency's own learning naming no partnership: the agency that published it
    # (docs/learning-taxonomy.md, "Other agencies' documents")
    partnership = partnership or find_publisher([title, *own[:6], *preamble[:6]])
    if review_type in ("bulletin", "unknown") and _NATIONAL.search(partnership or ""):
        review_type = "thematic_analysis"  # a national panel's briefing analyses many reviews
    # a thematic analysis or an audit looks at many children: the name or age of one child it
    # cites ("the rapid review of Child M, aged two") is not the document's child
    # (so does a bulletin whose title says it draws on reviews, plural: "Learning from Reviews"
    # over "Staff bulletin, Issue 9")
    single = review_type not in _MANY_CHILDREN and title_type(title) != "thematic_analysis"
    pseudonym = find_pseudonym(lines[:40], title) if single else None
    return ReviewMetadata(
        title=title or (lines[0] if lines else "Untitled review"),
        partnership=partnership,
        review_date=review_date,
        year=year,
        review_type=review_type,
        child_pseudonym=pseudonym,
        child_age=find_age(text[:_OPENING], pseudonym) if single else None,
        child_sex=find_sex(text, opening=_OPENING) if single else None,
        agencies=find_agencies(text),
    )
