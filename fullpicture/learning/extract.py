"""Learning items: findings, recommendations (with their addressee), key learning, next steps,
reflective questions and the child's voice, read from a review's placed blocks.

An item's kind comes from an explicit label at its start ("Finding 2:", "Recommendation 3.1"),
else from the nearest heading that names a kind ("Key learning", "Next steps", "Questions for
practitioners"). A numbered finding's explanation joins the finding; an introduction ending
with a colon ("The partnership should:") gives the addressee of the bullets that follow it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np

from fullpicture.learning.documents import NARRATION
from fullpicture.learning.heading_reader import rule_kind
from fullpicture.learning.metadata import detect_type
from fullpicture.learning.review_themes import (
    dominant_themes,
    lend,
    resolve_bare_abuse,
    resolve_exploitation,
)
from fullpicture.learning.sections import PATH_SEPARATOR, PlacedBlock, section_number
from fullpicture.learning.theme_model import ThemeBasis, ThemeModel, item_features
from fullpicture.learning.theme_options import DEFAULT_OPTIONS, ThemeOptions
from fullpicture.learning.themes import (
    lexical_themes,
    theme_codes,
    topic_themes,
)

KINDS: dict[str, str] = {
    "finding": "Finding",
    "recommendation": "Recommendation",
    "key_learning": "Key learning or message",
    "next_step": "Next step or action",
    "reflective_question": "Reflective question",
    "child_voice": "The child's voice",
}

# A report across a year's or several years' reviews ("Themes from rapid reviews", "Themes
# that keep returning", "Recurring themes"): what the reviews found, taken together. Its
# sub-headings name the themes ("Young people who took their own lives"), not findings.
_THEMES_ACROSS = (
    r"^(?:the )?(?:key |main |common )?themes (?:from|in|across) (?:the |our |this year's |"
    r"the year's |local |national )?(?:\w+ )?(?:reviews|audits|notifications)\b|"
    r"^(?:the )?themes that (?:keep )?(?:returning|recurring|recur|return|came up again)\b|"
    r"^recurring themes\b"
)
# Headings over the issues or themes a review drew out ("Key issues arising from the case",
# "Themes identified"): findings, beside which a review may still analyse practice under
# numbered topic headings (see analysis_sections).
_ISSUES = (
    r"\bkey issues\b|\bissues (?:identified|arising|raised|found)\b|"
    r"\bthemes (?:identified|arising|emerging)\b|emerging themes|"
    # an agency's reading of the reviews it took part in: "Themes for adult services"
    r"^(?:the )?(?:key |main |common |recurring )?themes for (?!the\b)|" + _THEMES_ACROSS
)
# A heading over a named child's experience or what a child could not put into words: there
# the child's voice is what the child showed, told by whoever saw it (see _shown_by_child).
_CHILDS_EXPERIENCE = (
    r"^(?:child |baby )?(?!(?:the )?(?:mother|father|parent|famil|carer|practitioner|"
    r"professional|agenc|partner|staff|school|nursery|worker|review)\w*(?:'s|\u2019s))"
    r"\w+(?:'s|\u2019s) (?:own )?experiences?$|"
    r"^what (?:the )?(?!you\b|we\b)\w+(?: \w+)? (?:could not|couldn't|cannot|can't|did not|"
    r"didn't) (?:tell|say)\b|"
    # what the named child's setting or teacher saw of the child ("What Amelia's nursery
    # noticed", "What Jay's teacher saw")
    r"^what (?:child |baby )?(?!(?:the )?(?:mother|father|parent|famil|carer|practitioner|"
    r"professional|agenc|partner|staff|school|nursery|worker|review)\w*(?:'s|\u2019s))"
    r"\w+(?:'s|\u2019s) (?:\w+ ){1,2}?(?:noticed|saw|observed)$"
)
# The front-line roles a briefing is written for, asked by name what to do ("What DSLs should
# do now"): the readers themselves, as "you" and "practitioners" are.
_READER_ROLES = (
    r"(?:dsls?|designated (?:safeguarding )?leads|officers|staff|nurses|gps|clinicians|"
    r"teachers|social workers|health visitors|midwives|volunteers|crews|colleagues|schools|"
    r"settings|practices)"
)
_SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        (
            "reflective_question",
            r"question|reflect|ask yourself|things to consider|for discussion|think about|"
            r"consider in your practice|"
            # published forms: "Points to consider", "Discussion points", "Over to you"
            r"points? to consider|^consider\b|discussion (?:points?|questions?)|"
            r"points? for discussion|team discussion|over to you|"
            # a session handout's "Table discussion one", "Group discussion 2"
            r"\b(?:table|group|small[- ]group|pair|breakout) discussions?\b|"
            # ... and its "Table exercise", "Group exercise 2"
            r"^(?:table|group|small[- ]group|pair|breakout) exercises?\b",
        ),
        (
            "child_voice",
            r"voice|in (?:his|her|their|(?:child |baby |young person )?\w+'s) (?:own )?words|"
            r"what (?!you\b|we\b)\w+ (?:said|told)|what the (?:child|young person|children|young people|"
            r"baby's family) (?:said|told|wanted)|"
            r"lived experience|\w+'s views?\b|wishes and feelings|in \w+'s words|"
            # "Hearing from Kai" (not "Hearing from the adults in the house")
            r"hearing from(?! (?:the )?(?:adults?|parents?|fathers?|mothers?|famil|carers?|"
            r"practitioners?|professionals?|agencies|staff|partners))|"
            # a briefing's "Ellis's daily life", a brief's "What Ayaan's communication told us"
            r"^[A-Z]\w*(?:'s|\u2019s) (?:daily|everyday|day-to-day) life$|"
            r"what (?:\w+(?:'s|\u2019s) )?(?:communication|behaviou?r|body language|drawings?|"
            r"play) (?:told|tells|showed|shows) us|"
            # "What Harper showed us" (not "What the audit showed us")
            r"^what (?!you\b|we\b|this\b|it\b|the\b|these\b|our\b)\w+ (?:showed|shows) us\b|"
            r"(?:child|children|young (?:person|people))'?s?'? (?:own )?experiences?\b|"
            # "What Toby's experience tells us", "How Mia communicates": a full report's
            # section on a child who cannot say, told by the adults who know them
            r"^what (?:\w+(?:'s|\u2019s) )?experiences? (?:tells|told|shows|showed) us\b|"
            r"^how (?!(?:the )?(?:agencies|professionals|practitioners|services|partners|staff|"
            r"teams?|workers|we|you|they)\b)(?:the )?\w+ communicat(?:es|ed)\s*$|"
            # "What young people told us", "A day in the life of ...", "My story", "What
            # I want you to know", "Messages from children"
            r"what (?:the )?(?:children|young people|child|young person) (?:said|told|say|tell|"
            r"wanted)\b|a day in the life\b|\bmy story\b|\blisten to me\b|"
            r"what (?:i|(?!we\b|you\b)\w+ would) (?:would )?want you to know|"
            r"through (?:the|his|her|their|\w+'s) eyes\b|"
            r"what (?:the )?(?:child|young person|baby|children) (?:experienced|went through)\b|"
            r"messages? from (?:the )?(?:children|young (?:people|person)|child)\b|"
            r"what it (?:was|is|felt) like for (?:me|him|her|them)\b|"
            # "What children and mothers told us", "A child's words"
            r"what (?:the )?(?:children|young people) and (?:\w+ ){1,2}(?:said|told)|"
            r"\b(?:a )?(?:child|young person)'s words\b|\bchildren's words\b|"
            # a box "Rhys's words" (not "The mother's words", "Practitioners' words")
            r"^(?!(?:the|mother|father|mum|dad|parent|carer|practitioner|professional|"
            r"agency|partner|staff|worker)\w*(?:'s|\u2019s))[A-Z]\w*(?:'s|\u2019s) (?:own )?words$|"
            # a poster's panel "Hear the baby" (a topic "Hearing the child" names no kind)
            r"^hear (?:the )?(?:baby|babies|child|children|young (?:person|people))\b|"
            # "What children in these families said", "What the young people we met told us"
            r"^what (?:the )?(?:children|young people) (?:in|from|we|who) (?:\w+ ){1,4}?"
            r"(?:said|told (?:us|me|the \w+))\b|" + _CHILDS_EXPERIENCE,
            # a named child's experience, told by those who saw it ("Z's experience"), and what
            # a baby or child could not say ("What the baby could not tell us")
        ),
        (
            "next_step",
            r"next steps?|what happens next|what will happen|\bactions?\b|action plan|"
            r"what (?:we|the [\w ]{1,30}?|agencies|partners) (?:will|are going to|is|are|has|"
            r"have) (?:do|doing|done|do next)\b|"
            # a young people's version's "What we are going to change"
            # what the page asks its readers to do ("What we ask schools and settings to do")
            r"^what (?:we|i) ask (?:you|[\w' -]{1,40}?) to do\b|"
            r"^what (?:we|the [\w ]{1,30}?) (?:will|are going to|is going to) (?:change|"
            r"improve)\b|what (?:you|we|practitioners|professionals|"
            r"managers) (?:should|must|can|need to) do|what will change|"
            # what a front-line role reading the briefing is asked to do ("What DSLs should
            # do this term", "What officers should do now")
            r"^what (?:all |every |each )?(?:[\w-]+ ){0,2}?" + _READER_ROLES + r" (?:should|can|"
            r"need to) do\b|"
            # the changes a service reports ("Changes we have made", "Changes the trust has
            # introduced")
            r"\bchanges (?:we|the [\w ]{1,30}?) (?:have |has )?(?:made|introduced)\b|"
            r"what (?:should|can|must) (?:you|practitioners|professionals|managers|we) do\b|"
            r"^what to do\b|changes (?:that )?have been made|^what next\b|"
            # a list that asks the reader to act: "Do this", "Three things to do now"
            r"^do this\b|\bthings? to do\b|\bto do (?:now|next|today|this week)\b|"
            r"what (?:has|is) (?:already |now )?changed?|what is changing|"
            # "What is already happening", "What's happening now" (not a story's "What was
            # happening at home")
            r"^what(?:'s|\u2019s| is) (?:already |now )happening\b|"
            r"^what(?:'s|\u2019s| is) happening (?:now|already|as a result|since)\b|"
            r"what (?:we|the [\w ]{1,30}?) (?:is|are|has|have) (?:already |now )?"
            r"(?:changing|changed)\b|changes? (?:we are|being) made|"
            # a newsletter's item on a procedure changed ("Spotlight: our escalation policy
            # has changed"): what the reader now does under it
            r"\b(?:policy|policies|procedures?|protocols?|guidance|pathways?|processes|process|"
            r"thresholds?|arrangements) (?:has|have) (?:now )?(?:been )?(?:changed|updated|"
            r"revised|refreshed|replaced)\b|"
            r"^what (?:we|the [\w ]{1,30}?) changed\b|"  # "What we changed this year"
            r"what (?:has|have) happened since|what (?:has|have) already happened|"
            r"what needs to (?:happen|change)|"
            r"changes (?:made|since|in practice)|\bour priorities\b|"
            r"improvements?|progress (?:since|so far)|^we did\b|"
            r"\bwill (?:\w+ ){0,2}next\b|"
            # "What happens now", "What has been done", "Changes to practice", "Going
            # forward", "Our commitments", "Partnership response", "What can I do?"
            r"what happens now|what (?:has|have) (?:been|we|partners|agencies) (?:\w+ )?done\b|"
            r"changes (?:to|in) (?:practice|systems?|procedures?|processes)|practice changes|"
            r"impact of (?:the|this) (?:review|learning|audit)|what difference (?:has|have|did|"
            r"will)\b|how will we know\b|moving forward|going forward|"
            r"looking (?:ahead|forward)|\bcommitments?\b|areas? of focus|"
            r"priorities for (?:the )?(?:year|next|"
            r"coming)|"
            # a yearly report's "Our learning priorities for 2026 to 2027", "Priorities for
            # 2025-26": what the partnership will do in the coming year
            r"\bour (?!and\b)\w+ priorities\b|\bpriorities for (?:the year )?(?:19|20)\d\d\b|"
            r"(?:partnership|partners'?|board|agency|management)(?:'s|\u2019s)? response|"
            r"response to (?:the|this) (?:review|audit|recommendations?|findings|learning)|"
            r"things (?:you|we|practitioners|professionals) can do|how (?:you|we) can help|"
            r"what (?:we|i) (?:need|want|would like) you to do\b|"
            r"what can i do\b|what do i need to do\b|"
            # a briefing's question to its reader, "What should I do differently?" (settled
            # case (a)), and what a summary asks its readers, the practitioners, to do ("What
            # we are asking practitioners to do"; partners or the board: a recommendation)
            r"what (?:should|must|will|could) i do (?:differently|now|next)\b|"
            r"^what (?:we are|we're|i am|i'm|the \w+ is) asking (?:you|practitioners|"
            r"professionals|frontline (?:staff|practitioners|workers)) to do\b|"
            # the same as questions: "What has the partnership done?", "What will we do
            # differently?", "How can we do better?", "What should happen now?"
            r"what (?:has|have|will|is|are) (?:we|the [\w ]{1,30}?|agencies|partners) (?:done|"
            r"doing|do next)\b|what (?:do|will|can|should|must) we (?:need to )?do (?:differently|"
            r"next|now|better)\b|how (?:can|will|could) we do better\b|"
            r"what should happen (?:now|next)\b|"
            r"^your role\b|"
            r"\bhow (?:we|you|agencies|partners|the [\w ]{1,30}?|this [\w ]{1,30}?) "
            r"(?:will|are going to|is going to)\b",
        ),
        (
            "recommendation",
            r"recommend(?:ations?|ed)\b|"
            # a briefing's "What the review recommends", "What we recommend"
            r"^what (?:we|the (?:\w+ )?(?:review|reviewers?|panel|audit|report)) recommends?\b|"
            # the national template's "Priorities for learning and change", "Proposals for
            # change", "Issues for the Board to consider", "What we are asking partners to do"
            r"priorities for (?:learning and )?change|proposals? for (?:change|improvement)|"
            r"\bissues for (?:the )?[\w ]{2,40}? to consider|considerations for (?:the )?(?:partnership|"
            r"partners|board|safeguarding|agencies|leaders|commissioners)\b|"
            r"what (?:we are|we're|the review is) asking (?!you\b)[\w ]{2,40}? to do|"
            # "What we are asking of managers" (of every reader, "of you": key learning)
            r"^what (?:we are|we're|the (?:review|partnership|board) is) asking of "
            r"(?!you\b|everyone\b|all\b)\w[\w ]{1,40}$|"
            r"what we want (?!you\b)[\w ]{2,40}? to do|"
            # a practice guide's "What we expect of managers" (of every reader: key learning)
            r"^what (?:we|the (?:partnership|board)) expects? (?:of|from) (?!you\b|everyone\b|"
            r"all\b|every\b)\w[\w ]{1,40}$|"
            # "What the partnership asks each agency to do", "What the board asks of leaders"
            r"what (?:the |our )?(?:partnership|board|panel|review|executive) asks? "
            r"(?:of )?(?!you\b)[\w ]{2,40}?(?: to do\b|$)",
        ),
        (
            "finding",
            r"finding|what (?:we|the review|the audit) found|what did (?:we|the review) find|"
            # "What the re-audit found", "What the follow-up audit found"
            r"what (?:the |these |our |local )?(?:[\w-]+ )?(?:reviews?|(?:re-?)?audits?|cases?) "
            r"found|"
            r"what (?:are|were) we worried about|what we (?:are|were) worried about|"
            r"\bworries\b|what you told us|"
            r"what the (?:[\w-]+ ){0,2}?(?:review|audit|inquiry|panel|report) (?:said|says|"
            r"identified|highlighted)|"
            r"what the (?:\w+ )?(?:panel|inquiry|reviewers?|analysis) found|missed opportunit|"
            r"areas? (?:for|of|needing) (?:development|improvement)|for improvement|"
            r"even better if|what (?:did not|didn't) (?:work|go) well|areas? of concern|"
            r"^you said\b(?!, we did)|"
            # "3. The terms of reference and the review's conclusions": the review's questions
            # each answered by its findings (alone, terms of reference and conclusions are
            # background)
            r"(?:terms of reference|lines of enquiry) and (?:the |its |our )?(?:review's |"
            r"review\u2019s |panel's )?(?:conclusions|answers)\b|"
            # "Key issues arising from the case", "Themes identified", "What we have found",
            # "What did the audit tell us?", "Practice issues", "Concerns identified"
            + _ISSUES
            + r"|what (?:we|the (?:\w+ )?(?:review|audit)) (?:have |has )?"
            r"(?:found|saw|observed|noticed)\b|what did (?:the |this )?(?:\w+ )?(?:review|audit) "
            r"(?:tell us|show|find)\b|what the (?:\w+ )?(?:review|audit) (?:showed|told us)\b|"
            # a themed product's account of the several reviews it draws on, in the past
            # ("What the rapid reviews identified"; "What the reviews told us" is not read
            # so: the gold of two splits disagrees on it, docs/learning-evaluation.md)
            r"what (?:the |our |these |local )?(?:[\w-]+ )?(?:reviews|audits) (?:showed|"
            r"identified|highlighted)\b|"
            r"(?:practice|systemic|system) (?:issues?|concerns?)\b|concerns identified|^issues?$|"
            # the national rapid review template's question on practice, and a blog's
            # "Things I keep seeing"
            r"^(?:our )?(?:local |current )position$|"  # a self-assessment's column
            # a summary setting the review's questions over their answers ("What the rapid
            # review asked, and what it found")
            r"\bwhat (?:it|they) (?:found|concluded)\b|"
            # a thematic briefing's "What our reviews keep showing": the pattern found
            r"what (?:the |our |these |local )?(?:\w+ )?(?:reviews?|audits?|cases?) (?:keep|kept) "
            r"(?:showing|finding|seeing|telling us)\b|"
            r"\bquality of practice\b|what does (?:the )?(?:information|evidence)(?: gathered)? "
            r"tell us|\b(?:things|what) (?:I|we) (?:keep )?(?:see|seeing|saw|noticed|notice)\b",
        ),
        (
            "key_learning",
            r"key learning|learning points?|practice points?|points? for practice|"
            r"key messages?|\blessons?\b|what (?:we|did we) learn|"
            r"what (?:we|you) (?:have|'ve) learn|what (?:have we|has the \w+) learn|"
            r"what made (?:\w+ ){0,3}possible|what made (?:a|the) difference|"
            r"\btips\b|practice considerations?|key considerations|(?:things|points) to remember|"
            r"what (?:does )?good (?:practice )?looks? like|expectations of|"
            r"what (?:you|practitioners|professionals) need to know|"
            r"learning for|messages for|learning themes?|key points|"
            r"what this means (?:for|if|when)|implications for practice|practice implications|"
            r"did you know|what does (?:this|it) mean for (?:my|your|our) practice|"
            r"why (?:it|this|the issue|this issue) matters|learning from (?:this|the) (?:case|"
            r"review)|things to note|"
            r"practice reminders?|"
            # "Practice messages", "Key takeaways", "What can we learn?", "What does this mean
            # for practice?", "Why is this important?", "Remember"
            r"(?:practice|core|main|important|take-?away) messages?|\btake-?aways?\b|"
            r"what can (?:we|be|you|i) (?:learn|learnt|learned)\b|practice guidance|"
            r"what (?:does )?(?:this|it|the learning|that) means? (?:for|at|in)\b|"
            r"why (?:is )?(?:it|this) (?:is )?important|why does (?:it|this) matter|"
            r"what (?:we|i) need you to know|what we (?:want|would like) you to know|"
            # ... and a named reader ("What we want practitioners to know", "What we need
            # every GP to remember")
            r"what (?:we|i) (?:want|would like|need) (?:[\w-]+ ){1,3}?to (?:know|remember|"
            r"take away)\b|"
            r"what (?:does|do) (?:the |this |these |our )?(?:reviews?|audits?|cases?) (?:tell|"
            r"show|teach) us|what (?:the |this )?(?:review|audit) (?:tells|shows|teaches) us|"
            r"^remember\b|\breminders?\b|"
            # a practice guide's "Do / Don't" advice ("Do", "Try not to", "Avoid")
            r"^(?:do|dos|do's|don'?t|don'?ts|do not|try not to|avoid)$|"
            r"^(?:[\d.]+\s*)?(?:summary of (?:the )?learning|"
            r"learning summary)\s*$|"
            r"what (?:the |these |our |local |both |all (?:the |these |three |four )?|the two )?"
            r"(?:reviews?|cases?|audits?) (?:told|tell|showed|"
            r"show|taught) us|"
            # a report's own section ("4. What the reviews teach us"; a guide titled "Home
            # visits: what our reviews teach us" is not one)
            r"^what (?:the |these |our |local )?(?:reviews?|cases?|audits?) teach us\b|"
            # a bulletin's closing box on what its cases share ("Across both cases", "Across
            # all three reviews"): lessons drawn from more than one case
            r"^across (?:both|all|the|these|our) (?:\w+ )?(?:cases|reviews)$|"
            # a guide's box of what stops good practice ("What gets in the way of
            # curiosity", "What makes it hard"): lessons on practice in general
            r"^what (?:can )?gets? in the way\b|"
            r"^what (?:can )?makes? (?:it|this) (?:hard|difficult)|"
            # what a panel or partnership says it expects of practice ("What the Panel wants
            # to see", "What we expect to see"): practice as it should be, stated for all
            r"^what (?:we|i|the (?:\w+ )?(?:panel|partnership|board|inspectors?|reviewers?)) "
            r"(?:wants?|expects?|would like|hopes?|needs?) to see\b",
        ),
    ]
]
# Headings over the words of practitioners, parents or managers: quotations there are not the
# child's voice ("What practitioners said at the event", "What parents told us").
_PRACTITIONERS_VOICE_TEXT = (
    r"\b(?:what |how )?(?:the )?(?:practitioners?|professionals?|staff|managers?|"
    r"agencies|partners|the event|the group)'?s?\s+"
    r"(?:said|told|say|tell|thought|think|reflected|reflections|views?|voices?|perspectives?)\b"
)
_PRACTITIONERS_VOICE = re.compile(_PRACTITIONERS_VOICE_TEXT, re.IGNORECASE)
_OTHERS_VOICE = re.compile(
    _PRACTITIONERS_VOICE_TEXT + r"|"
    # "3. The family's views" (but "What children and carers told us" quotes children too)
    r"(?<!and )\b(?:the )?(?:family|parents?|carers?)'?s?\s+(?:said|told|views?|voices?|perspectives?)\b",
    re.IGNORECASE,
)
_WEAK_LEARNING = re.compile(r"\blearning\b", re.IGNORECASE)
# A heading on how a partnership gathers or spreads learning ("How we share learning", "The
# learning cycle", "Audits and other learning activity"): its procedure, not learning itself.
_LEARNING_PROCESS = re.compile(
    r"\b(?:share|sharing|spread|spreading|disseminat\w+|embed|embedding) (?:the |our )?"
    r"learning\b|\blearning (?:cycle|activit(?:y|ies)|events?|sessions?|offer|programme|"
    r"culture|and development|and improvement (?:framework|system|cycle))\b",
    re.IGNORECASE,
)
# A bulletin's or newsletter's name, "Learning" and one capitalised word ("Learning Lens",
# "Learning Matters", "Learning Link"): the masthead over every part of the issue (its welcome,
# its stories, its dates for the diary), not a list of learning. The words a section of
# learning is headed by ("Learning points", "Learning Identified") are not names.
_MASTHEAD = re.compile(
    r"^[Ll]earning\s+(?!(?i:points?|identified|themes?|areas?|summary|messages?|lessons?|outcomes?|"
    r"notes?|review|reviews|from|and|for|to|in|on)\b)[A-Z][a-z]+$"
)
_STRENGTHS = re.compile(
    r"strengths?\b|what (?:went|worked) well|good practice|what (?:\w+ ){1,3}did well\b|"
    # a young people's version's "What we got right"
    r"^what (?:we|you|they|the [\w ]{1,30}?) (?:got|did) right\b|"
    r"what(?:'s|\u2019s| is| was) (?:working|going) well|"
    r"(?:positive|notable|effective|promising|strong) practice",
    re.IGNORECASE,
)
_DEVELOPMENT = re.compile(
    r"areas? (?:for|of|needing) (?:development|improvement)|for improvement|even better if|"
    r"what (?:did not|didn't) (?:work|go) well|"
    r"what could (?:have been|have gone|be) (?:done )?(?:better|differently)|"
    r"what could (?:we|agencies|practitioners|services|\w+) have done (?:better|differently)|"
    r"what (?:needs|need) to improve|what went wrong|"
    r"areas? (?:requiring|that require|which require|needing to) (?:development|improvement)|"
    r"improvements? (?:required|needed|are needed)|requires? improvement|"
    # "Improvement area", "Areas of weakness", "What didn't go so well", "Where practice
    # could be strengthened", "What could be better", "Gaps identified"
    r"improvement areas?|areas? of weakness|gaps? (?:identified|in practice)|"
    r"what (?:did not|didn't) go so well|what could (?:be|have been) better|"
    r"where (?:practice )?could (?:be|have been) (?:strengthened|better|improved)|"
    r"what we (?:were|are) concerned about|what concerned us|"
    # a briefing's "What must improve", "What should be better"
    r"\bwhat (?:must|should) (?:improve|be improved|be better|get better)\b|"
    # a force's "What we must do better", a service's "What we need to do better"
    r"\bwhat (?:we|you|they|(?:the )?\w+) (?:must|need to|should) do better\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?P<label>findings?|recommendations?|key learning(?: points?)?|learning points?|"
    r"practice points?|key messages?|next steps?|actions?|reflective questions?|questions?|"
    # a question put to its readers by name after a finding ("Question for the partnership:
    # How ...?", "Questions for the Board: ...")
    r"(?:reflective )?questions? for (?:the |our |all |every |each )?[\w'\u2019 -]{2,40}?"
    r"(?=\s*[:\u2013]\s*\S[^\n]*\?\s*$)|"
    # labels of published briefings and audits ("Area for development:", "Good practice:",
    # "Lesson 2:", "Top tip:", "Action taken:", "Ask yourself:"): see _LABEL_FAMILIES
    r"key findings?|areas? (?:for|of) (?:development|improvement|concern)|improvement areas?|"
    r"practice issues?|missed opportunit(?:y|ies)|even better if|issues?(?=\s*\d)|"
    r"lessons?(?: learn(?:ed|t))?|(?:top )?tips?|practice reminders?|remember|"
    r"(?:the )?learning(?=\s*(?:\d|[:\u2013]))|messages?(?=\s*\d)|good practice|strengths?|what went well|"
    r"actions? (?:taken|agreed)|agreed actions?|commitments?|(?:changes?|improvements?) made|"
    # a myth-buster's answer to each myth and the case that shows it ("Reality: ...", "The
    # facts: ...", "From our reviews: ...", "What our audit found: ...")
    r"(?:the )?reality|(?:the )?facts?|from (?:our|the|local) (?:\w+ )?(?:reviews?|audits?|cases?)|"
    # a practice standard's evidence ("What our reviews found: In the review of Baby R, ...")
    r"what (?:our|the|local|these) (?:\w+ )?(?:reviews?|audits?|cases?) (?:found|showed)|"
    r"reflect(?:ion)?|consider|ask yourself|think about|discussion points?|for discussion|"
    # a thematic review's "What needs to change:" after each finding
    r"what (?:needs to|should|must) change|"
    # a thematic review's "What this means for practice:" after its findings on each theme
    r"what this means for (?:practice|practitioners|you|us)|"
    # a thematic review's "Implications for practice:" closing each finding's box
    r"(?:key )?implications for (?:practice|practitioners)|practice implications|"
    # a learning brief's pair under each learning point ("What we found: ..." then "What good
    # practice looks like: ...")
    r"what we (?:found|saw)|what (?:good|best) practice looks like|"
    # "Rec 2:", "R1." and "Q3:" only with their number: a bare "R" or "Q" is no label
    r"(?:rec(?:ommendation)?s?\.?|r|q)(?=\s*\d))"
    r"\s*(?P<number>\d+(?:\.\d+)*(?:[a-z]|\s?\([a-z]{1,4}\))?)?\s*(?:\((?P<who>[^)]{2,80})\))?"
    r"\s*[:.\-\u2013)]\s*",
    re.IGNORECASE,
)
# A rapid review's decision on whether the case needs a fuller review ("The rapid review
# concluded that ... the criteria for a local child safeguarding practice review were not met",
# "The case met the criteria for a LCSPR"): what the partnership decided, not what it learned.
_CRITERIA_DECISION = re.compile(
    r"\bcriteria for (?:a |an )?(?:[\w-]+ ){0,5}(?:review|lcspr|cspr|scr)\b[^.]{0,40}?\b"
    r"(?:(?:was|were|had been|have been) )?(?:not )?met\b|"
    r"\b(?:met|meets|meet|did not meet|does not meet) the criteria for (?:a |an )?"
    r"(?:[\w-]+ ){0,5}(?:review|lcspr|cspr|scr)\b",
    re.IGNORECASE,
)
# How prose reporting a review opens each kind of learning: what it found, its key learning
# or common theme, and what has changed since.
_REPORTED = re.compile(
    r"^(?:(?P<finding>(?:the (?:\w+ ){0,3}(?:review|audit|panel|inquiry)|it|they|we) (?:also )?"
    r"(?:found|concluded|identified) that\b|"
    r"[^.]{0,60}\bwhat the (?:\w+ ){0,2}(?:review|audit|inquiry) (?:found|concluded)\b)|"
    r"(?P<recommendation>the (?:\w+ ){0,3}(?:review|audit|panel|reviewer)s? (?:also )?"
    r"recommends? that\b)|"
    r"(?P<key_learning>(?:the|a|its) (?:(?:review|audit|panel)(?:'s|\u2019s) )?(?:key|main|"
    r"central|most important|second|third|other) "
    r"(?:learning|lesson|message|common theme)s?\b[^.]{0,80}?\b(?:is|was|are|were)\b|"
    r"across (?:all )?(?:the |these )?(?:\w+ ){0,3}(?:reviews|pieces of work|cases|audits)\b)|"
    r"(?P<next_step>(?:as a result(?: of (?:the|this) (?:\w+ ){0,2}(?:review|audit))?|since "
    r"(?:the|this) (?:\w+ ){0,2}(?:review|audit)|following (?:the|this) (?:\w+ ){0,2}"
    r"(?:review|audit)),|[^.]{0,80}\b(?:has|have) (?:since |now )?(?:agreed(?! (?:that (?:I|we|"
    r"the \w+) (?:can|could|may)|to (?:this|the|his|her|their) \w+ being))|introduced|added|"
    r"launched|set up|produced|changed|run|revised|trained|written)\b))",
    re.IGNORECASE,
)
# A child (named by one word, "Child R" or "the young person") quoted telling the review:
# 'Kai told the reviewer: "Nobody asked me ..."'. A parent ("Kai's mother said") is not.
_CHILD_TOLD = re.compile(
    r"^(?!(?:he|she|they|we|i)\b)(?:child [A-Z]\w*|[Tt]he (?:(?:eldest|oldest|youngest|younger|"
    r"older|middle) )?(?:child|young person|boy|girl)(?: in [Ff]amily [A-Z])?|"
    r"[A-Z][\w'\u2019-]*) (?:told|said to) (?:the (?:lead )?(?:reviewers?|review|panel|author)|"
    r"us|me)(?: that [^\"\u201c:]{5,200}?)?\s*[:,]\s*[\"\u201c]|"
    # a child named by "Child" and a letter, quoted telling anyone ('Child K told his youth
    # worker after he left hospital: "..."'): "Child" marks the child, as an age does below
    r"^(?:Child|Baby) [A-Z][\w'\u2019-]* (?:later |also |once )?(?:told|said to) "
    r"[^\"\u201c:.]{2,80}?[:,]\s*[\"\u201c]|"
    # a child named with their age, quoted telling anyone ('Kai, aged fourteen, told his youth
    # worker: "..."'): the age marks the child, not a parent known by first name
    r"^[A-Z][\w'\u2019-]*, aged [\w-]+, (?:told|said to) (?:\w+ ){1,3}?\w+\s*[:,]\s*[\"\u201c]|"
    # a child anonymised by a single letter, quoted telling anyone, perhaps after when it was
    # ('In March 2024 P told his teacher: "..."'): a lone letter names a child in a review
    r"^(?:(?:In|On|During|By|At) [^,:\"\u201c]{3,40}?,? )?[A-Z] (?:later |also |once )?"
    r"(?:told|said to) [^\"\u201c:.]{2,80}?[:,]\s*[\"\u201c]|"
    # a child told of as a child, quoted telling anyone ('The eldest child told her teacher
    # that they "had cereal for tea"')
    r"^[Tt]he (?:(?:eldest|oldest|youngest|younger|older|middle) )?(?:child|young person|boy|girl|"
    # a brother or sister, a child too ('The half-brother told his teacher: "..."')
    r"(?:half-|step-)?(?:sibling|sister|brother)) "
    r"(?:told|said to) (?:his|her|their|a|an|the) (?:[\w'\u2019-]+ ){0,4}?[\w'\u2019-]+"
    r"(?: that [^\"\u201c:]{3,200}?)?\s*[:,]?\s*[\"\u201c]"
)
# A relative telling what the child did or said, the child's words or behaviour quoted ('His
# father said that Baby R "went stiff and cried"', 'K's grandmother told the review that K
# "would stand at the window"'), or a brother's or sister's own words ('The half-sister's
# words to her key worker were: "..."'): the child's voice, though the relative's own words
# are not ('Kai's mother said: "I was exhausted"').
_FEMALE_RELATIVE = r"(?:mother|mum|grandmother|nan|aunt|(?:half-|step-|older |younger )?sister)"
_MALE_RELATIVE = r"(?:father|dad|grandfather|uncle|(?:half-|step-|older |younger )?brother)"
_TOLD_THAT = (
    r" (?:said|told (?:the (?:lead )?(?:reviewers?|review|panel)|us|staff|professionals)|"
    r"described|explained|remembered|recalled) that "
    # after "that", the child at once or after when it was ("that in the week before he ..."),
    # not the relative's own doing ("that she had warned the school that Ada was ...")
    r"(?:(?:in|on|at|during|for|after|before|when|whenever|over|by|each|every)\b[^\"\u201c.,]{0,60}"
    r",?\s)?"
)
# the child after "that": named, "the baby", or a pronoun of the other sex than the speaker's
_CHILD_AFTER = r"(?:the (?:baby|child|boy|girl)|(?:Child |Baby )?[A-Z]\w*)"
_TOLD_OF_CHILD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:Child |Baby )?[A-Z][\w-]*['\u2019]s|[Hh]is|[Hh]er|"
    r"[Tt]heir|[Tt]he) (?:"
    r"(?:"
    + _FEMALE_RELATIVE
    + _TOLD_THAT
    + r"(?:he|"
    + _CHILD_AFTER
    + r")|"
    + _MALE_RELATIVE
    + _TOLD_THAT
    + r"(?:she|"
    + _CHILD_AFTER
    + r")|"
    r"(?:grandparents?|parents?|carers?|foster carers?)" + _TOLD_THAT + _CHILD_AFTER + r")"
    r"\s[^\"\u201c.]{0,60}?[\"\u201c]|"
    r"(?:half-|step-|older |younger )?(?:sister|brother|sibling)['\u2019]s words\b"
    r"[^\"\u201c.]{0,60}?[:,]\s*[\"\u201c])"
)
# A child the review does not name, quoted ('One young person said: "..."', 'A girl of twelve
# told us: "..."', 'Child K: "..."'), as audits, thematic reviews and briefings quote them.
_A_CHILD_SAID = re.compile(
    r"^(?:(?i:one|a|another) (?:of the )?(?:young (?:person|people)|child(?:ren)?|girls?|boys?|"
    r"teenagers?)(?: (?:of|aged) \w+)?(?: \w+)? (?:said|says|told us|told the \w+|"
    r"told (?:one of )?(?:our|the) \w+|explained|"
    r"wrote|put it)|[Cc]hild [A-Z]\w*)\s*[:,]\s*[\"\u201c]"
)
# The next speaker after a quoted child, named only as another ('Another said: "..."', 'A
# second told us: "..."').
_ANOTHER_SAID = re.compile(
    r"^(?:another|a second|a third|the other)(?: one)? (?:said|says|added|wrote|put it|"
    r"told (?:us|the \w+|(?:our|the) \w+))\s*[:,]\s*[\"\u201c]",
    re.IGNORECASE,
)
# A table's row of a question and the answer recorded beside it under a column naming what
# a team said or found ("...? (What the team said about our own practice: ...)").
_ANSWERED_ROW = re.compile(
    r"^(?P<question>[^?()]{10,}\?)\s*\((?P<label>[^():]{0,80}\b(?:said|found|answers?|"
    r"responses?|told us|discussion)\b[^():]{0,60}):\s*(?P<answer>[^()]{10,})\)\s*$",
    re.IGNORECASE,
)
# A question and its answer in a write-up in questions and answers (unnumbered "Q:", "A:").
_ASKED = re.compile(r"^(?:Q|Question)\s*[:.\u2013-]\s+(?=\S.*\?$)", re.IGNORECASE)
_ANSWERED = re.compile(r"^(?:A|Answer)\s*[:\u2013-]\s+(?=\S)", re.IGNORECASE)
_LABEL_KIND = {
    "finding": "finding",
    "recommendation": "recommendation",
    "key learning": "key_learning",
    "learning point": "key_learning",
    "key message": "key_learning",
    "practice point": "key_learning",
    "rec": "recommendation",
    "r": "recommendation",
    "q": "reflective_question",
    "next step": "next_step",
    "action": "next_step",
    "reflective question": "reflective_question",
    "question": "reflective_question",
    "improvement area": "recommendation",
    "areas for improvement": "recommendation",
    "area for improvement": "recommendation",
}
# The kinds of the labels published documents add to the ones above, by family; a strength
# ("Good practice:") takes the review's strengths kind (see strengths_kind).
_LABEL_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in [
        (
            "finding",
            r"^(?:key finding|area|improvement area|practice issue|missed opportunit|"
            r"even better if|issue|from |what (?:our|the|local|these) |what we )",
        ),
        (
            "key_learning",
            r"^(?:lesson|top tip|tip|practice reminder|remember|(?:the )?learning|message|"
            r"(?:the )?reality|(?:the )?fact)",
        ),
        ("strength", r"^(?:good practice|strength|what went well)"),
        ("recommendation", r"^what (?:needs to|should|must) change"),
        (
            "key_learning",
            r"^(?:what this means|what (?:good|best) practice looks like|(?:key )?implications "
            r"for|practice implications)",
        ),
        ("next_step", r"^(?:action|agreed action|commitment|change|improvement)"),
        ("reflective_question", r"^(?:reflect|consider|ask yourself|think about|discussion|for )"),
    ]
]
# Labels that mark a question only when what follows is one ("Consider: how ...?").
_SOFT_QUESTION = re.compile(r"^(?:reflect|consider|ask yourself|think about|discussion|for )")
_ADDRESSEE_FIELD = re.compile(
    r"\b(?:addressee|addressed to|for|lead|owner|lead agency|lead agencies|responsible|"
    r"responsible agency|agency|agencies|who)\s*:\s*([^.;()\n]{2,80})",
    re.I,
)
_SUBJECT = re.compile(
    r"^(?i:that\s+)?(?i:the\s+)?(?P<who>[A-Z][\w'&,\- ]{2,80}?)\s+(?:should|must|to ensure|"
    r"will|needs? to|are asked to|is asked to|to review|to consider|to develop|to provide)\b",
)
# An introduction that recommends ("The partnership should:", "The review recommends that:"):
# the bullets under it are recommendations even where no heading names them.
_RECOMMENDING_INTRO = re.compile(
    r"\b(?:should|must|ought to|needs? to|(?:is|are) asked to|recommends?(?:\s+that)?|"
    r"(?:it is|we) recommend(?:ed)?(?:\s+that)?)\s*:\s*$",
    re.IGNORECASE,
)
# ... and one that commits ("The partnership will:", "Agencies have agreed to:"): next steps.
_COMMITTING_INTRO = re.compile(
    r"\b(?:will|(?:is|are) going to|(?:has|have) (?:agreed|committed) to)\s*:\s*$", re.IGNORECASE
)
_INTRO_FOR = re.compile(r"(?:recommendations?|actions?)\s+(?:for|to)\s+(?:the\s+)?(.{3,80})$", re.I)
_FOR_WHOM = re.compile(r"^for\s+(?:the\s+)?(.{3,80})$", re.I)  # "For the Chief Constable:"
_QUOTE_START = ("\u201c", '"', "\u2018", "'")
# A training case study's notes after the questions for groups ("Facilitator notes", "Points
# to draw out", "Suggested answers"): they give the learning the questions lead to.
_ANSWERS = re.compile(
    r"\bfacilitator(?:'s|s')? notes|\bnotes for (?:the )?(?:facilitators?|trainers?)|"
    r"\btrainer(?:'s|s')? notes|"
    r"\b(?:suggested |model )?answers\b|\bpoints to (?:draw out|bring out)|\bwhat to draw out",
    re.IGNORECASE,
)
# What tells of the case rather than of practice in general: a verb in the past ("the move
# was arranged", "no agency took responsibility", "the review judged"). A general statement
# ("Children who are exploited are often controlled by threats") is key learning.
_CASE_PAST = re.compile(
    r"\b(?:was|were|had|did|didn't|wasn't|weren't|took|found|judged|meant|told|said)\b|"
    # "left" as a verb with its object: "Two hours a day of provision left Marcus unoccupied"
    r"\bleft (?:him|her|them|(?-i:[A-Z][a-z]+\b(?! [A-Z])))",
    re.IGNORECASE,
)
# A report on a recommendation's progress ("Progress: ...", "Update: ..."): neither the
# recommendation nor a step still to take.
_PROGRESS = re.compile(
    r"^(?:progress(?: (?:update|so far|to date|made))?|update|status|current position|"
    r"rag rating|position (?:at|in) \w+(?: \d{4})?)(?:\s*\([^()]{1,30}\))?\s*[:\u2013-]\s",
    re.IGNORECASE,
)
# A response written beside a recommendation under a label of its own ("Our response:
# Accepted. Since May ...", "What has been done: ...", "What remains: ...", "Action taken:
# ..."): what the partners did or still have to do about it, a next step, not the
# recommendation it answers.
_RESPONSE_LABEL = re.compile(
    r"^(?:(?:our|the|partners'?|partnership(?:'s)?|board(?:'s)?|agency(?:'s)?|"
    r"safeguarding partners'?)\s+){0,3}(?:response|what (?:has been|we have|we've) "
    r"(?:done|changed)|what has (?:happened|changed)(?: since)?|what (?:remains|is left)"
    r"(?: to (?:be )?do(?:ne)?)?|actions? (?:taken|agreed)(?: so far)?)\s*[:\u2013-]\s+\S",
    re.IGNORECASE,
)
# A paragraph that commits someone to something ("Health visitors will be asked to ...",
# "The subgroup will report progress ..."), as a response to the recommendation above it.
_COMMITS = re.compile(
    r"^(?!(?:this|that|these|it|which|doing so)\b)[^.]{0,80}?\b"
    r"(?:will|(?:has|have) (?:agreed|committed) to)\s+(?:now |also |then )?(?:be )?\w+",
    re.IGNORECASE,
)
# A sentence announcing a list of things for the reader to do, not ending in a colon:
# "Here are three things I am asking you to do this week."
_ASKING_INTRO = re.compile(
    r"\b(?:has|have) (?:also )?asked (?:every|each|all|the) [\w ]{1,30}? to do (?:\w+ ){0,2}"
    r"things?\b|"
    r"\b(?:things?|steps?|actions?|ways?)\b[^.:]{0,40}?\b(?:(?:asking|ask|want|need) "
    r"(?:you|everyone|all of you|every \w+) to (?:do|take)|you (?:can|could|should|must|might) "
    r"(?:do|take)|to (?:do|take))\b",
    re.IGNORECASE,
)
# The last sentence of a paragraph announcing what the partners agreed or will do ("The
# partners agreed the following.", "Our partners have committed to the following actions."):
# the list after it is their commitments, whatever the heading above says.
_AGREED_INTRO = re.compile(
    r"(?:^|[.!?]\s)[^.!?]*\b(?:agreed|committed to|will (?:take|do|make)|(?:is|are) (?:taking|"
    r"doing|making))\s+the following(?: (?:actions?|steps?|changes?|commitments?))?\s*[.:]\s*$",
    re.IGNORECASE,
)
# The last sentence of a paragraph announcing what a review found, without a colon ("The
# review found the following.", "The panel identified the following issues."): the list after
# it is its findings.
_FOUND_FOLLOWING_INTRO = re.compile(
    r"(?:^|[.!?]\s)[^.!?]*\b(?:found|identified|concluded|noted)\s+the following"
    r"(?: (?:issues|findings|concerns|points|areas))?\s*\.\s*$|"
    # "These are the things the inquiry found.", "Here are the strengths we identified."
    r"(?:^|[.!?]\s)(?:these|here|below) are (?:the )?(?:\w+ )?(?:things|points|findings|"
    r"strengths|areas)(?: that)? (?:\w+ ){1,3}?(?:found|identified|noted)\s*\.\s*$",
    re.IGNORECASE,
)
# The last sentence of a paragraph announcing what to take away from a review ("Here are the
# five things the reviewer asked us all to take away.", "Four points to remember:").
_TAKEAWAY_INTRO = re.compile(
    r"(?:^|[.!?]\s)[^.!?]*\b(?:things?|points?|messages?|lessons?)\b[^.!?]*\b(?:to take away|"
    r"take away|takeaways?|to remember|to take (?:back|with you))\b[^.!?]*[.:]\s*$",
    re.IGNORECASE,
)
# A paragraph putting a question to the reader: "Please take this question to your next
# supervision: when did you last ...?"
_POSED = re.compile(
    r"\b(?:take|bring|ask|consider|discuss|reflect on|think about) (?:this|these|the following|"
    r"one) questions?\b|\bask yourselves?\b|\bquestions? (?:for|to) (?:you|your|every)",
    re.IGNORECASE,
)
# Someone other than the child quoted ('One of the mothers told us: "..."', 'Ellis's
# grandmother told the review: "..."'): context for the learning, not learning or the child's
# voice.
_OTHER_TOLD = re.compile(
    r"^(?:one of the |a |an |the |her |his |their |[A-Z]\w*'s )?(?:\w+ )?(?:mothers?|fathers?|"
    r"mums?|dads?|parents?|carers?|grandmothers?|grandfathers?|grandparents?|aunts?|uncles?|"
    r"step\w+|practitioners?|professionals?|managers?|teachers?|social workers?|nurses?|"
    r"officers?|staff)\b[^.:\"\u201c]{0,60}?\b(?:told|said|says|wrote|explained|described|"
    r"spoke|talked)\b"
    r"[^\"\u201c]{0,40}?[:,]\s*[\"\u201c]",
    re.IGNORECASE,
)
# A sentence that recommends through its subject ("Governing boards should ask ..."): under
# a heading of actions for someone else, a recommendation, not a step the writer will take.
_SUBJECT_SHOULD = re.compile(
    r"^(?:the |all |every |each )?(?:(?!\b(?:that|which|who)\b)[\w'\u2019&,\- ]){2,60}? "
    r"(?:should|must|ought to)\b"
)
# A heading over what a meeting or review identified ("Learning identified"): the points that
# tell of the case are its findings, the general ones its key learning.
_IDENTIFIED = re.compile(
    r"\blearning (?:points? )?identified\b|\bidentified learning\b", re.IGNORECASE
)
_NUMBERED_POINT = re.compile(r"^\d{1,2}[.)]\s+\S")
# A full report's paragraph number before its text ("4.4 ", "6.4.2 ", "8.3b "): not a list's
# "1." alone, whose numbers may count what follows.
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+[a-z]?\.?\s+(?=[A-Z\"\u201c])")
# The learning a review draws from one period of the case ("Episode two: the first missing
# episodes" > "Learning from this period"): what it says of that period judges practice then.
_EPISODE = re.compile(
    r"\b(?:(?:key )?practice )?episode\b|\bperiod (?:one|two|three|four|five|\d)\b|"
    r"\bphase (?:one|two|three|four|five|\d)\b",
    re.IGNORECASE,
)
_PERIOD_LEARNING = re.compile(
    r"\blearning (?:from|in|about) (?:this|that|the) (?:period|episode|phase|stage|time)\b",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b[a-z]{3,}ed\b")
# Verbs whose simple past is not also their participle ("the notices went only to one
# school"): the case told, where "lost" or "kept" may be a general statement's participle.
_SIMPLE_PAST = re.compile(
    r"\b(?:went|came|saw|spoke|knew|began|grew|gave|became|fell|ran|wrote|rang|drove)\b",
    re.IGNORECASE,
)
# A rapid review's learning "to be taken forward": what agencies should do is recommended.
_FORWARD = re.compile(r"\bto be (?:taken|carried) forward\b|\bto take forward\b", re.I)
# A partners' decision on a recommendation ("Response: Accepted.", "Accepted in part",
# "Partnership response: agreed"): the paragraphs after it respond to the recommendation.
_DECISION = re.compile(
    r"^(?:(?:our |the )?(?:partners'?|partnership|board|agency|safeguarding partners'?)?\s*"
    r"(?:response|decision)\s*[:\u2013-]\s*)?(?:fully |partially )?(?:accepted|agreed|"
    r"not accepted|rejected|accepted in part|agreed in part|partially accepted)"
    r"(?: in (?:full|part|principle))?\s*\.?$",
    re.IGNORECASE,
)
# One field of an action plan, as a sentence: "Lead: ...", "Timescale: ...", "Owner: ...".
_FIELD_LINE = re.compile(
    r"^(?:lead(?: agency| agencies| officer| partner)?|owner|timescales?|due(?: date| by)?|"
    r"target(?: date)?|by when|completion(?: date)?|deadline|rag(?: rating)?|rating|status|"
    r"review date|"
    # whom a recommendation is for, on its own line after it ("Addressed to: the Police.")
    r"addressed to|responsible(?: agency| agencies| lead| officer| person)?|"
    r"accountable(?: lead| officer)?|"
    # a document's control fields ("Published: June 2026. Position at: 30 September 2026.",
    # "Course: Neglect (Level 3). Version 2, May 2025.")
    r"published|issued|(?:position|status|progress) (?:at|as at)|(?:last )?updated|"
    r"date of (?:issue|publication)|course|version)\s*:\s*\S|"
    r"^version \d+(?:\.\d+)*,?\s+(?:(?:\d{1,2} )?[A-Z][a-z]+ )?\d{4}\.?$",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(r"^(?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}\.?$")  # "May 2025." wrapped
# What has been done since, told by who did it ("The partners have asked every agency to set
# out ...", "The trust has commissioned ..."): a step taken, not a finding.
_ACTION_TAKEN = re.compile(
    r"^(?:the|our) (?:\w+ ){0,4}?(?:partners|partnership|board|trust|council|service|"
    r"subgroup|group|agencies)(?:'s? \w+)? (?:has|have) (?:now |since |already )?(?:asked|"
    r"agreed|introduced|launched|set up|commissioned|written to|changed|revised)\b",
    re.IGNORECASE,
)
# Passing the document itself on ("Please cascade this alert to every member of your team").
_DISTRIBUTION = re.compile(
    r"\b(?:cascade|circulate|distribute|forward)\s+(?:this|these)\s+(?:\w+\s+)?"
    r"(?:alerts?|briefings?|bulletins?|newsletters?|guides?|packs?|documents?|leaflets?)\b|"
    r"\b(?:send|return|email|submit)\s+(?:the|this|your)\s+completed\s+(?:\w+\s+)?"
    r"(?:records?|forms?|templates?|returns?)\b",
    re.IGNORECASE,
)
# A speaker's turn in a transcript ("Dee 00:07:30", "Marcus (audit lead) 12:04"): who speaks
# and when, not what is said.
_SPEAKER_TURN = re.compile(
    r"^[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,2}(?: \([^)]{1,60}\))?:?\s+"
    r"\[?\d{1,2}:\d{2}(?::\d{2})?\]?$"
)
# A form's prompt to whoever fills it in ("Please record, in your own words, what the team
# understood ..."): the form asking, not learning.
_FORM_PROMPT = re.compile(
    r"^please (?:record|describe|list|note down|write down|summari[sz]e|tick|complete|fill in)\b",
    re.IGNORECASE,
)
# What surrounds the learning rather than states it: a rapid review's decision on whether to
# commission a local review, a sign-off, where the full report can be read, whom the review
# heard from ("The review also heard from carers ...").
_AROUND_THE_LEARNING = re.compile(
    # a report's words about its own section or items ("This section analyses the key
    # episodes ...", "The recommendations below were agreed at the recall event.")
    r"^this (?:section|chapter|part)(?: of (?:the|this) report)? (?:analyses|analyzes|sets out|"
    r"describes|presents|considers|summarises|summarizes|looks at|brings together)\b|"
    r"^the (?:recommendations|findings)(?: below| that follow| in this section| set out below)? "
    r"(?:were|was|have been|are) (?:agreed|developed|drawn up|tested|discussed|shared)\b|"
    r"\brecommends? that (?:the \w+ |a |an )?(?:does not |do not |should not |should )?"
    r"(?:commission|undertake|carry out|conduct)s? (?:a |an )?(?:local )?(?:child )?"
    r"(?:safeguarding )?(?:practice )?review\b|"
    r"^(?:signed|approved)(?: on behalf of| by)\b|"
    # a report's sign-off ("Presented to the Quality Assurance Subgroup on 4 May 2026.")
    r"^(?:presented|submitted|reported) to (?:the )?[^.]{2,100}? on (?:\d{1,2} )?(?:[a-z]+ )?"
    r"\d{4}\b|"
    r"^the (?:full )?(?:report|review)\b[^.]{0,80}\b(?:is|are) (?:available|published) "
    r"(?:on|at|from)\b|"
    r"^the (?:\w+ )?(?:review|reviewer|panel)s? (?:also )?(?:heard|spoke|talked) (?:from|to|with)\b|"
    # where the documents behind a briefing are kept ("The agreement and a flowchart are all
    # on the Partnership website", "Find the full review on our website.")
    r"\b(?:is|are) (?:all )?(?:available )?(?:on|at|from) (?:the|our) (?:\w+ )?"
    r"(?:website|intranet)\b|^(?:find|read|download) (?:the|our) [^.]{0,120}\bon (?:the|our) "
    r"(?:\w+ )?(?:website|intranet)\b|"
    # the key to a table's ratings ("The RAG rating is ... Green means ...")
    r"^the (?:rag|red, amber(?:,| and) green) (?:ratings?|status(?:es)?)\b|\b(?:green|amber|red) means\b|"
    # a letter's closing ("Yours sincerely,", "Kind regards,"), and an inspection letter's
    # procedure for the reply it asks for ("... a written statement of proposed action in
    # response to this letter"): what the letter asks of its recipients as a letter
    r"^(?:yours (?:sincerely|faithfully|truly)|(?:with )?(?:kind|best|warm|many) (?:regards|"
    r"wishes|thanks))\s*[,.]?$|\bwritten statement of (?:proposed )?action\b|"
    r"\bin response to (?:this|our) (?:inspection )?letter\b",
    re.IGNORECASE,
)
# A publisher's postal address at a page's or report's foot ("Wyckham Safeguarding Children
# Partnership, Town Hall, High Street, Wyckham."), perhaps with its telephone, web address or
# a line on where to ask for the report: where to find the publisher, not learning.
_CONTACT_DETAILS = re.compile(
    r"^(?:(?:[A-Z][\w'\u2019&-]*|and|of|for|the|&) ){1,8}(?:Partnership|Board|Council|Panel|"
    r"Trust|Service|Unit|Team)s?,\s+(?:[^.]{0,80}?\b(?:Offices?|House|Hall|Street|Road|Lane|"
    r"Floor|Building|Centre|Center|Square|Way|Place|Avenue|PO Box)\b)",
)
# A publisher's name alone on a line ("Wyckham Safeguarding Children Partnership"): words in
# capitals ending in the kind of body, with no sentence of their own.
_ORGANISATION_ONLY = re.compile(
    r"^(?:(?:[A-Z][\w'\u2019&-]*|and|of|for|the|&) ){1,8}(?:Partnership|Board|Council|Panel|"
    r"Trust|Service|Unit)s?$"
)
# A byline: who published the document and when, on a line of its own ("Ravensholt
# Safeguarding Children Partnership, May 2025").
_BYLINE = re.compile(
    r"^(?=[^.!?:;]{5,100}$)(?:[\w'\u2019&-]+ ){1,9}?(?:partnership|board|council|panel|"
    r"team|unit|service|trust)s?,?\s+(?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}$",
    re.IGNORECASE,
)
# A paragraph under a finding's heading opening with a run-in label for its evidence or
# rationale ("What happened. ...", "Why it matters. ..."): it supports the finding, which is
# stated in the heading, and is neither joined to it nor an item of its own.
_RUN_IN_CONTEXT = re.compile(
    r"^(?:what happened|why (?:it|this) matters|what we saw|the evidence|evidence|context|"
    r"background|what this looked like in practice)\s*[.:\u2013-]\s+\S",
    re.IGNORECASE,
)


@dataclass
class ExtractedItem:
    """One learning item with its provenance and themes."""

    kind: str
    text: str
    heading_path: str
    paragraph: int
    addressee: str | None = None
    themes: list[str] = field(default_factory=list)
    parent: int | None = None  # index (in the same list) of the finding a recommendation follows
    # what the rules gave, for the learned model (set by :func:`extract_items`)
    basis: ThemeBasis | None = field(default=None, repr=False, compare=False)
    # the sentence embedding of ``text``, once computed (by :func:`apply_theme_model`, for the
    # theme model's dense part); import stores it for search rather than encoding again
    embedding: np.ndarray | None = field(default=None, repr=False, compare=False)


def section_kind(path: tuple[str, ...], strengths: str = "key_learning") -> str | None:
    """The item kind the nearest kind-naming heading gives, innermost first; where no heading
    names one, the kind the innermost heading's words mean (:func:`_meant_kind`).

    Args:
        path: the heading path, outermost first.
        strengths: see :func:`_named_section_kind`.
    """
    kind = _named_section_kind(path, strengths)
    if kind is None and path and path[-1]:
        return _meant_kind(path)
    return kind


def _meant_kind(path: tuple[str, ...]) -> str | None:
    """The kind a section's own heading means by rules built from what each kind is, worded
    as no pattern has met ("How could you act sooner?", "What we now know"), read only where
    no heading names a kind (see :mod:`fullpicture.learning.heading_reader`). A document's
    title and a heading closed to learning (others' words, the review's own questions) give
    none."""
    heading = path[-1]
    if (len(path) == 1 and _is_title(heading, 0)) or _names_none(heading):
        return None
    return rule_kind(heading)


def _named_section_kind(path: tuple[str, ...], strengths: str = "key_learning") -> str | None:
    """The item kind the nearest kind-naming heading gives, innermost first.

    The document's title (the outermost heading of a deeper path) names a kind only through a
    specific phrase: "Learning from the review of Child K" is a title, not a key-learning list.

    Args:
        path: the heading path, outermost first.
        strengths: the kind a strengths heading ("What worked well", "Areas of strength")
            gives: key learning, or findings where the review pairs its strengths with areas
            for development (see :func:`strengths_kind`).
    """
    for depth in range(len(path) - 1, _lending_top(path) - 1, -1):
        heading = path[depth]
        reported = _reported_work(heading, depth)  # a yearly report's "Child T: rapid review"
        if (_is_title(heading, depth) and not reported) or _is_hub_title(heading, depth):
            continue  # a review's own title ("Learning Lessons: a SCIE review") names no kind
        numbered = _is_section(heading)
        heading = _ENUMERATOR.sub("", heading)  # "7. Remember", "Step 6: Consider"
        if reported or _names_none(heading):
            return None
        if labelled := _heading_label(heading, path[:depth], strengths):
            return labelled  # "Finding 1: ... nobody asks what happens next" is a finding
        if _DEVELOPMENT.search(heading):
            return "finding"  # "Areas for improvement" are findings, not improvements made
        if named_first := _named_first(heading):
            return named_first
        for kind, pattern in _SECTION_KINDS:
            if pattern.search(heading):
                return kind
        if _STRENGTHS.search(heading):
            return strengths
        if (depth > 0 or len(heading.split()) <= 3 or numbered) and (
            _WEAK_LEARNING.search(heading)
            and not _THEME_HEADING.match(path[depth])
            and not _LEARNING_PROCESS.search(heading)
        ):
            # ("Theme 1: Parents with a learning disability" names a topic, not learning)
            return "key_learning"  # "Section 6: What learning has been identified?"
        if _one_piece_of_work(heading):
            return None  # a report's "4.1 Rapid review: Baby P" is not its chapter's learning
    return "finding" if _under_theme(path) else None


def _lending_top(path: tuple[str, ...]) -> int:
    """The outermost heading that may give a section its kind: the document's title (depth
    0), except to the sections that set the scene around the learning ("Learning for
    volunteers" > "About Ruby", "Who to contact"), which its kind is not lent to."""
    if len(path) < 2 or _is_section(path[0]) or not _SETS_SCENE.match(path[-1]):
        return 0  # ("2. Terms of reference" is a chapter, not the title)
    # a page of learning, or of learning and what has changed since ("Child E: learning and
    # what has changed since" > "About Child E"), lends neither to the case told
    return 1 if _named_section_kind(path[:1]) in ("key_learning", "next_step") else 0


# The headings of a learning page's sections around its learning: whom it is about, why it
# is shared, whom to contact ("About Ruby", "Why we are sharing this", "Who to contact").
_SETS_SCENE = re.compile(
    r"^(?:about|meet)\s+\S|^(?:who to )?contacts?\b|^why (?:we are|we're) (?:sharing|publishing)\b|"
    r"^(?:further|more) (?:information|help|reading)\b|^find out more\b|^useful (?:links|contacts)\b|"
    r"^background\b|^introduction\b|^what happened\b",
    re.IGNORECASE,
)


def _heading_label(heading: str, above: tuple[str, ...], strengths: str) -> str | None:
    """The kind a heading's label gives ("Finding 1: ..."); an audit's own question under its
    findings ("5. Findings" > "Question 3: Was the child's day understood?") is a finding."""
    if _audit_question(heading, above):
        return "finding"
    return label_of(heading, strengths)[0]


def _audit_question(heading: str, above: tuple[str, ...]) -> bool:
    """Whether a heading is one of the questions an audit or review set itself, under the
    heading of its findings ("5. Findings" > "Question 1: Was the parent's mental ill health
    understood?"): what is stated under it answers the question, it asks the reader nothing."""
    asked = heading.rstrip().endswith("?") and label_of(heading)[0] == "reflective_question"
    return asked and bool(above) and section_kind(above) == "finding"


def _under_theme(path: tuple[str, ...]) -> bool:
    """Whether a section is one of a thematic review's own themes ("Theme 2: Schools knew a
    great deal"), a top-level heading or one just below the review's title; a theme inside
    another chapter ("5. Analysis > Theme 1: ...") narrates that chapter's evidence."""
    for depth, heading in enumerate(path[:2]):
        if _THEME_HEADING.match(heading):
            return True
        if heading and not (_is_title(heading, depth) or _is_hub_title(heading, depth)):
            return False
    return False


# A thematic review's numbered theme heading ("Theme 3: Care away from home"): what is stated
# under it, where no heading names another kind, is what the review found on that theme.
_THEME_HEADING = re.compile(
    r"^theme\s+(?:\d+|[ivx]+|one|two|three|four|five|six|seven|eight)\s*[:.\u2013-]\s",
    re.IGNORECASE,
)


# How a briefing or report numbers its headings ("7. Remember", "Step 6: Consider", "Slide 4 -
# What to do", "SEVEN: WHAT TO DO"): the number is the heading's place, not its words.
_ENUMERATOR = re.compile(
    r"^(?:(?:step|slide|point|part|section|page)\s+)?(?:\d+(?:\.\d+)*|[ivx]{1,4}|one|two|three|"
    r"four|five|six|seven|eight|nine|ten)(?:\s*[.):\-\u2013]\s*|\s+)(?=\w)",
    re.IGNORECASE,
)


def _named_first(heading: str) -> str | None:
    """The kind a heading names before the words its other kinds' patterns read: what it
    names first ("Recommendations and actions", "Key learning and the changes made"),
    improvement priorities, and what the writer asks a whole role to do."""
    if leading := _LEADING_KIND.match(heading):
        return "recommendation" if leading.group("recommendation") else "key_learning"
    if _FINDINGS_FIRST.match(heading):
        return "finding"  # "Findings and recommendations": each finding, then what it asks
    if _PRIORITIES.search(heading) or _ASKING_ROLE.search(heading):
        return "recommendation"  # "Improvement priorities"; "What I am asking all staff to do"
    if _STANDARD.match(heading):
        return "key_learning"  # "Standard 4: Hear what children say about the men in their lives"
    return None


# A practice guide's numbered standard ("Standard 2: Invite fathers, not only mothers",
# "Practice standard 3 - Record every adult"): what is stated under it is what practice should
# be, whatever its own words name (a standard on hearing children is not the child's voice).
_STANDARD = re.compile(
    r"^(?:(?:our |practice |minimum |core )?standards?)\s+(?:\d+|[ivx]{1,4}|one|two|three|four|"
    r"five|six|seven|eight|nine|ten)\s*[:.\u2013-]\s*\S",
    re.IGNORECASE,
)


def _names_none(heading: str) -> bool:
    """Whether a heading closes its section to learning whatever the headings above it say:
    practitioners' or parents' words (not the child's), a review's "Research questions" (what
    it asked itself, not questions for the reader) and a systems finding's evidence ("How did
    the issue manifest in this case?")."""
    return any(
        pattern.search(heading)
        for pattern in (
            _OTHERS_VOICE,
            _REVIEW_QUESTIONS,
            _EVIDENCE_HEADING,
            _PRESENTED_BY,
            _REVIEWS_OWN_EVENTS,
        )
    )


# The parts of a review's method that tell its own events and who came to them ("The learning
# events and workshops", "Appendix: Participants in the learning and recall events", "Who
# took part"): "learning" there names the event, not what was learned.
_REVIEWS_OWN_EVENTS = re.compile(
    r"^(?:[\d.]+\s*)?(?:appendix(?: [\w\d]+)?\s*[:.\u2013-]\s*)?(?:the )?participants\b(?: in\b|\s*$)|"
    r"^(?:[\d.]+\s*)?who took part\b|"
    r"^(?:[\d.]+\s*)?(?:the |our )?(?:practitioner |multi-agency )?learning (?:and recall )?events?"
    r"(?: and (?:the )?workshops?)?\s*$|"
    r"^(?:[\d.]+\s*)?how the (?:workshops?|events?|sessions?) (?:ran|worked|were run)\s*$",
    re.IGNORECASE,
)


# The questions a review set itself ("Research questions", "Questions the review sought to
# answer"): its method, not questions for the reader.
_REVIEW_QUESTIONS = re.compile(
    r"\b(?:research|review) questions\b|\bquestions (?:the|this) review\b", re.IGNORECASE
)
# The headings of a systems finding's evidence (SCIE Learning Together: "How did the issue
# manifest in this case?", "How do we know it is not peculiar to this case?", "How prevalent
# is the issue?", "Why is this a systemic issue?"): the finding is its heading, not them.
_EVIDENCE_HEADING = re.compile(
    r"\bhow did (?:the|this) (?:issue|finding|problem) (?:manifest|show|play out)|"
    r"\bhow do (?:we|you) know (?:it|this|that) (?:is|was)n?'?t?(?: not)? (?:peculiar|unique|"
    r"specific|particular)|\bhow (?:prevalent|widespread|common) is (?:the|this) "
    r"(?:issue|problem|pattern)|\bwhy is (?:this|it) a (?:systemic|system) (?:issue|finding)|"
    r"^(?:what is )?the evidence\??$|^evidence(?: from (?:this|the) case)?$|"
    # in plainer words: "How did it feature in Kai's case?", "How do we know it is not a
    # one-off?", "How widespread is it?"
    r"\bhow did (?:it|this) (?:feature|show|present|play out)\b|"
    r"\bhow do we know (?:it|this|that it|that this) (?:is|was)(?:n't| not) (?:just )?(?:a )?"
    r"one[- ]off\b|\bis (?:it|this) (?:just )?(?:a )?one[- ]off\b|"
    r"\bhow (?:widespread|common|prevalent) is (?:it|this)\b",
    re.IGNORECASE,
)
# A line naming who presents or wrote the document, which a slide deck's title slide may turn
# into a heading ("Presented by the learning and improvement subgroup"): it names no kind.
_PRESENTED_BY = re.compile(
    r"^(?:presented|prepared|written|produced|compiled|delivered|facilitated) by\b|"
    # a report's control fields set on lines of their own under its title, which a PDF may
    # turn into headings ("Author: Partnership Learning and Review Manager", "Classification:
    # OFFICIAL"): the author's job title may name learning, but the field names no kind
    r"^(?:(?:report |lead )?authors?|(?:security )?classification|protective marking|"
    r"document owner|report owner|distribution)\s*:|^sign-?off$|^signed off$",
    re.IGNORECASE,
)
# A heading that opens with recommendations or key learning ("Recommendations and actions",
# "Key learning and the changes made"): what it names first comes first, the actions or
# improvements answer it.
_LEADING_KIND = re.compile(
    r"^(?:[\d.]+\s*)?(?:(?P<recommendation>recommendations?)|(?:key learning|learning points?|"
    r"key messages?|lessons learn\w*)(?! and (?:next steps?|actions?)\b))\b",
    re.IGNORECASE,
)


# A heading over findings each followed by its recommendations ("Findings and
# recommendations"): what it states is found unless it recommends (see _Extractor._recast).
_FINDINGS_FIRST = re.compile(
    r"^(?:[\d.]+\s*)?(?:the |our |key |main )?(?:review's )?findings?,? (?:and|&) "
    r"recommendations?\s*$",
    re.IGNORECASE,
)


def _pairs_findings(path: tuple[str, ...]) -> bool:
    """Whether a block sits under "Findings and recommendations" (see _FINDINGS_FIRST)."""
    return bool(path) and bool(_FINDINGS_FIRST.match(path[-1]))


# A section reporting one piece of work by its type and subject ("4.1 Rapid review: Baby P",
# "5.4 Multi-agency audit: neglect"): the headings above it (an annual report's chapter
# "Learning from reviews") do not give its paragraphs their kind.
_ONE_PIECE_OF_WORK = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?[^:\u2013]{2,60}?\b(?:review|audit|inquiry|analysis)\s*"
    r"[:\u2013\-]\s*\w"
)


# The same named subject first, as yearly reports also set it ("Child T: rapid review",
# "The Osei children - local child safeguarding practice review (2025)").
_SUBJECT_THEN_WORK = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?[^:\u2013]{2,40}?(?::|\s[\u2013\-])\s*"
    r"(?!.*\b(?:learning|lessons?|messages?|findings?) (?:from|of)\b)(?:(?:a|an|the)\s+)?"
    r"[\w\- ]{0,50}?\b(?:review|audit|inquiry)\s*(?:\([^()]{1,40}\))?\.?$",
    re.IGNORECASE,
)


def _reported_work(heading: str, depth: int) -> bool:
    """Whether a title-like heading below the top is one piece of work a report sets out under
    its chapter, subject first ("Child T: rapid review"): its summary is not the chapter's
    learning ("Kai: learning from a rapid review" stays a case's title)."""
    return depth > 0 and bool(_SUBJECT_THEN_WORK.match(heading)) and _is_title(heading, depth)


def _one_piece_of_work(heading: str) -> bool:
    """Whether a heading reports one piece of work by its type and subject, in either order."""
    shaped = _ONE_PIECE_OF_WORK.match(heading) or _SUBJECT_THEN_WORK.match(heading)
    return bool(shaped) and detect_type(heading) is not None


# A heading labelled as a section of a form or report ("Section 1:", "Section 2 -").
_SECTION_LABEL = re.compile(r"^section\s+\d+[a-z]?\b", re.IGNORECASE)
# What to improve, as a self-assessment or action plan sets it ("Improvement priorities",
# "Priorities for development", a table's "Priority" column); the partnership's own "Our
# improvement priorities" stay next steps.
_PRIORITIES = re.compile(
    r"(?<!our )\b(?:improvement|development) priorit(?:y|ies)\b|\bpriorities for (?:improvement|"
    r"development|action)\b|^priorit(?:y|ies)$",
    re.IGNORECASE,
)
# What the writer asks a whole role to do ("What I am asking every member of staff to do"):
# instructions to that role, as a recommendation is (a list asking "you" stays a next step).
_ASKING_ROLE = re.compile(
    r"\bwhat (?:I|we) (?:am|are) asking (?:every|all|each) (?:\w+ ){0,4}?to do\b|"
    # a force's or trust's mandatory instructions to a role ("What officers must do", "What
    # supervisors must do"); what "you" or "we" must do, or what a role should do, stays a
    # next step
    # (practitioners and professionals are the reader at large, as "you" is)
    r"^what (?!you\b|we\b|i\b|they\b|practitioners\b|professionals\b)"
    r"(?:all |every |each )?(?:\w+ ){0,2}?(?:\w+s|staff) must do$",
    re.IGNORECASE,
)
# A heading that opens by putting questions or next steps ("Questions for Thursday's
# briefing"): a section, even where it also names a type of document. ("Key messages from the
# rapid review of Baby A" may be a briefing's own title, so it is not read so.)
_KIND_FIRST = re.compile(
    r"^(?:(?:reflective )?questions(?! and answers)|next steps)\b", re.IGNORECASE
)


def _is_section(heading: str) -> bool:
    """Whether a heading is labelled or numbered as a section ("Section 6: ...", "4. ..."),
    so it heads part of a document even where a form sets every heading at the top level."""
    return bool(_SECTION_LABEL.match(heading)) or section_number(heading) is not None


def _is_title(heading: str, depth: int) -> bool:
    """Whether a heading is a review's (or a case's) title rather than a section of it: it
    names a review type and has no section number ("5. Findings of the rapid review" is a
    section); below the top it must also name no kind specifically ("Kai: learning from a
    rapid review" is a case's title, "Learning from the review" a key-learning heading)."""
    if depth == 0 and _MASTHEAD.match(heading):
        return True  # a bulletin's name over the whole issue ("Learning Lens") names no kind
    if not detect_type(heading) or section_number(heading) is not None:
        return False
    if _SECTION_LABEL.match(heading) or _KIND_FIRST.match(heading):
        return False  # "Section 1: The key messages we took from the briefing" is a section
    if _ASKS_WHAT.match(heading) and dict(_SECTION_KINDS)["finding"].search(heading):
        return False  # "What the rapid review asked, and what it found" heads its answers
    return depth == 0 or not any(pattern.search(heading) for _, pattern in _SECTION_KINDS)


# The title of a site's page about reviews in general ("Learning from reviews", "Learning
# from practice", "Thematic learning from case reviews"): its paragraphs say what reviews are
# for and how the partnership shares them, and a review's own learning comes under a heading
# of its own below. "Learning from the review of Child K" names one review and is not this.
def _is_hub_title(heading: str, depth: int) -> bool:
    """Whether the document's title is a web site's page about reviews in general ("Learning
    from reviews"), which introduces the reviews below it and names no kind."""
    return depth == 0 and bool(_HUB_TITLE.match(heading) or _STANDING_DOCUMENT.search(heading))


# The title of a partnership's standing document ("Learning and Improvement Framework 2025 to
# 2028", "Quality Assurance Strategy", "Annual Report 2024 to 2025", "Business Plan"): it names
# what the document is, and the words "learning" or "improvement" in its name give its
# procedure, principles and figures no kind; its own sections name the learning it restates.
_STANDING_DOCUMENT = re.compile(
    r"\b(?:framework|strategy|annual report|yearly report|business plan|strategic plan|"
    r"safeguarding arrangements|terms of reference)\b(?:\s*(?:[(,:\u2013-]\s*)?(?:for |of )?"
    r"(?:\d{4}(?:\s*(?:to|-|\u2013|/)\s*\d{2,4})?|20\d\d))?\s*\)?$",
    re.IGNORECASE,
)
_HUB_TITLE = re.compile(
    r"^(?:thematic |local |our |sharing )?learning from (?:(?:local|national|child|safeguarding|"
    r"serious|case|practice|multi-agency|statutory|our|other)\s+)*"
    r"(?:reviews|practice|audits|cases)\b|"
    # a page of themes drawn from several reviews for one audience ("Themes from case
    # reviews: information for schools"): its own theme sections hold the learning
    r"^(?:key |common )?themes from (?:our |recent )?(?:local |case |safeguarding )*reviews\s*:",
    re.IGNORECASE,
)


# A heading put as what a review did ("What the rapid review asked, and what it found"): a
# section of the document, even where it names the review's type, not its title.
_ASKS_WHAT = re.compile(r"^what\b", re.IGNORECASE)


# Headings of the parts of a review that set the scene rather than analyse practice.
_BACKGROUND = re.compile(
    r"introduction|foreword|preface|background|summary|overview|about (?:this|the) review|"
    r"the review\b|method|how the (?:review|audit)|scope|terms of reference|"
    # the review's approach ("Approach", "Our approach to learning", "Approach taken"), not a
    # topic of the learning named by its approach ("Family centred approach")
    r"^(?:[\d.]+\s*)?(?:(?:our|the|review|reviewer'?s?|method(?:ology)?(?: and)?)\s+)?"
    r"approach\b|\bapproach (?:taken|used|adopted)\b|"
    r"\bapproach to (?:the|this|our) (?:review|audit|inquiry)\b|"
    r"glossary|contents|agencies involved|the (?:child|children|family|young person)\b|"
    r"(?:about|meet) |what happened|chronology|timeline|key (?:practice )?episodes|synopsis|"
    # a learning review's opening "1. Details" (the incident, the method)
    r"^(?:[\d.]+\s*)?(?:case |review |incident )?details\s*$|"
    r"involvement|narrative|acknowledg|conclu|appendix|references|further|find out more|"
    r"contact|context|the incident|lines of enquiry|why (?:this|the) review|"
    r"statement (?:from|by)\b|"
    # A board paper's closing sections ("7. Risks", "8. Equality implications", "9. Publication")
    r"^(?:[\d.]+\s*)?(?:risks?(?: and issues)?|(?:(?:equality|equalities|financial|legal|"
    r"resource|data protection|privacy)(?: and \w+)? )?implications|publication|"
    r"communications?)\s*$|"
    r"why we looked at|"
    # the child introduced with their family ("3. Ella and her family", "Sam and his brothers")
    r"\band (?:his|her|their) (?:family|siblings|brothers?|sisters?|parents)\s*$|"
    # the case told in short ("4. Noah's story in brief", "The case in brief")
    r"\bin brief\b|(?:'s|\u2019s) story\b",
    re.IGNORECASE,
)


# "5. Analysis and conclusions": a section that names its analysis states findings, even when
# it also names what reads elsewhere as background (conclusions, involvement, context).
_ANALYSIS = re.compile(r"\banalys[ei]s\b", re.IGNORECASE)
# The first stage of an appreciative inquiry's "4-D" cycle as a heading ("Discover: what
# worked well", "Stage 1 - Discovery"): what the inquiry found.
_DISCOVER_STAGE = re.compile(
    r"^(?:[\d.]+\s*)?(?:(?:stage|phase|step) (?:\d|one)\s*[:.\u2013-]?\s*)?discover(?:y)?\b"
    r"(?:\s*[:\u2013-]|$)",
    re.IGNORECASE,
)


# The review's own questions: its terms of reference, scope and lines of enquiry.
_SCOPE = re.compile(r"lines of enquiry|terms of reference|\bscope\b", re.IGNORECASE)
# A line introducing the questions a review or audit set itself ("The audit asked four
# questions:", "The research questions set by the partnership were:"): its method, not
# questions put to the reader.
_OWN_QUESTIONS_INTRO = re.compile(
    r"\b(?:review|audit|panel|inquiry|reviewers?|evaluation|study)s? (?:asked|considered|"
    r"addressed|explored|set out to answer|sought to answer|looked at) (?:\w+ ){0,3}?"
    r"questions\b|\b(?:research|review|audit|evaluation) questions\b(?! for\b)|"
    r"\bquestions (?:the|this) (?:review|audit) (?:asked|considered|sought|set out)\b|"
    # the questions sent round before a review meeting ("The business manager circulated
    # these questions ahead of the meeting:"): its agenda, not questions put to the reader
    r"\b(?:circulated|sent|set|agreed) (?:the following|these|\w+) (?:key )?questions\b"
    r"[^:]{0,80}\b(?:meeting|panel)\b",
    re.IGNORECASE,
)


def _background(placed: PlacedBlock) -> bool:
    """Whether a block sits in a background section (introduction, the incident, ...)."""
    return bool(placed.path) and bool(_BACKGROUND.search(placed.path[-1]))


_ISSUES_HEADING = re.compile(_ISSUES, re.IGNORECASE)


def analysis_sections(blocks: list[PlacedBlock]) -> frozenset[str]:
    """The numbered sections a review states its findings in without calling them findings.

    A thematic review often analyses practice under topic headings ("2. Moving across
    boundaries", "3. Out of school") and then recommends, with no "Findings" heading at all.
    When a review has a recommendations heading and no findings heading, its numbered sections
    before the recommendations that are not background (introduction, method, the family,
    chronology; but a heading naming its analysis is not background) and name no kind are
    taken as its findings' sections.
    """
    headings = [p.block.text for p in blocks if p.block.heading]
    kinds = [section_kind(("", heading)) for heading in headings]
    named = [
        k
        for k, h in zip(kinds, headings, strict=True)
        if not _ISSUES_HEADING.search(h) and h not in _bare_themes(blocks)
    ]  # a theme heading ("Theme one: ...") is a topic of the analysis, not a findings heading
    if "finding" in named or "recommendation" not in kinds:
        return frozenset()
    before = headings[: kinds.index("recommendation")]
    if _concludes_apart(blocks):
        return frozenset()
    own = _with_own_learning(blocks)
    return frozenset(
        heading
        for heading, kind in zip(before, kinds, strict=False)
        if kind is None
        and heading not in own
        and section_number(heading) is not None
        and (not _BACKGROUND.search(heading) or _ANALYSIS.search(heading))
        and not detect_type(heading)
        and not _names_the_child(heading, headings[0])
    )


# A report's own conclusions, apart from its analysis ("9. Conclusion", "16. Conclusions"; not
# "5. Analysis and conclusions").
_CONCLUSIONS = re.compile(r"^(?:[\d.]+\s*)?(?:overall )?conclu(?:sions?|ding)\b", re.IGNORECASE)


def _concludes_apart(blocks: list[PlacedBlock]) -> bool:
    """Whether a report states what its panel concluded in a conclusions section of its own
    ("16. Conclusions" > "The panel also finds that ..."): the analysis before it weighs the
    evidence, and the numbered sections there are its discussion, not its findings."""
    return any(
        not placed.block.heading
        and placed.path
        and _CONCLUSIONS.match(placed.path[-1])
        and not _ANALYSIS.search(placed.path[-1])
        and _REVIEW_FINDS.match(placed.block.text.strip())
        for placed in blocks
    )


def _with_own_learning(blocks: list[PlacedBlock], only: str | None = None) -> set[str]:
    """The headings with a sub-heading naming a kind ("3. Episode one" over "Learning from
    this period"): the section states its learning there, and its own paragraphs tell the
    story. Depth is read from the placed heading paths, so a plain-text report whose
    headings all look alike ("4.1 Children's social care" over "Lessons for children's social
    care") counts too. ``only``: count only sub-headings naming that kind ("What we found")."""
    headings = [p for p in blocks if p.block.heading]
    bare = _bare_themes(blocks)
    found: set[str] = set()
    for index, placed in enumerate(headings):
        for below in headings[index + 1 :]:
            deeper = below.block.heading > placed.block.heading or (
                len(below.path) > len(placed.path) and below.path[: len(placed.path)] == placed.path
            )
            if not deeper:
                break
            if below.block.text in bare:
                continue  # "4. Analysis" > "Theme one: ...": the analysis's own topics
            kind = section_kind(("", below.block.text))
            if kind is not None and only in (None, kind):
                found.add(placed.block.text)
                break
    return found


def _findings_beside(blocks: list[PlacedBlock]) -> set[str]:
    """The topic headings followed at once, at their own level, by a heading naming findings
    ("Theme 1: Placed far from home", its evidence, then "What we found" set in the same type,
    as a PDF's bold run-in line becomes): the topic tells its evidence and the heading after
    it states what was found, as if nested under it."""
    headings = [p for p in blocks if p.block.heading]
    found: set[str] = set()
    for placed, after in itertools.pairwise(headings):
        if after.block.heading != placed.block.heading or len(after.path) < 2:
            continue
        if not _names_findings(placed.block.text) and _names_findings(after.block.text):
            found.add(placed.block.text)
    return found


def _names_findings(heading: str) -> bool:
    """Whether a heading is a run-in label naming findings and nothing else ("What we found",
    "Findings"), not a numbered section ("5. Findings") or a topic ("Theme 3: Neglect")."""
    if section_number(heading) is not None or _TOPIC_LABEL.match(heading):
        return False
    return section_kind(("", heading)) == "finding" and len(heading.split()) <= 4


def _bare_themes(blocks: list[PlacedBlock]) -> set[str]:
    """The theme headings ("Theme one: Seeing neglect over time") whose paragraphs carry no
    label of their own. Under a chapter of analysis they are its topics, and what is stated
    under them is what the review found; a theme that labels its learning ("Learning: ...")
    tells its evidence around that label instead."""
    themes = {
        p.block.text for p in blocks if p.block.heading and _THEME_HEADING.match(p.block.text)
    }
    for placed in blocks:
        if placed.block.heading or not placed.path or placed.path[-1] not in themes:
            continue
        if label_of(placed.block.text)[0] is not None:
            themes.discard(placed.path[-1])
    return themes


def _names_the_child(heading: str, title: str) -> bool:
    """Whether a section is headed only by the name the review's title gives its child ("3.
    Ellis" in "Local Practice Review: Ellis"): it describes the child, it does not analyse
    practice. A topic the title names ("2. Neglect" in "Thematic Review: Neglect") is not."""
    words = re.sub(r"^[\d.]+\s*", "", heading).split()
    named = set(re.findall(r"[\w'\u2019-]+", title))
    return 0 < len(words) <= 3 and set(words) <= named and not lexical_themes(heading)


def strengths_kind(blocks: list[PlacedBlock]) -> str:
    """What a review's strengths are: findings when it pairs them with areas for development
    (the frame of audits and SILP learning events: what worked well, what must improve), else
    key learning (an appreciative inquiry's "what went well", unless it reports them as what its
    "Discover" stage found)."""
    paired = any(
        p.block.heading
        and (
            _DEVELOPMENT.search(p.block.text)
            or section_kind(("", p.block.text)) == "finding"
            # a learning review's "Learning identified" judges the case's practice
            or _IDENTIFIED.search(p.block.text)
        )
        for p in blocks
    )
    # a SILP or an audit judges practice whether or not it names its areas for development
    title = next((p.block.text for p in blocks if p.block.heading), "")
    framed = detect_type(title) in ("silp", "multi_agency_audit")
    # a full report that analyses the case ("7. Analysis") judges its practice, the good
    # with the rest
    analysed = any(p.block.heading and _ANALYSIS.search(p.block.text) for p in blocks)
    # an appreciative inquiry in the 4-D form reports what it discovered as its findings
    discovered = any(p.block.heading and _DISCOVER_STAGE.match(p.block.text) for p in blocks)
    return "finding" if paired or framed or analysed or discovered else "key_learning"


def label_of(text: str, strengths: str = "key_learning") -> tuple[str | None, str, str | None]:
    """Split a leading label off: (kind or None, the rest of the text, addressee in brackets).

    Args:
        text: a heading or paragraph.
        strengths: the kind a strength's label ("Good practice:") gives (see
            :func:`strengths_kind`).
    """
    match = _LABEL.match(text)
    if not match:
        return None, text, None
    word = match.group("label").lower().rstrip(".").rstrip("s")
    if word.endswith("question") or word.startswith(("question", "reflective question")):
        word = "reflective question" if word.startswith("reflective") else "question"
    rest = text[match.end() :].strip()
    kind = _LABEL_KIND.get(word) or _label_family(word, rest)
    if kind == "recommendation" and "improvement" in word and not _RECOMMENDS.search(rest):
        kind = "finding"  # "Area for improvement: records were not shared" judges practice
    if kind is None or not rest:
        return None, text, None
    if word.startswith(("what this means", "implications", "key implications", "practice impl")):
        rest = text  # "What this means for practice: ..." reads as one sentence; keep it whole
    return (strengths if kind == "strength" else kind), rest, match.group("who")


def _label_family(word: str, rest: str) -> str | None:
    """The kind of a label published documents use beyond the core ones ("Area for
    development", "Top tip", "Action taken"), when a sentence follows it (a contents line
    "Practice reminder: when you disagree" is no item); a soft question label ("Consider:")
    only before a question. An area for improvement that says what someone should do is a
    recommendation (an incident investigation's "Improvement area: The trust should ...")."""
    ending = rest.rstrip()
    if not ending.endswith((".", "?", "!")):
        return None
    if _SOFT_QUESTION.match(word) and not ending.endswith("?"):
        return None
    kind = next((kind for kind, pattern in _LABEL_FAMILIES if pattern.match(word)), None)
    if kind == "finding" and _IMPROVEMENT_AREA.match(word) and _RECOMMENDS.search(rest):
        return "recommendation"
    return kind


_IMPROVEMENT_AREA = re.compile(r"^(?:area|improvement area)")


def find_addressee(text: str, inherited: str | None, declared: str | None = None) -> str | None:
    """Who a recommendation is addressed to: a labelled field; else the audience a "For the
    Chief Constable:" line above declares (``declared``: it addresses "Officers should ..." to
    the Chief Constable); else the sentence's subject; else the introduction or heading it
    sits under (``inherited``)."""
    if match := _ADDRESSEE_FIELD.search(text):
        return match.group(1).strip()
    if declared:
        return declared
    if match := _SUBJECT.match(text):
        who = match.group("who").strip(" ,")
        if len(who.split()) <= 8:
            return who
    return inherited


def _heading_addressee(path: tuple[str, ...]) -> str | None:
    if path and (match := _INTRO_FOR.search(path[-1])):
        return match.group(1).strip()
    return None


class _Extractor:
    """Walks a review's blocks once, keeping the state a reader keeps in their head."""

    def __init__(
        self,
        strengths: str = "key_learning",
        analysis: frozenset[str] = frozenset(),
        reported: dict[tuple[str, ...], int] | None = None,
    ) -> None:
        self.strengths = strengths
        self.analysis = analysis  # numbered sections stating findings (analysis_sections)
        self.reported = reported or {}  # where each section first says "The review finds"
        self.items: list[ExtractedItem] = []
        self.open_finding: int | None = None  # a numbered finding still taking its explanation
        self.headed: int | None = None  # the finding a "Finding 1: ..." heading stated
        self.last_finding: int | None = None
        self.addressee: str | None = None
        self.declared: str | None = None  # the audience a "For the Chief Constable:" line names
        self.intro_kind: str | None = None  # "The partnership should:" makes bullets recommend
        self.intro_held = False  # a take-away introduction waits for its list (_TAKEAWAY_INTRO)
        self.intro_named = False  # the introduction named its list's kind ("Questions for ...:")
        self.own_questions = False  # "The audit asked four questions:": the review's, not ours
        self.path: tuple[str, ...] = ()
        self.asked: int | None = None  # a "Q:" question not yet answered
        self.reporting = False  # "The review found that ..." opened findings told in prose
        self.answering = False  # facilitator notes after a case study's questions
        self.recommends = False  # an item of this section recommends ("... should ...")
        self.responding = False  # "Response: Accepted." answered the recommendation above
        self.bare: tuple[str, int] | None = None  # a kind-naming heading with no text yet
        self.umbrella: tuple[str, int] | None = None  # ... and the flat headings it opens
        self.listed = False  # this section's learning was a list of bullets, now ended
        self.asked_kind: str | None = None  # the kind a host's question names for its answers
        self.stated = False  # this section's heading states what the review found in the case
        self.named: frozenset[str] = frozenset()  # the words of the review's title ("Ruby")
        # topic headings over their own findings' sub-heading ("Theme 2" > "What we found")
        self.own_findings: set[str] = set()
        # articles on one review whose parts name their kinds ("Learning from the review
        # about the Gorran children" > "What the review found", "What we have learned")
        self.articles: frozenset[tuple[str, ...]] = frozenset()
        self.labelled: frozenset[tuple[str, ...]] = frozenset()  # see _labelled_sections
        self.headline = False  # a numbered lesson's one-line statement ("Lesson 2: ...") above
        self.before: str | None = None  # the paragraph before this one, in the same section

    def feed(self, placed: PlacedBlock) -> None:
        placed = self._nest(placed)
        block = placed.block
        if placed.path != self.path:
            self.path = placed.path
            self.open_finding = None
            self.addressee = _heading_addressee(placed.path)
            self.declared = None
            self.intro_kind = None
            self.intro_named = False
            self.intro_held = False
            self.own_questions = False
            self.reporting = False
            self.recommends = False
            self.responding = False
            self.listed = False
            self.asked_kind = None
            self.headline = False
            self.answering = self._answers(placed.path)
        if block.heading:
            self.before = None
            self._heading(placed)
            return
        self._body(placed)
        self.before = block.text

    def _nest(self, placed: PlacedBlock) -> PlacedBlock:
        """Puts the headings that follow a kind-naming heading directly, at its own level,
        under it: plain text sets "What you must do now" and the roles it addresses
        ("Children's home managers", "Police") alike, so the roles' lists would otherwise lose
        their kind. The nesting ends at a heading that names a kind or sets the scene."""
        block = placed.block
        if block.heading:
            named = section_kind(("", block.text)) is not None
            if (
                named
                or _BACKGROUND.search(block.text)
                or (self.umbrella and block.heading < self.umbrella[1])
            ):
                self.umbrella = None
            elif self.bare and self.bare[1] == block.heading:
                self.umbrella = self.bare
            self.bare = (block.text, block.heading) if named else None
        else:
            self.bare = None
        if self.umbrella is None or self.umbrella[0] in placed.path:
            return placed
        path = (*placed.path[:-1], self.umbrella[0], placed.path[-1])
        return PlacedBlock(block, path, placed.paragraph)

    def _answers(self, path: tuple[str, ...]) -> bool:
        """Whether a section holds the notes that answer the questions just put to a group
        ("Facilitator notes" after "Questions for groups"); notes for facilitators on how to
        run the session, before any question, do not."""
        asked = bool(self.items) and self.items[-1].kind == "reflective_question"
        return asked and bool(path) and bool(_ANSWERS.search(path[-1]))

    def _heading(self, placed: PlacedBlock) -> None:
        kind, rest, who = label_of(placed.block.text)
        self.stated = False
        if (
            kind is None
            and _unlabelled_finding(placed)
            and placed.path not in self.reported
            and placed.path not in self.labelled
        ):
            kind = "finding"  # (a section stating its own findings below has a topic heading)
        elif kind is None and _finding_under_learning(placed):
            kind, self.stated = "finding", True
        self.headed = None
        if kind == "finding" and len(rest.split()) >= 4:
            self._add("finding", rest, placed)
            self.open_finding = len(self.items) - 1
            if label_of(placed.block.text)[0] == "finding":
                self.headed = self.open_finding
        elif kind == "recommendation" and who:
            self.addressee = who

    def _restated_heading(self, kind: str, text: str) -> None:
        """Drops the finding a "Finding 1: ..." heading stated when the first paragraph under
        it states the finding again under its own label ("Finding 1: Nobody asked the father
        ..."): the paragraph is the finding, the heading its short title."""
        headed, self.headed = self.headed, None
        if headed is None or headed != len(self.items) - 1:
            return
        if kind == "finding" and label_of(text)[0] == "finding":
            self.items.pop()
            self.open_finding = None

    def _announces_list(self, text: str, *, bullet: bool) -> bool:
        """Whether an unlabelled paragraph announces the list after it, and if so note the
        list's kind."""
        if len(text.split()) <= 25 and _ASKING_INTRO.search(text):
            self.intro_kind, self.intro_named, self.reporting = "next_step", False, False
            return True  # "Here are three things I am asking you to do this week."
        if not bullet and _AGREED_INTRO.search(text):
            # "The partners agreed the following.": the list after it is what they agreed
            self.intro_kind, self.intro_named, self.intro_held = "next_step", True, True
            return True
        if not bullet and _FOUND_FOLLOWING_INTRO.search(text):
            self.intro_kind, self.intro_named, self.intro_held = "finding", True, False
            return True
        if not bullet and _TAKEAWAY_INTRO.search(text):
            # "Here are the five things the reviewer asked us all to take away.": the next
            # list is its learning, even after a paragraph of context between them
            self.intro_kind, self.intro_named, self.intro_held = "key_learning", False, True
            return True
        return False

    def _body(self, placed: PlacedBlock) -> None:
        block = placed.block
        text = block.text.strip()
        if self._question_and_answer(text, placed) or self._question_with_answer(text, placed):
            return  # (a record's row: the question and what the team said of its practice)
        kind, rest, who = _labelled(text, placed.path, self.strengths)
        self.listed = self.listed and kind is None  # a labelled item ends the list before it
        if kind is None and self._asks_for_answers(text, placed):
            return  # "What has changed since the review?": the answers that follow say
        if kind is None and text.endswith(":"):
            self._introduction(text)
            return
        if kind is None and self._announces_list(text, bullet=block.bullet):
            return
        if kind is None and _DECISION.match(text):
            self.responding = True  # what follows is the response, not the recommendation
            return
        if kind is None and self._frames(text, placed):
            # "The partnership has published its review of Kian. The full report is on our
            # website.": where to read it, and what the review found follows
            self.reporting = self.reporting or bool(_PUBLISHED_REVIEW.match(text))
            return
        section = self._section(placed)
        if kind is None:
            kind = None if self._after_list(placed, section) else self._unlabelled(placed, section)
            if kind is None:
                return
        self._restated_heading(kind, text)
        self.open_finding = None
        self._note_headline(text, kind)
        if kind == "reflective_question" and not rest.rstrip().endswith("?"):
            if label_of(text)[0] is None:
                return  # prose between questions, not a question
        self._add_each(kind, rest, placed, who)
        if kind == "finding" and label_of(text)[0] == "finding":
            self.open_finding = len(self.items) - 1

    def _question_with_answer(self, text: str, placed: PlacedBlock) -> bool:
        """Adds a question and the answer a team recorded beside it, as a record's table
        gives them ("Do you know who cares for the baby? (What the team said about its own
        practice: Most said they seldom meet the father.)"): the question is the reader's,
        the answer what the team found in its own practice."""
        row = _ANSWERED_ROW.match(text)
        if row is None or section_kind(placed.path, self.strengths) != "reflective_question":
            return False
        self._add("reflective_question", row.group("question"), placed)
        self._add("finding", row.group("answer").strip(), placed)
        return True

    def _note_headline(self, text: str, kind: str) -> None:
        """Remembers whether a labelled item is a numbered lesson's one-line statement, whose
        evidence from the case follows it (see :meth:`_recast_learning`)."""
        if label_of(text)[0] is not None:
            self.headline = kind == "key_learning" and bool(_LESSON_HEADLINE.match(text))

    def _add_each(self, kind: str, text: str, placed: PlacedBlock, who: str | None) -> None:
        """Adds a block's item, or one per child where a paragraph quotes several."""
        quoting = kind == "child_voice" and not placed.block.bullet
        for part in _voices(text) if quoting else [text]:
            self._add(kind, part, placed, who)

    def _after_list(self, placed: PlacedBlock, section: str | None) -> bool:
        """Whether a paragraph follows the bulleted list a kind-naming heading holds: it
        comments on the list ("There is more to do.", "Before the abuse came to light, ..."),
        the list being the section's learning."""
        block = placed.block
        if block.bullet or block.lead:  # a list, or points each led by a sentence in bold
            self.listed = self.listed or bool(section)
            return False
        if not self.listed or block.text.startswith(_QUOTE_START):
            return False
        if self._quotes_child(block.text):
            return False  # 'Jay told the reviewer: "..."' after the list: the child's voice
        if section_kind(placed.path) == "recommendation":
            # after recommendations, a paragraph is the partners' response (see _recast),
            # unless it reports what else the review saw ("The review also noted examples of
            # good practice. ..." in a news release)
            return bool(_ALSO_NOTED.match(block.text)) and not _RECOMMENDS.search(block.text)
        return section_kind(placed.path) is not None

    def _quotes_child(self, text: str) -> bool:
        """Whether a paragraph quotes a child: one told of as a child ('Jay told the reviewer:
        "..."', 'One young person said: "..."') or the one the review's title names ('Ruby
        said: "..."' in 'Local Learning Review "Ruby"')."""
        if _CHILD_TOLD.match(text) or _A_CHILD_SAID.match(text) or _TOLD_OF_CHILD.match(text):
            return True
        if _ANOTHER_SAID.match(text) and self.items and self.items[-1].kind == "child_voice":
            return True  # 'Another said: "..."' after a child quoted: the next child speaking
        said = _NAMED_SAID.match(text)
        if said is not None and said.group("name") in self.named | _heading_child(self.path):
            return True
        return self._pronoun_quotes_child(text)

    def _pronoun_quotes_child(self, text: str) -> bool:
        """Whether a paragraph quotes the review's child by a pronoun: after who asked the
        child, named ('When a youth worker asked M about the gifts, she said: "..."'), or
        alone ('She said: "..."') where the child was just quoted in the same section."""
        said = _PRONOUN_SAID.match(text)
        if said is None or not self.path:
            return False
        if asked := said.group("asked"):
            story = _CHILDS_STORY.search(self.path[-1])
            names = (
                set(self.named) | {story.group("name") or story.group("about")}
                if story
                else set(self.named)
            )
            return bool(set(re.findall(r"\b[A-Z][\w'\u2019-]*", asked)) & (names - _NOT_NAMES))
        last = self.items[-1] if self.items else None
        here = PATH_SEPARATOR.join(self.path)
        if last is None or last.kind != "child_voice" or last.heading_path != here:
            return False
        # the paragraph before is the child's words or tells of the child by name ("Ellie
        # first self-harmed at thirteen"), not of a relative ("Ellie's grandmother visited")
        subject = re.match(r"[A-Z][\w'\u2019-]*", last.text)
        before = self.before or ""
        return before == last.text or (
            subject is not None
            and re.match(re.escape(subject.group()) + r"\b(?!'|\u2019)", before) is not None
        )

    def _voices_child(self, text: str, path: tuple[str, ...], section: str | None) -> bool:
        """Whether a paragraph is the child's voice wherever it stands: 'Kai told the reviewer:
        "..."', 'His father said that Baby R "went stiff"', or, outside other kinds' sections,
        'Ellie told the reviewer that she missed her old school'. A full report's paragraph
        number ("9.2", "8.3b") is read past."""
        text = _PARAGRAPH_NUMBER.sub("", text, count=1)
        if _TOLD_OF_CHILD.match(text):
            return True
        if text.startswith(_QUOTE_START) and _CHILDS_WORDS_INTRO.search(self.before or ""):
            return True  # "... recorded these words from L's brother:" then the words
        if self._quotes_child(text) and not _in_others_voice(path):
            return True
        if self._goes_on(text):
            return True
        if _recalls_child_saying(text):
            return True  # 'In the review of Child J, a teacher recalled him saying, "..."'
        if _QUOTE_MARKS.search(text) and self._reports_child(text, path):
            return True  # 'R told the reviewer that ... "if I could, I would"', anywhere
        if section not in (None, "child_voice"):
            return False
        return self._reports_child(text, path) or self._tells_of_child(text, path, section)

    def _frames(self, text: str, placed: PlacedBlock) -> bool:
        """Whether an unlabelled block frames the learning (see _frames_learning), unless it
        tells, under the family's words, what the child told or showed."""
        if self.own_questions and placed.block.bullet:
            return True  # one of the questions the review set itself, after its introduction
        if not _frames_learning(text, placed.path, bullet=placed.block.bullet):
            return False
        return not self._child_in_familys_part(text, placed.path)

    def _child_in_familys_part(self, text: str, path: tuple[str, ...]) -> bool:
        """Whether a paragraph under a heading over the family's words ("What the family told
        the review") tells what the child told or showed, not the relatives' own views."""
        if not path or _PRACTITIONERS_VOICE.search(path[-1]) or not _in_others_voice(path):
            return False
        return self._reports_child(text, path) or self._tells_of_child(text, path, None)

    def _tells_of_child(self, text: str, path: tuple[str, ...], section: str | None) -> bool:
        """Whether a paragraph tells, unquoted, what the child did or said: a relative under a
        heading on the family's part in the review ("Milo's grandmother said that when he
        stayed ... he hid food"), or the speaker of the child's voice just before going on."""
        relative = _RELATIVE_TELLS.match(text)
        if relative is None:
            return self._goes_on(text)
        family = section == "child_voice" or bool(path and _FAMILY_PART.search(path[-1]))
        return family and _of_the_child(relative, self.named - _NOT_A_CHILD)

    def _goes_on(self, text: str) -> bool:
        """Whether a paragraph is the speaker of the child's voice just before going on by a
        pronoun, unquoted ("She told the reviewer that he would not go upstairs", "He said
        that he fell asleep in lessons"): the child, or the relative telling of the child."""
        said = _PRONOUN_TELLS.match(text)
        last = self.items[-1] if self.items else None
        if said is None or last is None or last.kind != "child_voice":
            return False
        if last.heading_path != PATH_SEPARATOR.join(self.path):
            return False
        if not (self.before or "").endswith(last.text):
            return False  # not the paragraph just after the child's voice
        if _RELATIVE_TELLS.match(last.text) or _TOLD_OF_CHILD.match(last.text):
            # the relative going on: of the child, not of herself
            return _of_the_child(said, self.named - _NOT_A_CHILD)
        return True  # the child going on

    def _reports_child(self, text: str, path: tuple[str, ...]) -> bool:
        """Whether a paragraph reports what the review's named child told or showed the
        review, without quoting it ('Ellie told the reviewer that ...', 'K said that ...',
        'Kai drew a picture for the reviewer.'), or what the child a box is named for said
        ("Rhys's words": 'Rhys said that ...')."""
        reported = _CHILD_REPORTED.match(text)
        if reported is None or (path and _PRACTITIONERS_VOICE.search(path[-1])):
            return False  # (under "What the family told the review" the child still speaks)
        own = _OWN_WORDS.match(path[-1]) if path else None
        names = self.named | ({own.group(1)} if own else set())
        return reported.group("name") in names - _NOT_A_CHILD

    def _unlabelled(self, placed: PlacedBlock, section: str | None) -> str | None:
        """The kind of an unlabelled block, or None when it is not an item of its own (it
        explains the finding above it, or is narrative)."""
        block = placed.block
        text = block.text.strip()
        # 'Kai told the reviewer: "..."' or 'His father said that Baby R "went stiff"',
        # wherever it stands
        if self._voices_child(text, placed.path, section):
            return "child_voice"
        quoted = text.startswith(_QUOTE_START)
        decided, kind = self._short_product_kind(placed, section)
        if decided:
            return kind
        if self.open_finding is not None and _RUN_IN_CONTEXT.match(text):
            return None  # "What happened. ...": the finding's evidence, told under its heading
        recommends = _pairs_findings(placed.path) and _should(text, placed.path)
        if self.open_finding is not None and not block.bullet and not quoted and not recommends:
            if section in (None, "finding") or self.stated:
                self.items[self.open_finding].text += " " + text
                return None
        if self._narrative(placed, section):
            return None
        if section is None and self.answering and not block.bullet and not quoted:
            return "finding" if _CASE_PAST.search(text) else "key_learning"
        if section is None and not quoted and not _background(placed):
            # a list reports findings as prose does ("The review found that ...", then what
            # else it found), but a bulleted line is no other kind of report
            reported = self._reported(text) if self._reports(placed) else None
            if reported and (reported == "finding" or not block.bullet):
                return reported
        if section is None and placed.path and _SCOPE.search(placed.path[-1]):
            return None  # the questions the review set itself, not questions for the reader
        if section == "child_voice" and not block.bullet and _shown_by_child(text, placed.path):
            return "child_voice"  # "Ellis's daily life": what his days showed, told in prose
        return self._recast(placed, section) or _unlabelled_kind(text, section, bullet=block.bullet)

    def _round_up_lesson(self, placed: PlacedBlock, section: str | None) -> bool:
        """Whether a paragraph in a newsletter's round-up of reviews ("Rapid review round-up",
        "Two rapid reviews in brief") states in general terms the lesson of the case told in
        the past in the paragraph just before it; the case told is no item."""
        if section is not None or _quoted_or_listed(placed) or not placed.path:
            return False
        if not any(_ROUND_UP.search(heading) for heading in placed.path[-2:]):
            return False
        text = placed.block.text
        general = _JUDGEMENT.search(text) or _RECOMMENDS.search(text) or _NEEDS.search(text)
        told = _CASE_PAST.search(self.before or "")
        return bool(general and told) and not _CASE_PAST.search(text)

    def _recast(self, placed: PlacedBlock, section: str | None) -> str | None:
        """A kind other than its section's that a block's words and place give it: a response
        under a recommendation is a next step, a step taken after findings too, and what
        someone else should do under a heading of actions for them recommends."""
        block = placed.block
        text = block.text.strip()
        if section == "recommendation" and self._answers_recommendation(text, bullet=block.bullet):
            return "next_step"
        if section == "finding" and _pairs_findings(placed.path) and _should(text, placed.path):
            return "recommendation"  # under "Findings and recommendations": "X should ..."
        if section == "finding" and not block.bullet and _ACTION_TAKEN.match(text):
            return "next_step"  # "The partners have asked every agency to ...", after findings
        if section == "finding" and _lesson_under_theme(text, placed.path):
            return "key_learning"  # "Theme 2: ...": the case told is a finding, a lesson not
        if section == "next_step" and _for_others(placed.path) and _should(text, placed.path):
            return "recommendation"  # "Actions for governors": "Governing boards should ..."
        if section == "next_step" and _to_each_role(placed.path):
            self.addressee = placed.path[-1]  # "What you must do now" > "Police": to the police
            return "recommendation"
        if (
            section == "child_voice"
            and not (block.bullet or block.lead)
            and _voice_topic_of_findings(text, placed.path)
        ):
            return "finding"  # "3. Findings > 3.1 The child's lived experience": judged practice
        if section in ("key_learning", "child_voice") and _says_review_found(placed):
            return "finding"  # "5. Analysis and learning" > "5.2 ...": "The review found that"

        if section == "child_voice" and self._voice_theme_of_learning(placed):
            # "Learning from our reviews > Theme 4: Hearing what children say": what the
            # theme states in prose is the chapter's learning, the case told its finding
            return self._recast_learning(placed) or "key_learning"
        if section == "key_learning":
            return self._recast_learning(placed)
        return None

    @staticmethod
    def _voice_theme_of_learning(placed: PlacedBlock) -> bool:
        """Whether unquoted prose sits under a numbered theme on the child's voice ("Theme 4:
        Hearing what children say") inside a chapter of learning: the theme is a topic of the
        chapter, and only the child's own words there are the child's voice."""
        block, path = placed.block, placed.path
        if block.bullet or block.lead or _QUOTE_MARKS.search(block.text) or len(path) < 2:
            return False
        return _numbered_theme(path[-1]) and section_kind(path[:-1]) == "key_learning"

    def _recast_learning(self, placed: PlacedBlock) -> str | None:
        """The kind a block under a key-learning heading takes from its words and place: the
        case told in the past there is often what the review found."""
        block = placed.block
        text = block.text.strip()
        if not block.bullet and _case_example(text):
            return "finding"  # under "Why this matters": "In the review of Baby A, ... but ..."
        if _commits_locally(text, placed):
            return "next_step"  # "What this means here": "From January schools will ..."
        if self._titles_point(placed):
            # "Lesson 1: A new adult changes the risk." then "3.2 The health visitor knew of
            # Mr T but ...": the one line titles the point below it, which the document
            # labels as its lesson (key learning, whether or not it tells the case)
            self.items.pop()
            self.headline = False
            return "key_learning"
        if _identified_learning(placed.path):
            # "Learning identified" labels its points as learning, whatever their tense (a
            # settled case); a numbered learning theme is a topic, whose case told in the
            # past is what the review found there
            numbered = _numbered_theme(placed.path[-1])
            told = _CASE_PAST.search(text) or _SIMPLE_PAST.search(text)
            return "finding" if numbered and told else "key_learning"
        if _episode_learning(placed.path):
            return "finding" if _tells_of_case(text) else "key_learning"
        if placed.path and _FORWARD.search(placed.path[-1]) and _should(text, placed.path):
            return "recommendation"  # "Learning to be taken forward": "Midwifery should ..."
        return None

    def _titles_point(self, placed: PlacedBlock) -> bool:
        """Whether the item just added is a numbered lesson's one-line title ("Lesson 1: A new
        adult changes the risk.") and this paragraph, the next block in its section, the point
        it titles."""
        block = placed.block
        if not self.headline or block.bullet or not self.items:
            return False
        last = self.items[-1]
        return last.paragraph == placed.paragraph - 1 and len(last.text.split()) <= 15

    def _reported(self, text: str) -> str | None:
        """The kind of a paragraph that reports a review in prose, under a heading naming no
        kind (an annual report's "5.2 Rapid review: Baby S"): "The review found that ..." is a
        finding, and the paragraphs after it that state a finding (:func:`reads_as_finding`)
        are findings too; "The key learning from the review is ..." is key learning; "As a
        result of the review, the Partnership has ..." a next step."""
        if _CRITERIA_DECISION.search(text):
            self.reporting = False
            return None  # the rapid review's decision on a fuller review: procedure, not learning
        if _AUDIT_SAMPLE.match(text) or _PUBLISHED_REVIEW.match(text):
            self.reporting = True  # "The audit looked at twelve children ...": what it found
            return None  # follows, told as findings; the sample itself is no item
        lead = _REPORTED.match(text)
        if lead is None:
            return self._reported_after(text) if self.reporting else None
        kind = next(name for name, value in lead.groupdict().items() if value)
        self.reporting = kind == "finding"
        return kind

    def _reports(self, placed: PlacedBlock) -> bool:
        """Whether a block may report a review: any paragraph, and a bullet that opens with
        what the review found or follows one that did."""
        if not placed.block.bullet:
            return True
        lead = _REPORTED.match(placed.block.text)
        return self.reporting or bool(lead and lead.group("finding"))

    @staticmethod
    def _reported_after(text: str) -> str | None:
        """A paragraph after "The review found that ...": a finding when it tells of the case
        (in the past, saying what was missing or not done, even as what someone told the
        reviewer); key learning when it states what holds in general ("Emotional abuse
        rarely leaves marks ... We need to judge it by its effect")."""
        if _CASE_PAST.search(text):
            return "finding" if _JUDGEMENT.search(text) else None
        general = _JUDGEMENT.search(text) or _RECOMMENDS.search(text) or _NEEDS.search(text)
        return "key_learning" if general else None

    def _answers_recommendation(self, text: str, *, bullet: bool) -> bool:
        """Whether a paragraph under a recommendation is the partners' answer to it: a
        commitment after it (:meth:`_responds`), what follows their decision ("Accepted."), or
        a response under a label of its own ("Our response: Accepted. Since June ...")."""
        if self._responds(text, bullet=bullet) or self.responding:
            return True
        return not bullet and bool(_RESPONSE_LABEL.match(text))

    def _responds(self, text: str, *, bullet: bool) -> bool:
        """Whether a paragraph under a recommendation answers it with what will be done
        ("Health visitors will be asked to see the father ...", "The subgroup will report
        progress ..."): it commits and does not recommend, after an item that did."""
        return (
            not bullet
            and self.recommends
            and bool(_COMMITS.match(text))
            and not _RECOMMENDS.search(text)
        )

    def _question_and_answer(self, text: str, placed: PlacedBlock) -> bool:
        """A write-up in questions and answers ("Q: Why did he move so often?" then "A: Most of
        the moves were not planned ..."): the answer is the learning and the question it
        answers is not one put to the reader. Returns whether the block was read so."""
        if _ASKED.match(text):
            self._add("reflective_question", _ASKED.sub("", text, count=1), placed)
            self.asked = len(self.items) - 1
            return True
        answer = _ANSWERED.match(text)
        if not answer:
            self.asked = None
            return False
        if self.asked is not None and self.asked == len(self.items) - 1:
            self.items.pop()  # the question was answered: it was not put to the reader
        self.asked = None
        self._add("key_learning", text[answer.end() :], placed)
        return True

    def _section(self, placed: PlacedBlock) -> str | None:
        """The kind a body block's place gives it: its headings, an analysis section, or the
        list introduction it follows."""
        section = section_kind(placed.path, self.strengths)
        if section is None and self.analysis.intersection(placed.path):
            section = "finding"
        if not placed.block.bullet and not _NUMBERED_POINT.match(placed.block.text):
            self.own_questions = False
            if not self.intro_held:
                self.intro_kind = None  # the list the introduction opened has ended
        elif self.intro_kind and (section is None or self.intro_named):
            section = self.intro_kind
            self.intro_held = False  # its list has begun: the next paragraph ends it
        return section

    def _narrative(self, placed: PlacedBlock, section: str | None) -> bool:
        """Whether a paragraph in an analysis section is the narrative around a finding rather
        than the finding (see :func:`reads_as_finding`). Analysis sections are topic headings
        under a findings heading ("5. Analysis and findings" > "5.1 Seeing the history") and
        the numbered sections a review states its findings in (:func:`analysis_sections`);
        under a heading that names findings itself, every paragraph is one. The case told
        under "What happened" in a chapter of learning is narrative too."""
        if section not in (None, "child_voice") and _told_in_background(placed, self.strengths):
            return True  # "Learning from the review of Child M" > "What happened": the case
        if placed.path in self.articles and not _quoted_or_listed(placed):
            return True  # the article's opening, before the parts that hold its learning
        if section != "finding" or placed.block.bullet or not placed.path:
            return False
        if _ONE_CASE_OF_SEVERAL.match(placed.block.text):
            return True  # "In Family C, ...": one case told as the evidence for the findings
        heading = placed.path[-1]
        topic = section_kind(("", heading)) is None
        labelled = topic or bool(_TOPIC_LABEL.match(heading))  # "Theme 2: ..." is a topic too
        if labelled and placed.paragraph < self.reported.get(placed.path, 0):
            return True  # the evidence before the section's "The review finds that ..."
        if heading in self.own_findings and labelled:
            return True  # "Theme 2: ..." tells its evidence, then states it under "What we found"
        return topic and not reads_as_finding(placed.block.text)

    def _introduction(self, text: str) -> None:
        """A line ending in a colon opens a list: it may name the list's addressee ("For the
        Chief Constable:"), recommend ("The partnership should:"), commit ("The partnership
        will:") or name the list's kind ("Questions for the Board:"), which holds even inside a
        finding's section."""
        self.reporting = False  # the prose reporting a review has given way to a list
        self.addressee = _intro_addressee(text) or self.addressee
        declared = _FOR_WHOM.match(text.rstrip(":").strip())
        self.declared = declared.group(1).strip() if declared else None
        named = _named_kind(text)
        self.intro_named = named is not None
        self.own_questions = bool(_OWN_QUESTIONS_INTRO.search(text))
        if self.own_questions:
            self.intro_kind = None  # the questions the review set itself (see _SCOPE)
        elif named:
            self.intro_kind = named
        else:
            self.intro_kind = _intro_kind(text)
        # "... The auditors found:" then paragraphs, not a list: they report what was found
        self.reporting = self.intro_kind == "finding" and bool(_FOUND_INTRO.search(text))

    def _asks_for_answers(self, text: str, placed: PlacedBlock) -> bool:
        """Whether a host's question names the kind of the answers that follow it ("What has
        changed since the review?": next steps; "What did the review find?": findings)."""
        if not self._hosts_question(text, placed):
            return False
        self.asked_kind = section_kind(("", text.rstrip("?")))
        if self.asked_kind == "finding":
            self.reporting = True  # the answers report what the review found
        return self.asked_kind is not None

    def _short_product_kind(
        self, placed: PlacedBlock, section: str | None
    ) -> tuple[bool, str | None]:
        """The kind short learning products give a block by their own shapes, and whether
        they decide it: a film script's spoken line (:func:`_narrated_kind`), an answer to a
        host's question naming a kind, a poster's advice under a panel naming none."""
        block = placed.block
        text = block.text.strip()
        if placed.path and NARRATION.match(placed.path[-1]):
            return True, _narrated_kind(text)
        if self._round_up_lesson(placed, section):
            return True, "key_learning"  # "Two rapid reviews in brief": a case, then its lesson
        if section is None and _commits_locally(text, placed) and not _background(placed):
            return True, "next_step"  # "What we expect of you": "Income officers will ..."
        if section is not None or (block.bullet and not _advises(text)):
            return False, None
        if block.bullet:
            return (True, "key_learning") if not _background(placed) else (False, None)
        answer = self.asked_kind and _ANSWER.match(text) and len(text.split()) >= 8
        if answer and not text.startswith(_QUOTE_START):
            return True, self.asked_kind  # "The emergency department now has an alert ..."
        return False, None

    @staticmethod
    def _hosts_question(text: str, placed: PlacedBlock) -> bool:
        """Whether a paragraph is a question asked in prose under a heading naming no kind (a
        podcast host's "What has changed since the review?"), not put to the reader."""
        asked = text.rstrip().endswith("?") and not _ASKS_THE_READER.search(text)
        return asked and not placed.block.bullet and section_kind(placed.path) is None

    def _add(self, kind: str, text: str, placed: PlacedBlock, who: str | None = None) -> None:
        if len(text.split()) < 2 or _title_only(kind, text) or _topic_label(kind, text):
            return  # a stray word (a label left alone on its line) is not learning
        if kind == "key_learning" and _REVIEW_FOUND.match(text):
            kind = "finding"  # "The rapid review found that ..." under "Learning from ..."
        if kind == "finding" and text.rstrip().endswith("?"):
            if not _ASKS_THE_READER.search(text):
                return  # a host's question in a transcript ("So what stood out?") finds nothing
            kind = "reflective_question"  # "Who is the father, and have you met him?"
        if kind in ("key_learning", "next_step") and self._hosts_question(text, placed):
            return  # "What has changed since the review?", asked in prose: the answer follows
        if kind == "key_learning" and _readers_question(text, placed, self.strengths):
            kind = "reflective_question"  # "A self-check for DSLs": "When did you last ...?"
        item = ExtractedItem(kind, text.strip(), placed.heading_path, placed.paragraph)
        if kind == "recommendation":
            item.addressee = who or find_addressee(item.text, self.addressee, self.declared)
            item.parent = self.last_finding
        if kind == "finding":
            self.last_finding = len(self.items)
        if kind == "recommendation" and _RECOMMENDS.search(item.text):
            self.recommends = True
        self.items.append(item)


# A paragraph reporting what a review found ("The rapid review found that the nurse did not
# ask ..."): a finding, even where a heading names the section as learning.
_REVIEW_FOUND = re.compile(
    r"^the (?:\w+ )?(?:review|audit|panel|reviewer)s? (?:found|identified|showed) that\b",
    re.IGNORECASE,
)
# An audit's sample, opening what it found ("The partnership's multi-agency audit looked at
# twelve children on plans for neglect ..."): the cases it read, not learning.
_AUDIT_SAMPLE = re.compile(
    r"^(?:the|our|this|a|an) (?:[\w'\u2019-]+ ){0,4}?(?:audit|dip sample|case review|review)s? "
    r"(?:looked at|examined|read|sampled|considered|reviewed) (?:the (?:records|cases|files) of )?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)"
    r"(?:[- ][a-z]+)? (?:children|young people|babies|families|cases|records|case files|files)\b",
    re.IGNORECASE,
)
# A newsletter's item on a review just published ("The partnership has published its local
# practice review about Kian, ..."): what the review found follows, told as findings.
_PUBLISHED_REVIEW = re.compile(
    r"^(?:the|our) (?:[\w'\u2019-]+ ){0,3}?(?:has|have) (?:now |recently |just )?published "
    r"(?:its|the|a|our|their) (?:[\w-]+ ){0,4}?(?:review|audit)\b",
    re.IGNORECASE,
)
# A line announcing a child's words, quoted in the paragraph after it ("The officer recorded
# these words from L's brother:", "This is what the young person told us, in the words of the
# child:"): the quotation is the child's voice, whatever section it stands in.
_CHILDS_WORDS_INTRO = re.compile(
    r"\b(?:words|said|told|wrote|account)\b[^:]{0,60}?\b(?:from|of|by) (?:"
    r"(?:Child |Baby )?[A-Z][\w-]*(?:'s|\u2019s) (?:(?:half-|step-|older |younger |little |twin )?"
    r"(?:brother|sister|sibling))|the (?:child|young person|boy|girl)|"
    r"(?:his|her|their) (?:(?:half-|step-|older |younger |little |twin )?(?:brother|sister|"
    r"sibling)|son|daughter))\b[^:]{0,40}:$"
)


def _readers_question(text: str, placed: PlacedBlock, strengths: str) -> bool:
    """Whether a bullet under a heading naming no kind, in a chapter of learning, asks the
    reader about their own practice ("A self-check for DSLs": "When did you last ...?"): a
    reflective question, though the chapter's heading names key learning."""
    if not placed.block.bullet or not text.rstrip().endswith("?") or not placed.path:
        return False
    own = section_kind(("", placed.path[-1]), strengths) is None
    return own and bool(_ASKS_THE_READER.search(text))


# A newsletter's or update's article on learning from a review ("Learning from the review
# about the Gorran children", "2. Learning from a rapid review: a child who was not brought").
_LEARNING_ARTICLE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:key )?(?:learning|lessons) from\b", re.IGNORECASE
)


def _labelled_sections(blocks: list[PlacedBlock], strengths: str) -> frozenset[tuple[str, ...]]:
    """The heading paths of sections whose paragraphs state their items under labels of their
    own ("Strength: ...", "Area for development: ..."): the heading over them is the topic
    they share ("5. Support for the parent and the child"), however long, no finding."""
    return frozenset(
        placed.path
        for placed in blocks
        if not placed.block.heading and label_of(placed.block.text.strip(), strengths)[0]
    )


def _articles_in_parts(blocks: list[PlacedBlock]) -> frozenset[tuple[str, ...]]:
    """The heading paths of articles on learning from a review whose parts name their own
    kinds ("What the review found", "What we have learned", "What is changing"): the prose
    set directly under such an article's heading opens it (the case and the review in brief)
    and is no item; its learning is in its parts."""
    articles: set[tuple[str, ...]] = set()
    for placed in blocks:
        above = placed.path[:-1]
        if not placed.block.heading or not above or not _LEARNING_ARTICLE.match(above[-1]):
            continue
        if section_kind(("", placed.block.text)) is not None:
            articles.add(above)
    return frozenset(articles)


# A newsletter's round-up of several reviews, each told in brief with its lesson ("Rapid
# review round-up", "Two rapid reviews in brief", "Three cases in brief").
_ROUND_UP = re.compile(
    r"\bround-?up\b|\b(?:reviews|cases) in brief\b|"
    r"^(?:two|three|four|five|\d+) (?:[\w-]+ ){0,2}(?:reviews|cases)\b",
    re.IGNORECASE,
)


def _quoted_or_listed(placed: PlacedBlock) -> bool:
    """Whether a block is a bullet or a quotation (someone's own words)."""
    return placed.block.bullet or placed.block.text.startswith(_QUOTE_START)


def _told_in_background(placed: PlacedBlock, strengths: str) -> bool:
    """Whether a block tells the case under a background heading ("What happened", "The
    family") inside a chapter of learning ("Learning from the review of Child M"): the
    chapter's kind is not the case's, which is no item."""
    if placed.block.bullet or not placed.path:
        return False
    if not _CASE_TOLD.match(placed.path[-1]):
        return False
    return section_kind(("", placed.path[-1]), strengths) is None


# A heading over the case told in short ("What happened", "Background", "The case in brief",
# "Noah's story", "Chronology"): narrower than the background headings (_BACKGROUND), which
# also name analysis's topics ("The young person's history", "Analysis and conclusions").
_CASE_TOLD = re.compile(
    r"^(?:[\d.]+\s*)?(?:what happened\b|background\b|(?:the )?(?:case|incident|events?) in "
    r"brief\b|chronology\b|timeline\b|[A-Z][\w-]*(?:'s|\u2019s) story\b)",
    re.IGNORECASE,
)


# A question put to the reader about their own practice, not a finding.
_ASKS_THE_READER = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_FIELDS = re.compile(r"\([^()]{1,80}:[^()]{1,120}\)")  # "(Lead: Police)", "(Status: Amber)"


# A numbered lesson stated in one line over its evidence ("Lesson 3: Repeated minor injuries to a
# baby must be seen together."), as older serious case reviews set out their lessons learned.
_LESSON_HEADLINE = re.compile(r"^lessons?\s*\d+\s*[:.\-\u2013]\s*\S", re.IGNORECASE)


# A point numbered under its section's letter ("A1.", "B2)") and the lettered section it closes
# ("A. How well did agencies ...?", "(b) The impact on the children"): a SILP or a review set
# out by lines of enquiry ends each one with the learning points agreed for it.
_LETTERED_POINT = re.compile(r"^(?P<letter>[A-Z])\d{1,2}[.):]\s+\S")
_LETTERED_SECTION = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?\(?(?P<letter>[A-Za-z])[.)]\s+\S")


def _labelled(
    text: str, path: tuple[str, ...], strengths: str
) -> tuple[str | None, str, str | None]:
    """A paragraph's label as :func:`label_of` reads it, or a learning point numbered under
    its line of enquiry's letter ("A1. ..." closing "A. How well did ...?")."""
    kind, rest, who = label_of(text, strengths)
    if kind is None and _closes_line_of_enquiry(text, path):
        return "key_learning", text, None
    return kind, rest, who


def _closes_line_of_enquiry(text: str, path: tuple[str, ...]) -> bool:
    """Whether a paragraph is a learning point numbered under the letter of the line of
    enquiry it sits in ("A2. A partner described as helpful is still ..." under "A. How well
    did agencies understand the household?")."""
    point = _LETTERED_POINT.match(text)
    section = _LETTERED_SECTION.match(path[-1]) if path and point else None
    if point is None or section is None:
        return False
    return section.group("letter").upper() == point.group("letter") and len(text.split()) >= 8


# A local commitment's subject: a service, team, agency or role that will act ("Child
# protection chairs will convene ...", "From January 2025 schools will ..."), not what holds
# of children or families in general ("Children will often ...").
_COMMITTED = re.compile(
    r"^(?:from \w+(?: \d{4})?,? )?(?:the |our |each |every |all )?(?:[\w'\u2019-]+ ){0,6}?"
    r"(?:schools?|chairs?|teams?|services?|partners(?:hip)?|boards?|agenc(?:y|ies)|police|"
    r"practitioners|managers|leads?|trusts?|hospitals?|practices?|we|"
    # the roles a service names in its own commitments ("Income officers will refer ...",
    # "Health visitors will offer ...", "All front-line staff will complete ...")
    r"officers|operatives|staff|workers|nurses|visitors|midwives|gps|clinicians|colleagues|"
    r"volunteers|coordinators|dsls)\b[^.]{0,40}?\b"
    r"(?:will|(?:has|have) (?:agreed|committed) to) "
    r"(?!(?:often|usually|always|never|sometimes|rarely|not|be at)\b)|"
    # a commitment dated from when it starts ("From April 2026, every plan for a baby will
    # include ..."), whatever its subject
    r"^from (?:\d{1,2} )?[a-z]+ \d{4},\s[^.]{0,120}?\bwill "
    r"(?!(?:often|usually|always|never|sometimes|rarely|not|be at)\b)",
    re.IGNORECASE,
)


def _commits_locally(text: str, placed: PlacedBlock) -> bool:
    """Whether a numbered or bulleted point under a learning heading is a local commitment,
    a next step whatever its heading ("What this means in Kilnsea Valley": "From January
    schools will complete ...")."""
    listed = placed.block.bullet or bool(_NUMBERED_POINT.match(text))
    return listed and bool(_COMMITTED.match(text)) and not _RECOMMENDS.search(text)


def _says_review_found(placed: PlacedBlock) -> bool:
    """Whether a paragraph under a heading giving another kind presents itself as what the
    review found ("6.4.2 The review found that the school ...") in a report's analysis: a
    heading of analysis and learning, or on the child's experience, holds its findings too.
    Under a heading labelling its points as learning ("Learning identified", "Learning point
    3") the label decides (a settled case)."""
    block = placed.block
    if block.bullet or block.lead or _identified_learning(placed.path):
        return False
    lead = _REPORTED.match(_PARAGRAPH_NUMBER.sub("", block.text.strip(), count=1))
    return lead is not None and lead.group("finding") is not None


def _identified_learning(path: tuple[str, ...]) -> bool:
    """Whether a block sits under the learning a review identified ("Learning identified"),
    directly or in one of its parts ("4. Learning identified" > "Learning for schools"), or
    under one of a review's numbered learning themes ("Learning theme 2: Measuring neglect"):
    there, what tells of the case is what the review found in it."""
    if not path:
        return False
    if _IDENTIFIED.search(path[-1]) or _numbered_theme(path[-1]):
        return True
    return len(path) >= 2 and bool(_IDENTIFIED.search(path[-2]))


# A review's numbered learning theme ("Learning theme 1: Drift", "Learning theme two -
# Measuring neglect"), as a full review or its executive summary numbers them, or one named
# after a colon ("3. Learning theme: exclusion as a turning point").
_NUMBERED_THEME = re.compile(
    r"^(?:[\d.]+\s*)?learning themes?(?:\s+(?:\d+|[ivx]{1,4}|one|two|three|four|five|six|seven|"
    r"eight|nine|ten)\s*[:.\u2013-]|"
    # a briefing's numbered section naming its theme ("3. Learning theme: the exclusion")
    r"\s*[:\u2013-])\s*\S",
    re.IGNORECASE,
)


def _numbered_theme(heading: str) -> bool:
    """Whether a heading is one of a document's numbered themes of learning ("Learning theme
    2: Measuring neglect", or "Theme 3: Attendance" inside a chapter of learning drawn from
    several reviews): a topic, under which the case told is what the reviews found."""
    return bool(_NUMBERED_THEME.match(heading) or _THEME_HEADING.match(heading))


def _episode_learning(path: tuple[str, ...]) -> bool:
    """Whether a block sits under the learning a review draws from one episode of the case
    ("Learning from this period", or any learning heading under "Episode two: ...")."""
    return bool(path) and (
        bool(_PERIOD_LEARNING.search(path[-1]))
        or (len(path) >= 2 and bool(_EPISODE.search(path[-2])))
    )


def _recalls_child_saying(text: str) -> bool:
    """Whether a paragraph names a child ("Child J", "Baby T") and then has an adult recall
    the child saying words quoted ('a teaching assistant recalled him saying, "..."'): the
    child's voice, passed on by one who heard it."""
    said = _RECALLED_SAYING.search(text)
    return said is not None and _A_CHILD_NAMED.search(text[: said.start()]) is not None


_RECALLED_SAYING = re.compile(
    r"\b(?:recalled|remembered|remembers|recalls|heard)\s+(?:him|her|them)\s+"
    r"(?:saying|say)\b[^\"\u201c]{0,12}[\"\u201c]"
)
_A_CHILD_NAMED = re.compile(r"\b(?:Child|Baby|Young Person) [A-Z]\b")


def _lesson_under_theme(text: str, path: tuple[str, ...]) -> bool:
    """Whether a paragraph under a thematic product's own theme heading ("Theme 3: Hearing
    the child", naming no kind) states a lesson for others rather than telling a case: the
    settled convention (b) reads the case told there as a finding and a lesson stated for
    others as key learning ("Poor attendance is often the first sign ...", "Ask who lives at
    home and record it.")."""
    if not path or not _THEME_HEADING.match(path[-1]) or text.startswith(_QUOTE_START):
        return False
    if _THEME_HEADING.match(text):
        return False  # the next theme's heading, read as a line of text
    if any(pattern.search(path[-1]) for _, pattern in _SECTION_KINDS):
        return False  # "Theme 1: what we found" names its kind
    told = _CASE_PAST.search(text) or _SIMPLE_PAST.search(text) or _NAMES_CASE.search(text)
    return not told and not _NOBODY_DID.search(text)


# A case named ("Child R", "Baby F", "the review of ..."), and what nobody did in it ("No one
# visited"): a lesson stated for others names neither ("a trusted adult", "an agreed plan"
# are adjectives, not the case told).
_NAMES_CASE = re.compile(
    r"(?-i:\b(?:Child|Baby|Young Person|Siblings?|Family|Mr|Ms|Mrs) [A-Z]\b)|"
    r"\breviews? (?:of|about|into)\b|\bin (?:all |both |each )?(?:\w+ )?of the \w+ "
    r"(?:reviews|cases)\b",
    re.IGNORECASE,
)
_NOBODY_DID = re.compile(r"\b(?:no one|nobody|neither|never)\s+[a-z]{3,}ed\b", re.IGNORECASE)


def _tells_of_case(text: str) -> bool:
    """Whether a point tells of the case in the past ("The transfer took eleven weeks"),
    rather than stating what holds in general. A participle that makes an adjective ("a
    strengths-based approach", "trauma-informed care") tells of nothing."""
    return bool(_CASE_PAST.search(text) or _PAST_VERB.search(_ADJECTIVAL.sub(" ", text)))


def _voices(text: str) -> list[str]:
    """A paragraph quoting several children, one item each ('A girl of twelve said: "..." A
    boy of nine told the worker, "..." Mothers said that ...'): its sentences (split outside
    quotation marks) that quote someone, where two or more do; the sentences around them
    that quote no one are context. A paragraph with one quotation stays whole."""
    sentences = _sentences_outside_quotes(text)
    quoting = [sentence for sentence in sentences if _QUOTE_MARKS.search(sentence)]
    if len(quoting) < 2 or any(_OTHER_TOLD.match(sentence) for sentence in quoting):
        return [text]
    return quoting


_OPENING_QUOTE = "\u201c"
_CLOSING_QUOTE = "\u201d"


def _sentences_outside_quotes(text: str) -> list[str]:
    """The sentences of a paragraph, split only where no quotation is open."""
    sentences: list[str] = []
    start, open_quote = 0, False
    for index, char in enumerate(text):
        if char == '"':
            open_quote = not open_quote
        elif char in (_OPENING_QUOTE, _CLOSING_QUOTE):
            open_quote = char == _OPENING_QUOTE
        elif char == " " and not open_quote and _ENDS_SENTENCE.search(text[:index]):
            sentences.append(text[start:index].strip())
            start = index + 1
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


_ENDS_SENTENCE = re.compile('[.!?]["\u201d]?$')


def _for_others(path: tuple[str, ...]) -> bool:
    """Whether a heading sets out actions for someone ("Actions for governors and trustees")
    or what must happen ("What needs to happen", a strengths-based framework's third
    question), under which a sentence saying what someone should do recommends."""
    return bool(path) and bool(_INTRO_FOR.search(path[-1]) or _PRESCRIBES.search(path[-1]))


def _to_each_role(path: tuple[str, ...]) -> bool:
    """Whether a list sits under a heading naming a role ("Children's home managers and
    staff") inside "What you must do now": the partnership tells each role what to do, so the
    list recommends, addressed to that role."""
    return (
        len(path) >= 2
        and bool(_YOU_DO.search(path[-2]))
        and section_kind(("", path[-1])) is None
        and not _BACKGROUND.search(path[-1])
    )


_YOU_DO = re.compile(
    r"\bwhat (?:you|practitioners|professionals|managers|staff|agencies) (?:should|must|"
    r"need to) do\b|\bwhat (?:should|must) (?:you|practitioners|professionals) do\b",
    re.IGNORECASE,
)


def _should(text: str, path: tuple[str, ...]) -> bool:
    """Whether a sentence recommends under a heading of actions for others: through its
    subject ("Governing boards should ..."), or anywhere under "What needs to happen"."""
    return bool(_SUBJECT_SHOULD.match(text)) or (
        bool(path) and bool(_PRESCRIBES.search(path[-1])) and bool(_RECOMMENDS.search(text))
    )


_PRESCRIBES = re.compile(
    r"\bwhat (?:needs|has) to (?:happen|change)\b|\bwhat (?:must|should) (?:happen|change)\b",
    re.IGNORECASE,
)


def _title_only(kind: str, text: str) -> bool:
    """Whether a table row is only a short title ("1. Fathers in assessments (Lead: Health)
    (Status: Amber)", a progress table's index of recommendations told in full elsewhere):
    six words or fewer, its bracketed columns and number aside, ending no sentence. Questions
    and the child's words may be short."""
    if kind in ("reflective_question", "child_voice") or not _FIELDS.search(text):
        return False  # a short bullet ("audit return home interviews") is still learning
    body = _NUMBERED_POINT_PREFIX.sub("", _FIELDS.sub("", text)).strip()
    return len(body.split()) <= 6 and not body.endswith((".", "!", "?"))


_NUMBERED_POINT_PREFIX = re.compile(r"^\d{1,2}(?:\.\d+)*[.)]?\s+")


# A thematic review telling one of its cases ("In Family C, the boy's caring role was known
# ...", "In one of the families, ...", "In Case 3, ..."): the evidence from one case among the
# findings drawn from all of them.
_ONE_CASE_OF_SEVERAL = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:in (?:(?:family|case) [A-Z0-9]\b|"
    r"one (?:of the )?(?:families|family|cases|case)\b)[^.]{0,40}?,\s|"
    # an inspection letter's illustration: "One family's experience illustrates ...", "One
    # child's story shows ..."
    r"one (?:family|child|young person|mother|father|parent)(?:'s|\u2019s) (?:experience|story|"
    r"journey|case)s? (?:illustrates?|shows?|shows what|is an example)\b)",
    re.IGNORECASE,
)


def _topic_label(kind: str, text: str) -> bool:
    """Whether a short line names a topic rather than states learning: five words or fewer,
    ending no sentence, set in title case ("Early Signs and Pressures", "Group Discussion")
    or led by a gerund in three words or fewer ("Noticing changes"). A web page lists
    a briefing's "Key learning themes" so, under the link to the briefing that holds the
    learning. A short bullet in plain words ("audit return home interviews", "See the baby")
    is still learning; so are questions and the child's words."""
    if kind in ("reflective_question", "child_voice", "finding"):
        return False
    words = text.split()
    if len(words) > 5 or text.rstrip().endswith((".", "!", "?", ":")):
        return False
    long_words = [word for word in words if len(word) >= 4]
    titled = len(long_words) >= 2 and all(word[0].isupper() for word in long_words)
    return titled or (len(words) <= 3 and words[0].lower().endswith("ing"))


# A heading labelled as one of a report's topics ("Theme 2: Planning the move to adulthood",
# "Key line of enquiry 1: ..."): the findings are stated below it, however long it is.
_TOPIC_LABEL = re.compile(
    r"^(?:theme|topic|part|chapter|(?:key )?line of enquiry|area)\s+(?:\d+|[ivx]+|one|two|three|"
    r"four|five|six)\s*[:.\u2013-]\s",
    re.IGNORECASE,
)


def _unlabelled_finding(placed: PlacedBlock) -> bool:
    """Whether a heading is a finding stated as a sentence under a "Findings" heading ("The
    pre-birth assessment relied on what the parents said"): the paragraphs below explain it.
    A short topic heading ("Neglect") or one that names a kind of its own is not."""
    text = placed.block.text.strip()
    words = len(text.split()) - (section_number(text) is not None)
    # a sentence, not a topic: "5.3 The men in L's life" is six words with its number
    if len(placed.path) < 2 or words < 7 or text.endswith((":", "?")):
        return False
    if _TOPIC_LABEL.match(text):
        return False  # "Theme 1: Exploitation does not stop at eighteen" heads its findings
    parent = placed.path[:-1] if placed.path[-1] == text else placed.path
    if section_kind(parent) != "finding" or _THEMES_ACROSS_HEADING.search(
        _ENUMERATOR.sub("", parent[-1])
    ):
        return False  # ("3. Themes from this year's reviews" > "3.3 Young people who ...")
    return not any(pattern.search(text) for _, pattern in _SECTION_KINDS)


_THEMES_ACROSS_HEADING = re.compile(_THEMES_ACROSS, re.IGNORECASE)


def _finding_under_learning(placed: PlacedBlock) -> bool:
    """Whether a heading under a learning heading states what the review found in the case as
    a sentence ("The learning from this review" > "Nobody spoke to the stepfather", "What we
    learned" > "Moving home took the twins out of sight"): a summary page's findings are its
    headings, the paragraphs below their evidence. A sentence of general learning ("Men
    matter") or a topic ("The parents' own needs") is not."""
    text = placed.block.text.strip()
    words = len(text.split()) - (section_number(text) is not None)
    if len(placed.path) < 2 or words < 5 or text.endswith((":", "?")):
        return False
    parent = placed.path[:-1] if placed.path[-1] == text else placed.path
    if section_kind(parent) != "key_learning" or section_kind(("", text)) not in (None, "finding"):
        return False
    if _names_none(text) or detect_type(text):
        return False  # "What practitioners told the review"; "Practice reviews published"
    # a participle that makes an adjective ("family centred approach",
    # "trauma-informed practice") is no verb: such a heading names a topic
    told = _ADJECTIVAL.sub(lambda m: " " * len(m.group()), text)
    verbs = [m.start() for p in (_CASE_PAST, _PAST_VERB, _TOLD_PAST) if (m := p.search(told))]
    # the sentence's own verb, not one in a clause about its subject ("The father as
    # professionals saw him" is a topic)
    return bool(verbs) and not _SUBORDINATE.search(text[: min(verbs)])


_ADJECTIVAL = re.compile(
    r"\b(?:centred|centered|focused|focussed|based|informed|led|oriented|related)\b", re.I
)


_SUBORDINATE = re.compile(r"\b(?:as|when|who|whom|that|which|how|what|where|whose)\b", re.I)
# Verbs in the past that tell of a case without "-ed" ("Nobody spoke to his stepfather").
_TOLD_PAST = re.compile(
    r"\b(?:spoke|saw|knew|went|came|felt|thought|heard|became|gave|kept|lost|fell|met|"
    r"began|grew|understood|sought)\b",
    re.IGNORECASE,
)


# A sentence that announces the list after it ("The main findings were these.", "The
# subgroup has agreed the following actions."): the list is the learning, not the announcement.
_LIST_ANNOUNCEMENT = re.compile(
    r"\b(?:the following(?! (?:day|week|month|year|morning|afternoon|evening|night|weekend|"
    r"school day|working day)s?\b)|as follows|(?:were|are) (?:these|as below)|set out below|"
    r"listed below|below sets? out|"  # "The sections below set out the main things found"
    # whom the recommendations below are for, and a table restating them ("Our recommendations
    # are addressed to government and to local partners.", "The table restates the ...")
    r"\brecommendations are (?:addressed|made) to\b|"
    r"^the (?:table|list) (?:below )?(?:restates|sets out|lists|gives)\b|"
    # "Those most relevant to local practice are summarised here."
    r"(?:are|is) (?:summari[sz]ed|set out|listed) here|(?:are|is) summari[sz]ed below|"
    # a young people's version's "We made these promises to you"
    r"(?:made|make|gave|give) (?:you )?(?:these|the following) (?:promises|commitments|pledges)|"
    r"(?:identified|made|sets? out|has) (?:two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|\d+) (?:key )?(?:findings|recommendations|lessons)\b|"
    # a report drawing several reviews together ("The reviews this year point to five areas
    # of learning", "Read together, the reviews show four themes that recur")
    r"(?:\b(?:points?|pointed) to|\b(?:shows?|showed|draws? out|drew out|raises?|raised)) "
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:key |main |common |clear )?"
    r"(?:areas? of learning|learning points|themes|messages|lessons|findings))\b",
    re.IGNORECASE,
)


# Prose about the review's own process and governance, which frames a section rather than
# stating learning: "This section sets out what the reviewer found", "The Board will consider
# these findings at its September meeting", "progress will be reported to the executive".
_PROCESS = re.compile(
    r"\bthis (?:section|report|chapter|briefing|part)\s+(?:sets out|describes|summarises|"
    r"explains|presents)|\b(?:accepted|agreed|considered) (?:all )?(?:of )?(?:the|its|these) "
    r"(?:review's )?(?:recommendations|findings|changes)|"
    # "The partners have accepted all nine recommendations."
    r"\b(?:accepted|agreed) all (?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve) (?:of (?:the|its) )?recommendations|\bwill (?:consider|monitor|oversee|receive|"
    r"review) (?:these|the|this|its) (?:findings|recommendations|action plan|learning|report)|"
    r"\bprogress (?:will be|is) (?:reported|monitored|reviewed)|"
    # "An action plan has been agreed and will be monitored by its subgroup", "The overview
    # report ... has been evaluated by Ofsted"
    r"\b(?:action plan|plan|report)\b[^.]{0,80}?\b(?:will be|is being|are being|is) (?:monitored|"
    r"overseen|tracked) by\b|\b(?:report|review)\b[^.]{0,120}?\bhas been evaluated by\b|"
    # how an analysis is laid out ("The analysis is set out under five themes", "7.1 The
    # analysis follows the terms of reference", "This section considers the questions ...")
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:the|this) (?:analysis|section|chapter|part|findings|learning)"
    r"\b[^.]{0,30}?"
    r"\b(?:is set out|is organi[sz]ed|is arranged|is structured|is grouped|follows|considers|"
    r"are set out|are organi[sz]ed|are arranged|are grouped)"
    r"\s(?:under|around|by|in|the)\b|"
    # what comes with each finding ("Each is followed by a short discussion", "Each finding
    # is presented with the evidence for it", "Each theme ends with its learning point")
    r"(?:^|\.\s)each (?:(?:finding|theme|lesson|learning point|section|one) )?(?:is |then )?"
    r"(?:followed by|presented with|set out with|accompanied by|ends with|closes with)\b",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(r"\b(?:should|must|ought to)\b", re.IGNORECASE)
# What else a review saw, reported after its recommendations: "The review also noted ...".
_ALSO_NOTED = re.compile(
    r"^(?:the|this) (?:\w+ )?(?:review|reviewer|report|panel) (?:also )?(?:noted|found|"
    r"highlighted|recognised|recognized|praised|saw|identified)\b",
    re.IGNORECASE,
)
_NEEDS = re.compile(r"\b(?:needs?|have|has) to\b", re.IGNORECASE)


# "Why it matters": a briefing's bullets there are key learning, its prose is the rationale.
_RATIONALE = re.compile(
    r"\bwhy (?:it|this|the issue|this issue) matters\b|\bwhy does (?:it|this) matter\b|"
    r"\bwhy (?:is )?(?:it|this) (?:is )?important\b",
    re.IGNORECASE,
)


def _frames_section(text: str, path: tuple[str, ...]) -> bool:
    """Whether a paragraph (not a bullet) frames its section rather than stating learning: it
    speaks about the review's process or governance (who will consider the findings, how
    progress is reported), or it is the prose rationale under "Why it matters"."""
    if _RECOMMENDS.search(text):
        return False  # "... should report its progress to the board" is a recommendation
    if _case_example(text):
        return False  # "Why this matters": "In the review of Baby A, ..." tells what was found
    return bool(_PROCESS.search(text)) or bool(path and _RATIONALE.search(path[-1]))


# A guide's example from one of the reviews it draws on ("In the review of Twins D and E,
# ...", "In the rapid review of Child L, ...", "In Kieran's review, ..."): what that review
# found in its case.
_FROM_A_REVIEW = re.compile(
    r"^in (?:the (?:\w+ ){0,3}review of [^,.]{2,40}|[A-Z][\w'\u2019-]*(?:'s|\u2019s) "
    r"(?:\w+ )?review),\s",
    re.IGNORECASE,
)


def _case_example(text: str) -> bool:
    """Whether a paragraph tells what one of the reviews a guide draws on found in its case."""
    return bool(_FROM_A_REVIEW.match(text)) and reads_as_finding(text)


# What a finding stated in prose says: that something was missing, not done or done
# despite something else ("but no professional asked", "was not shared", "without
# recognising", "went unnoticed").
_JUDGEMENT = re.compile(
    r"\b(?:not|no|nobody|none|never|without|rarely|seldom|few|little|neither|nor|but|"
    r"although|though|despite|yet|instead|rather than|missed|lacked|lacking|failed|unnoticed|"
    r"unseen|"
    r"unrecognised|unchallenged|unaddressed|unassessed|harder|unable|"
    # what practice did to the child's protection ("weakened the response", "left them
    # unsupervised"), and a judgement by comparison ("seen as less vulnerable than they were")
    r"weakened|undermined|overlooked|delayed|unsupervised|unprotected|"
    # a practice-week or audit note's measure of a shortfall ("Chronologies are out of date
    # in too many cases", "Plans are reviewed too late")
    r"too (?:many|few|often|late|long|slow(?:ly)?|much)|out of date|"
    r"(?:less|more) (?!than\b)\w+ than)\b|n't\b",
    re.IGNORECASE,
)
# How the narrative around findings opens: the time it tells of ("In November 2022",
# "Between 2021 and 2024"), who told the reviewer what, or the reviewer's own reflections.
_NARRATIVE_OPENING = re.compile(
    r"^(?:(?:in|between|during|by|from|on|after|before)\s+(?:\w+\s+){0,2}\d{4}\b|"
    r"[\w'\u2019 ]{2,60}?\b(?:told|said to|explained to|reported to) (?:the )?(?:lead )?"
    r"(?:reviewers?|review|panel|event|author|us)\b|"
    r"[\w'\u2019 ]{2,60}?\bdescribed (?:this|it|that|the \w+) as\b|"
    r"the (?:reviewer|review team|lead reviewer|author)s?\s+(?:does|do|did)?\s*(?:not\s+)?"
    r"(?:think|believe|consider|feel)s?\b|(?:these|this|they) (?:are|were|was|is) "
    r"(?:examples?|an example|a story|the story))",
    re.IGNORECASE,
)


def reads_as_finding(text: str) -> bool:
    """Whether a paragraph of an analysis section states a finding: it says that something
    was missing, not done or done despite something else, and does not open as narrative
    (a date, what someone told the reviewer, the reviewer's own reflections)."""
    return bool(_JUDGEMENT.search(text)) and not _NARRATIVE_OPENING.match(text)


def _frames_learning(text: str, path: tuple[str, ...], *, bullet: bool) -> bool:
    """Whether an unlabelled block frames the learning rather than stating it: it announces
    the list after it, quotes practitioners, or (as prose) speaks about the review's process."""
    if _TOLD_OF_CHILD.match(text):
        return False  # a relative telling what the child said or did: the child's voice
    if _introduces_list(text) or _in_others_voice(path):
        return True
    if _PROGRESS.match(text) or _OTHER_TOLD.match(text) or _fields_only(text):
        return True  # a progress report, a parent or practitioner quoted, "Lead: Police."
    if not bullet and _announces_good_practice(text):
        return True  # "The review also saw good practice. ...": the strengths announced
    if not bullet and _REVIEW_HELD.match(text):
        return True  # "Last year the partnership carried out a review about ...": whose review
    if _DISTRIBUTION.search(text):
        return True  # "Please cascade this alert to your team": passing it on, not learning
    if not bullet and (_BYLINE.match(text) or _DATE_ONLY.match(text)):
        return True  # "Ravensholt Safeguarding Children Partnership, May 2025"
    if not bullet and (_FORM_PROMPT.match(text) or _AROUND_THE_LEARNING.search(text)):
        return True  # "Please record what the team understood the main learning to be."
    if not bullet and _CONTACT_DETAILS.match(text):
        return True  # "Wyckham Safeguarding Children Partnership, Town Hall, High Street."
    if _SPEAKER_TURN.match(text) or _ORGANISATION_ONLY.match(text) or _field_bar(text):
        return True  # "Dee 00:07:30" in a transcript; "Wyckham Safeguarding Children Partnership"
    return not bullet and _frames_section(text, path)


# A report announcing the good practice it saw ("The review also noted examples of good
# practice.", "8.1 The review saw practice that the partnership wants to recognise"): the
# strengths follow, one to a paragraph; the announcement and any summary run on after it are
# not one of them.
_GOOD_PRACTICE_SEEN = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:the|this) (?:\w+ )?(?:review|reviewer|panel|audit)s? (?:also )?"
    r"(?:saw|noted|found|identified|recognised|recognized|observed|heard about|showed|"
    r"shows?|highlighted) "
    r"(?:some |many |several |much )?(?:(?:examples?|instances?) of )?"
    r"(?:good |positive |effective |strong |notable )?(?:individual )?practice\b",
    re.IGNORECASE,
)


# What follows the announcement when it tells the good practice itself: after a colon ("...
# noted good practice: the health visitor's records were clear"), or the place and what was
# done there ("... found good practice in the control room, where a call handler ...").
_GOOD_PRACTICE_TOLD = re.compile(
    r"\s*:\s*\S|\s+(?:in|at|within|from|by|among) [^.;:]{3,80}?,\s+(?:where|when)\b",
    re.IGNORECASE,
)


# Who held the review a briefing passes on, and when ("In November 2025 the Calderbrook
# Safeguarding Children Partnership held a rapid review after ...", "Over the last year the
# partnership has published three local reviews in which schools were involved"): where the
# learning comes from, not learning. A review or audit commissioned or completed since may be
# a step taken (_ACTION_TAKEN), so only holding, carrying out and publishing count.
_REVIEW_HELD = re.compile(
    r"^(?:(?:in|during|over|earlier|last|this|since)\b[^,.]{0,40}?,?\s+)?(?:the|our) "
    r"(?:[\w'\u2019-]+ ){0,5}?(?:partnership|board|panel|council)s? (?:has |have |had )?"
    r"(?:held|carried out|undertook|undertaken|conducted|published) (?:a|an|its|the|\w+) "
    r"(?:[\w-]+ ){0,5}?(?:reviews?|audits?)\b",
    re.IGNORECASE,
)


def _announces_good_practice(text: str) -> bool:
    """Whether a paragraph only announces the good practice a review saw, told after it
    (see _GOOD_PRACTICE_SEEN), rather than telling it in the same sentence."""
    seen = _GOOD_PRACTICE_SEEN.match(text)
    return seen is not None and not _GOOD_PRACTICE_TOLD.match(text[seen.end() :])


def _field_bar(text: str) -> bool:
    """Whether a line is a masthead's fields set apart by bars ("Brightpath Family Support |
    Volunteer hub | Updated January 2026"): three or more short fields, none a sentence."""
    fields = [part.strip() for part in text.split(" | ")]
    return len(fields) >= 3 and all(
        0 < len(part.split()) <= 10 and not part.endswith((".", "!", "?")) for part in fields
    )


def _fields_only(text: str) -> bool:
    """Whether a paragraph is only an action plan's fields ("Lead: Yarrowby Police.
    Timescale: March 2025."): who and when, not learning."""
    sentences = [s for s in re.split(r"(?<=[.;])\s+", text.strip()) if s]
    return bool(sentences) and all(_FIELD_LINE.match(s) for s in sentences)


def _introduces_list(text: str) -> bool:
    """Whether a short paragraph announces the list that follows it rather than stating
    learning of its own (at most two sentences)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    return len(sentences) <= 2 and any(_LIST_ANNOUNCEMENT.search(s) for s in sentences)


def _voice_topic_of_findings(text: str, path: tuple[str, ...]) -> bool:
    """Whether unquoted prose under a topic heading on the child's voice or experience ("3.1
    The child's lived experience") inside a findings section ("3. Findings") states a finding:
    it judges how practice heard the child, as the section's other topics judge practice."""
    if len(path) < 2 or _QUOTE_MARKS.search(text) or not reads_as_finding(text):
        return False
    return section_kind(path[:-1]) == "finding"


def _in_others_voice(path: tuple[str, ...]) -> bool:
    """Whether a block sits under a heading over practitioners' or managers' own words, which
    are context for the learning, not the child's voice."""
    return bool(path) and bool(_OTHERS_VOICE.search(path[-1]))


def _named_kind(text: str) -> str | None:
    """The kind a short list introduction names ("Questions for the Board:" -> reflective
    questions, "Learning points:" -> key learning), or None."""
    body = text.rstrip(":").strip()
    if len(body.split()) > 6:
        return None
    return next((kind for kind, pattern in _SECTION_KINDS if pattern.search(body)), None)


def _intro_kind(text: str) -> str | None:
    """The kind of the bullets an introduction opens, where no heading names one: "The
    partnership should:" recommends, "The partnership will:" commits, and "Two of its
    messages are especially relevant here:" lists key messages."""
    if _RECOMMENDING_INTRO.search(text):
        return "recommendation"
    if _COMMITTING_INTRO.search(text):
        return "next_step"
    if _RECOMMENDATIONS_INTRO.search(text) and not _PROGRESS_WORDS.search(text):
        return "recommendation"  # "The partnership accepted all five recommendations:"
    if _STEPS_TAKEN_INTRO.search(text):
        return "next_step"  # "Since the review, the partnership has:"
    if _MESSAGES_INTRO.search(text):
        return "key_learning"
    if _DEVELOPMENT.search(text) or (_FOUND_INTRO.search(text) and not _STRENGTHS.search(text)):
        return "finding"  # "The audit found:", "... identified these areas for improvement:"
    return None


# An introduction to what has been done since ("Since the review, we have:", "In response,
# the partnership has:").
_STEPS_TAKEN_INTRO = re.compile(
    r"^(?:since|following|in response|as a result|after)\b[^:]{0,80}\b(?:has|have)"
    r"(?: (?:now|since|already|also))?\s*:\s*$",
    re.IGNORECASE,
)
# An introduction to what a review or audit found ("The review found that:", "Auditors
# found:", "The audit identified:").
_FOUND_INTRO = re.compile(
    r"\b(?:found|identified|concluded|noted|observed|saw|showed|highlighted)(?: that)?\s*:\s*$",
    re.IGNORECASE,
)


# The last sentence of an introduction naming its list as the review's recommendations ("The
# partnership accepted all five of the reviewer's recommendations:") ...
_RECOMMENDATIONS_INTRO = re.compile(
    r"(?:^|[.!?]\s)[^.!?]*\brecommendations\b[^.!?]*:\s*$", re.IGNORECASE
)
# ... unless it reports on them ("Progress against the recommendations:").
_PROGRESS_WORDS = re.compile(r"\b(?:progress|update|status|implemented|completed)\b", re.I)


# The last sentence of an introduction naming its list as messages or lessons ("Two of its
# key messages are especially relevant:", "The lessons it draws are:").
_MESSAGES_INTRO = re.compile(
    r"(?:^|[.!?]\s)[^.!?]*\b(?:messages|lessons|learning points|key points|(?:key|main|"
    r"following|the) learning)\b[^.!?]*:\s*$|\bremember\s*:\s*$",
    re.IGNORECASE,
)


def _intro_addressee(text: str) -> str | None:
    body = text.rstrip(":").strip()
    if match := _INTRO_FOR.search(body):
        return match.group(1).strip()
    if match := _SUBJECT.match(body + " should"):
        who = match.group("who").strip(" ,")
        return who if len(who.split()) <= 8 else None
    return None


_QUOTE_MARKS = re.compile('["\u201c\u201d\u2018]')


# A point of practice put to the reader in the imperative, perhaps after a condition ("Ask
# who looks after the baby", "Do not accept ...", "If you are still worried, escalate."), or
# a rule for every practitioner ("A bruise on a baby ... must always be taken seriously").
_IMPERATIVE = re.compile(
    r"^(?:(?:so|and|then),? )?(?:(?:if|when|where|whenever|before|after|once|until) "
    r"[^.]{0,120}?,\s*)?"
    r"(?:(?:do not|don't|never|always|please)\s+)?(?:ask|look|check|record|follow|be|make|think|"
    r"listen|talk|speak|share|refer|escalate|remember|keep|take|use|seek|tell|explain|invite|"
    r"offer|write|note|stay|call|see|involve|find out|start|notice|trust|challenge|act|let|"
    r"assume|accept|wait|rely|arrange|agree|avoid|get|give|go|visit|read|treat|contact|"
    r"discuss|consider|request|recognise|recognize|review|say|raise)\b(?![.,:;]?$)",
    re.IGNORECASE,
)
_RULE_FOR_ALL = re.compile(r"\b(?:must always|must never|are not for you|is not for you)\b", re.I)


def _advises(text: str) -> bool:
    """Whether a bullet under a heading naming no kind puts a point of practice to the
    reader (a poster's "Think. Check. Refer." panels): key learning, though no heading says
    so. It is a sentence: a question is read as one (see :func:`_unlabelled_kind`)."""
    if not text.rstrip().endswith((".", "!")) or len(text.split()) < 5:
        return False  # a question, or a line of a panel's title ("Take it to your team")
    return bool(_IMPERATIVE.match(text) or _RULE_FOR_ALL.search(text))


# An answer in a transcript: a sentence of its own, not the host's thanks.
_ANSWER = re.compile(r"^(?!thank you|thanks\b)[^()]*[.!]$", re.IGNORECASE)


def _narrated_kind(text: str) -> str | None:
    """The kind of a line a film's narrator speaks (see
    :data:`~fullpicture.learning.documents.NARRATION`): advice to the viewer is key learning,
    what the reviews found in the cases a finding, and the story's own telling ("Ava is eight
    weeks old.") no item."""
    if _advises(text):
        return "key_learning"
    return "finding" if _tells_of_case(text) and reads_as_finding(text) else None


# A name in quotation marks opening a row or line ('"Amira" | Local review | Girl, 8'): how a
# report names a review's child, not the child's words.
_QUOTED_NAME = re.compile(
    "^[\"\u201c\u2018'](?P<name>[A-Z][^\"\u201d\u2019'.!?,]{0,40})[\"\u201d\u2019']\\s+\\S"
)


def _quoted_name(text: str) -> bool:
    """Whether a block opens with a name of at most three words in quotation marks."""
    match = _QUOTED_NAME.match(text)
    return match is not None and len(match.group("name").split()) <= 3


def _title_names(blocks: list[PlacedBlock]) -> frozenset[str]:
    """The capitalised words of a review's title (its first heading): the name its child is
    known by ("Ruby" in 'Local Learning Review "Ruby"', "K" in "Rapid Review: Child K")."""
    title = next((placed.block.text for placed in blocks if placed.block.heading), "")
    return frozenset(re.findall(r"\b[A-Z][\w'\u2019-]*", title))


# The child quoted by a pronoun, alone or after who asked ('She said: "..."', 'When a youth
# worker asked M about the gifts, she said: "..."'): see _Extractor._pronoun_quotes_child.
_PRONOUN_SAID = re.compile(
    r"^(?:(?P<asked>(?i:when|after|once) [^.:\"\u201c]{3,120}?\basked [^.:\"\u201c]{1,120}?),\s+)?"
    r"(?:[Ss]he|[Hh]e) (?:later |once |also )?(?:said|replied|answered|told (?:\w+ ){1,3}?\w+)"
    r"\s*[:,]\s*[\"\u201c]"
)
# A section telling a named child's story ("Ellie's story", "Child M's story in brief",
# "About Kai").
_CHILDS_STORY = re.compile(
    r"(?:^|\s)(?P<name>[A-Z][\w-]*)(?:'s|\u2019s) (?:own )?story\b|^[Aa]bout (?P<about>[A-Z]\w*)$"
)
# Capitalised words of a title that are not a child's name.
_NOT_NAMES = frozenset({"Child", "Baby", "Review", "Rapid", "Summary", "The", "Local", "A"})
# A heading that is only a child's name, perhaps after "Child" and a number ("Kai", "3.2
# Child M"), as a thematic review heads each child's case.
_NAME_HEADING = re.compile(r"^(?:[\d.]+\s+)?(?:(?:Child|Baby) )?(?P<name>[A-Z][\w'\u2019-]*)$")
# One-word headings that name a relative or a part of the report, not a child.
_NOT_A_CHILDS_HEADING = re.compile(
    r"^(?:mother|father|mum|dad|parents?|carers?|grandmother|grandfather|family|siblings?|"
    r"introduction|background|summary|conclusions?|findings?|recommendations?|glossary|"
    r"methodology|appendix|contents|learning|analysis|scope|chronology|references)$",
    re.IGNORECASE,
)


def _heading_child(path: tuple[str, ...]) -> frozenset[str]:
    """The child the heading over a paragraph names alone ("Kai" over one child's case in a
    thematic review): that child quoted by name there is the child speaking."""
    found = _NAME_HEADING.match(path[-1].strip()) if path else None
    if found is None or _NOT_A_CHILDS_HEADING.match(found.group("name")):
        return frozenset()
    return frozenset({found.group("name")}) - _NOT_NAMES


# A person named by one word, quoted: 'Ruby said: "..."', 'K said later: "..."'.
_NAMED_SAID = re.compile(
    r"^(?P<name>[A-Z][\w'\u2019-]*) (?:later |once |also )?(?:said(?: of (?:[\w'\u2019-]+ ){0,3}?"
    r"[\w'\u2019-]+)?|wrote|explained|"
    # the named child describing or asking in their own words ('Ana described the day she
    # moved: "..."', 'Ana asked us to write: "..."')
    r"(?:described|asked|added|remembered|recalled) (?:[\w'\u2019,-]+ ){0,10}?[\w'\u2019-]+|"
    # the named child quoted telling anyone ('Kai told his youth worker: "..."')
    r"told (?:his|her|their|a|an|the) (?:[\w'\u2019-]+ ){0,4}?[\w'\u2019-]+)"
    r"(?: later)?\s*[:,]\s*[\"\u201c]"
)


# A named child reporting to the review in their own person, not quoted (see
# _Extractor._reports_child): told the reviewer, said that, drew for the reviewer.
# "Child P" and "Baby R" are named by their letter. A child telling anyone else ("told her
# teacher that ...") is the child's voice only with the child's words quoted (see
# the lookahead): told unquoted in a chronology it is the story of the case.
_CHILD_REPORTED = re.compile(
    r"^(?:(?:Child|Baby) )?(?P<name>[A-Z][\w'\u2019-]*) (?:later |also )?(?:said that|"
    # what the child said, reported with their words quoted in the same sentence ('Leo said
    # the worker he trusted was the one who "just listened"')
    r"said\b(?=[^.]*[\"\u201c])|"
    r"told (?:the (?:lead )?(?:reviewers?|review|panel|author)|us|me) (?:that|about|how)|"
    r"described (?:to (?:the (?:lead )?reviewers?|us|me) )?(?:how|what|feeling|being)|"
    r"drew (?:\w+ ){1,5}?for (?:the (?:lead )?reviewers?|the review|us|me)|"
    r"(?:told (?:his|her|their|the|a) [\w'\u2019 -]{2,60}? that\b(?=.*[\"\u201c])))\b"
)
_OWN_WORDS = re.compile(r"^([A-Z]\w*)(?:'s|\u2019s) (?:own )?words$")
# A heading over the family's part in a full report ("4. The family's contribution", "3. What
# the family told the review", "6. Involvement of family and friends", "Family views"): a
# relative tells there what the child did and said, besides their own views.
_FAMILY_PART = re.compile(
    r"\b(?:family|families|parents?|carers?|relatives?|grandparents?|"
    + _FEMALE_RELATIVE
    + "|"
    + _MALE_RELATIVE
    + r")(?:'s|\u2019s|s'|s\u2019)?\s+"
    r"(?:involvement|contribution|participation|views?|voices?|perspectives?|accounts?|"
    r"told|said)\b|"
    r"\b(?:involvement|contribution|participation|views?|perspectives?) of (?:the )?"
    r"(?:child's |children's )?(?:family|families|parents?|carers?|relatives?)\b",
    re.IGNORECASE,
)
# A relative telling the review of the child without quoting ("Milo's grandmother said that
# when he stayed ...", "The children's uncle described how thin the children were"): who tells
# (the relative, whose sex says which pronoun is theirs) and what they told.
_RELATIVE_TELLS = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:Child |Baby )?[A-Z][\w-]*['\u2019]s|[Hh]is|[Hh]er|"
    r"[Tt]heir|[Tt]he(?: (?:children|child|boy|girl|baby)['\u2019]s?)?) "
    r"(?:(?P<female>" + _FEMALE_RELATIVE + r")|(?P<male>" + _MALE_RELATIVE + r")|"
    r"(?:grandparents?|parents?|(?:foster )?carers?))"
    r" (?:also )?(?:said|told (?:the (?:lead )?(?:reviewers?|review|panel)|us)|described|"
    r"explained|remembered|recalled)\b(?P<told>[^.;]*)"
)


def _of_the_child(told: re.Match[str], names: frozenset[str]) -> bool:
    """Whether what a relative (or a speaker going on by a pronoun) told is of the child: the
    first person the telling names is the child, by name, as "the children" or by the pronoun
    of the other sex than the speaker's, not the speaker ("he had stopped visiting")."""
    own = "she" if told.group("female") else "he" if told.group("male") else None
    words: list[str] = re.findall(r"[\w'\u2019-]+", told.group("told"))[:25]
    for index, word in enumerate(words):
        if word.lower() in ("he", "she"):
            return word.lower() != own
        if word in names or _THE_CHILD.match(
            " ".join(words[max(index - 1, 0) : index + 1]).lower()
        ):
            return True
        if word.lower() in ("i", "we", "they"):
            return False
    return False


# The speaker of the paragraph before going on by a pronoun ("She told the reviewer that he
# would not go upstairs", "He said that he fell asleep in lessons").
_PRONOUN_TELLS = re.compile(
    r"^(?:(?P<female>[Ss]he)|(?P<male>[Hh]e)) (?:also |later )?(?:said|told (?:the (?:lead )?"
    r"(?:reviewers?|review|panel)|us)|described|explained|remembered|recalled|added)\b"
    r"(?P<told>[^.;]*)"
)
# How a telling names the child it tells of: "the children", "the baby", "the boy".
_THE_CHILD = re.compile(r"^the (?:child|children|baby|boy|girl|boys|girls|twins)$")
# Capitalised words of a title that name no child.
_NOT_A_CHILD = frozenset({"Child", "Baby", "Review", "Report", "The", "Local", "SILP", "A"})


def _shown_by_child(text: str, path: tuple[str, ...]) -> bool:
    """Whether prose under a heading of what a child's life or behaviour showed ("Ellis's
    daily life", "What Ayaan's communication told us") tells it: there the child's voice is
    their behaviour, told by whoever saw it (a parent, a teacher), not only their words."""
    return bool(path) and bool(_SHOWN_HEADING.search(path[-1])) and len(text.split()) >= 8


# Headings over what a child showed rather than said (see _shown_by_child).
_SHOWN_HEADING = re.compile(
    r"(?:'s|\u2019s) (?:daily|everyday|day-to-day) life\s*$|"
    r"\b(?:communication|behaviou?r|body language|drawings?|play) (?:told|tells|showed|shows) us|"
    r"\ba day in the life\b|\bwhat it was like for\b|"
    r"^what (?!you\b|we\b|this\b|it\b|the\b|these\b|our\b)\w+ (?:showed|shows) us\b|"
    + _CHILDS_EXPERIENCE,
    re.IGNORECASE,
)


def _unlabelled_kind(text: str, section: str | None, *, bullet: bool) -> str | None:
    quoted = text.startswith(_QUOTE_START) and not _quoted_name(text)
    if quoted and len(text.split()) <= 80:
        if section not in ("recommendation", "next_step", "reflective_question"):
            return "child_voice"
    if section is None:
        posed = bullet or _POSED.search(text)
        return "reflective_question" if posed and text.endswith("?") else None
    if section == "child_voice" and not bullet and not _QUOTE_MARKS.search(text):
        return None  # prose about the child's words ("L's school knew her well"), not them
    return section


@dataclass(frozen=True)
class ReviewContext:
    """What an item's themes may draw on beyond its own words: what the review says about the
    child it is about."""

    baby: bool = False  # the review is about a baby (or an unborn child)
    looked_after: bool = False  # the child was looked after
    child: str | None = None  # how the review names its child ("J" for "Child J")
    children: frozenset[str] = frozenset()  # every child the pseudonym names ("T", "U")
    title: str = ""  # the review's title
    title_themes: frozenset[str] = frozenset()  # the themes the review's title names
    background_themes: frozenset[str] = frozenset()  # ... and its background text
    setting: frozenset[str] = frozenset()  # the services the title writes for or from

    def themes_for(self, item: ExtractedItem) -> set[str]:
        """The review-level themes that apply to ``item``.

        Learning about the baby in a baby's review is learning about babies, though the item
        may not say "baby" (see :meth:`_about_the_baby`); a looked-after child's own
        words are about their care. The child's being an adolescent is not spread to items:
        tried, it gave many false alarms (most learning from a teenager's review is about
        practice, not adolescence), and the same held for items that merely name the child.
        """
        found = set(self.setting)
        if self.baby and self._about_the_baby(item) and not _OTHER_CHILD & heading_themes(item):
            found.add("babies")
        if self.looked_after and item.kind == "child_voice":
            found.add("looked_after")
        return found

    def _about_the_baby(self, item: ExtractedItem) -> bool:
        """Whether an item of a baby's review concerns the baby: names the child or the baby's
        body and care (injury, sleep, feeding, crying, birth). Annotators give a baby's review's
        `babies` to those items, not to its items about services, records and training
        (measured over the corpus: 80 of 113 items given `babies` by their review or headings
        lacked it in the gold when every item was lent it; 16 of 41 with this test)."""
        if self.child and re.search(rf"(?<![\w-]){re.escape(self.child)}(?![\w-])", item.text):
            return True
        return bool(_BABY_CARE.search(item.text))


def extract_items(
    blocks: list[PlacedBlock],
    context: ReviewContext | None = None,
    options: ThemeOptions = DEFAULT_OPTIONS,
) -> list[ExtractedItem]:
    """The learning items of one review, in document order, each with its themes.

    An item's themes are those its own words give (:func:`lexical_themes`), with the topic
    themes (harm, family, the child's group) of the section headings it sits under and the
    review-level themes of ``context`` (:meth:`ReviewContext.themes_for`); the child's own
    words are always ``voice_of_child``. The review's dominant topic themes are then lent to
    the items that concern the child or the family
    (:mod:`fullpicture.learning.review_themes`). A recommendation is themed on its own words,
    not its finding's (tried: taking the finding's topic themes added false alarms on the
    development split).

    Args:
        blocks: the review's placed blocks (see :func:`fullpicture.learning.sections.place_blocks`).
        context: what the review says about its child (see :func:`review_context`).
        options: the lending rule and the service subject window (see
            :mod:`fullpicture.learning.theme_options`).
    """
    extractor = _Extractor(strengths_kind(blocks), analysis_sections(blocks), reported_at(blocks))
    extractor.named = _title_names(blocks)
    if context is not None and context.child:
        extractor.named |= {context.child}  # "K" in "Child K", though the title names the board
    if context is not None:
        extractor.named |= context.children  # "T" and "U" in "Children T and U"
    extractor.own_findings = _with_own_learning(blocks, only="finding") | _findings_beside(blocks)
    extractor.articles = _articles_in_parts(blocks)
    extractor.labelled = _labelled_sections(blocks, extractor.strengths)
    for placed in blocks:
        extractor.feed(placed)
    context = context or ReviewContext()
    own = [
        lexical_themes(item.text, child=context.child, subject_window=options.subject_window)
        | heading_themes(item, context.title or None)
        | context.themes_for(item)
        for item in extractor.items
    ]
    texts = [item.text for item in extractor.items]
    own = resolve_bare_abuse(
        resolve_exploitation(own, texts, context.title, context.title_themes), texts
    )
    lending = options.lending
    lent = dominant_themes(own, context.title_themes, context.background_themes, lending)
    for item, found in zip(extractor.items, own, strict=True):
        given = lend(found, item.text, item.kind, context.child, lent, lending) - found
        found |= given
        if item.kind == "child_voice":
            found.add("voice_of_child")
        item.themes = sorted(found, key=_theme_order)
        item.basis = ThemeBasis(frozenset(found - given), frozenset(given), frozenset(lent))
    return extractor.items


def apply_theme_model(items: list[ExtractedItem], model: ThemeModel, *, dense: bool = True) -> None:
    """Give each item the themes the learned model adds to or drops from its rules' themes
    (:mod:`fullpicture.learning.theme_model`), in place; an item without the rules' basis
    (not from :func:`extract_items`) is left as it is.

    With the model's dense part and ``dense`` true, each item's sentence embedding is computed
    once (or reused from ``item.embedding``) and kept on the item; with ``dense`` false (an
    import without embeddings, ``--no-embed``), or where none can be computed
    (:func:`fullpicture.learning.embedding.embed_if_available`), the sparse model alone
    applies."""
    based = [item for item in items if item.basis is not None]
    if not based:
        return
    rows = [
        item_features(item.text, item.heading_path, item.kind, item.basis or ThemeBasis())
        for item in based
    ]
    vectors = item_embeddings(based) if dense and model.dense is not None else None
    averaged = vectors is not None
    for item, probabilities in zip(based, model.probabilities(rows, vectors), strict=True):
        found = model.combine(item.themes, probabilities, item.kind, averaged=averaged)
        item.themes = sorted(found, key=_theme_order)


def item_embeddings(items: list[ExtractedItem]) -> np.ndarray | None:
    """The items' sentence embeddings (rows in order), computed for those without one and
    kept on them; None where they cannot be computed."""
    from fullpicture.learning.embedding import embed_if_available

    missing = [item for item in items if item.embedding is None]
    if missing:
        vectors = embed_if_available([item.text for item in missing])
        if vectors is None:
            return None
        for item, vector in zip(missing, vectors, strict=True):
            item.embedding = vector
    return np.stack([item.embedding for item in items if item.embedding is not None])


# A paragraph stating the review's own finding in so many words: "5.3 The review finds that
# ...", "The panel also concluded that ...".
_REVIEW_FINDS = re.compile(
    r"^(?:\d+(?:\.\d+)*\s+)?the (?:\w+ )?(?:review|reviewer|panel|audit)s? (?:also )?"
    r"(?:finds|found|concludes|concluded) that\b",
    re.IGNORECASE,
)


def reported_at(blocks: list[PlacedBlock]) -> dict[tuple[str, ...], int]:
    """Where each section first states a finding in so many words ("The review finds that
    ...") or under its label ("Finding 1: ..."): a section that does so tells its evidence
    first, so the paragraphs before are the narrative around its findings, judged or not."""
    found: dict[tuple[str, ...], int] = {}
    for placed in blocks:
        block = placed.block
        text = block.text.strip()
        if block.heading or block.bullet:
            continue
        # "Finding 1: ..." after a topic's numbered paragraphs states the topic's finding, and
        # so does the list a line "What we found:" opens
        if _REVIEW_FINDS.match(text) or _FINDING_LABEL.match(text) or _opens_findings(text):
            found.setdefault(placed.path, placed.paragraph)
    return found


def _opens_findings(text: str) -> bool:
    """Whether a line introduces a list of findings ("What we found:", "Findings:")."""
    return text.endswith(":") and _named_kind(text) == "finding"


# A paragraph stating a finding under its label and number or letter ("Finding 2: Signs of
# neglect ...", "Finding B: The school ...").
_FINDING_LABEL = re.compile(r"^(?:key )?finding\s+(?:\d{1,2}[a-z]?|[A-Z])\s*[:.\u2013-]\s*\S", re.I)


def heading_themes(item: ExtractedItem, title: str | None = None) -> set[str]:
    """The topic themes the section headings above an item name; a section headed "Neglect"
    is about neglect. The review's title is read as context about the child instead, and a
    finding's own heading ("Finding 2: ...") belongs to the finding, not to what follows it.

    Args:
        item: the item.
        title: the review's title when known: the path's first heading is skipped as the
            title only when it is the title (a document whose first section stands above its
            title's line, "WHAT THE REVIEW FOUND ABOUT SCHOOLS", keeps that heading); None
            always skips it.
    """
    found: set[str] = set()
    path = item.heading_path.split(PATH_SEPARATOR)
    first = 1 if title is None or path[0].strip().lower() == title.strip().lower() else 0
    for heading in path[first:]:
        if label_of(heading)[0] is None:
            found |= topic_themes(lexical_themes(heading))
    return found


# The review's services whose title names them frame all its items (see ReviewContext).
SETTING_THEMES = frozenset({"health", "education", "looked_after", "police"})
# Where a title names a service as the document's audience ("briefing for foster carers")
# or its source ("GP newsletter", "patient safety incident investigation"), not only as where
# the child was ("a pupil at ... school"): the words after "for", or the whole title of a
# service's own newsletter (the word before "newsletter") or a patient safety investigation.
_AUDIENCE = re.compile(r"\bfor\s+(?:all\s+)?(.+)$", re.IGNORECASE)
_NEWSLETTER = re.compile(r"\b(\w+)\s+(?:newsletter|bulletin)\b", re.IGNORECASE)
# A title that opens with the service it comes from, then the genre ("Public protection
# learning summary", "Health visiting learning report").
_SOURCE = re.compile(
    r"^\s*(.{3,40}?)\s+(?:learning|safeguarding)\s+(?:summary|report|update|digest)\b",
    re.IGNORECASE,
)
# Mental health services as an audience are health services ("for adult mental health
# services"), though "mental health" alone is a parent's or a child's mental health.
_HEALTH_AUDIENCE = re.compile(
    r"\bmental health (?:services?|practitioners?|staff|teams?|trusts?|clinicians?)\b",
    re.IGNORECASE,
)
_INVESTIGATION = re.compile(r"\b(?:patient safety|incident investigation)\b", re.IGNORECASE)


def title_setting(title: str) -> frozenset[str]:
    """The services a review's title names as the document's audience or source (see
    :data:`SETTING_THEMES`): "Learning briefing for foster carers" -> looked_after; "GP
    newsletter" -> health; "Review of a child not in school" -> none."""
    named: set[str] = set()
    for found in (_AUDIENCE.search(title), _NEWSLETTER.search(title), _SOURCE.search(title)):
        if found:
            named |= lexical_themes(found.group(1))
            if _HEALTH_AUDIENCE.search(found.group(1)):
                named.add("health")
    if _INVESTIGATION.search(title):
        named |= lexical_themes(title)
    return frozenset(named & SETTING_THEMES)


# A heading naming one of these is about a child who is not a baby.
_OTHER_CHILD = frozenset({"adolescents"})

# Words by which an item of a baby's review is about the baby: its body, its care, its birth,
# or the child in pronouns (not services, records or training in general).
_BABY_CARE = re.compile(
    r"\b(?:injur\w*|bruis\w*|sleep\w*|feed\w*|cry|crying|cries|cried|birth|pregnan\w*|"
    r"he|she|him|her|his)\b",
    re.IGNORECASE,
)
_BABY_TITLE = re.compile(r"\b(?:baby|infant|unborn)\b", re.IGNORECASE)


def _pseudonym_names(pseudonym: str) -> frozenset[str]:
    """The names a pseudonym gives its children: "T" and "U" in "Children T and U"."""
    words = set(re.findall(r"\b[A-Z][\w'\u2019-]*", pseudonym))
    return frozenset(words - {"Child", "Children", "Baby", "Babies", "Siblings", "Family"})


def review_context(
    title: str, intro: list[str], child_age: str | None, pseudonym: str | None = None
) -> ReviewContext:
    """What the review's title, introduction and the child's age say about its child.

    A baby by the title ("Rapid Review: Baby K") or an age in weeks or months; looked after
    when the title or a short introduction says so ("lived in a children's home", "in care";
    a long report's background does not, see :data:`_SHORT_BACKGROUND_WORDS`).

    Args:
        title: the review's title.
        intro: the review's text outside its learning sections (background, the child).
        child_age: the child's age as :func:`fullpicture.learning.metadata.find_age` reads it.
        pseudonym: the child's pseudonym ("Child J"); its last word names the child in items.
    """
    unit = (child_age or "").partition(" ")[2]
    baby = bool(_BABY_TITLE.search(title)) or unit.startswith(("week", "month"))
    background = lexical_themes(" ".join(intro))
    title_themes = lexical_themes(title)
    return ReviewContext(
        baby=baby,
        looked_after="looked_after" in title_themes | _short_background(background, intro),
        child=pseudonym.split()[-1] if pseudonym else None,
        children=_pseudonym_names(pseudonym or ""),
        title=title,
        title_themes=frozenset(title_themes),
        background_themes=frozenset(background),
        setting=title_setting(title),
    )


# A short introduction ("About J: J had lived in a children's home since she was twelve") says
# what the child's status was; a long report's background tells the whole family's story, where
# care is named for others (a sibling's placement, a parent who was in care, kinship care after
# the incident), so its care words do not make the child's own words about care (over the
# corpus's gold, 43 of 52 such lendings from backgrounds longer than this were wrong).
_SHORT_BACKGROUND_WORDS = 400


def _short_background(background: set[str], intro: list[str]) -> set[str]:
    """The background's themes when the introduction is short, else none."""
    words = sum(len(paragraph.split()) for paragraph in intro)
    return background if words <= _SHORT_BACKGROUND_WORDS else set()


def _theme_order(code: str) -> int:
    return theme_codes().index(code)
