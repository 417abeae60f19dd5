"""A web page's furniture: the site's own lines that a saved or copied page keeps around the
learning.

A page saved from a browser, copied into a text file or kept without its ``<nav>``,
``<header>`` and ``<footer>`` tags (many council and partnership sites build their menus from
plain ``<div>`` elements) carries lines that belong to the site, not to the review: "Skip to
main content", "Toggle contrast", "Quick exit", a breadcrumb ("You are here: Home |
Learning | Briefings"), "Share this page", "Was this page useful?", a cookie notice, "View
this email in your browser", a copyright line, a menu whose links ran together
("AboutTrainingContact"), a download link ("Neglect strategy (PDF, 210 Kb)") and the links
under "Related pages" or "Useful links". Read as the
document, they became its title ("Skip to main content"), headings and even learning items.
:func:`without_web_furniture` drops them from a document's blocks; :func:`web_furniture_lines`
gives them back for the review's metadata, since a site's banner or footer sometimes names
the partnership ("Copyright Wexley Safeguarding Children Partnership").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A line that is, whole, one of a site's controls or notices.
_CONTROL = re.compile(
    r"^(?:"
    r"skip (?:to )?(?:the )?(?:main )?(?:content|navigation|links?|menu)|skip links?|"
    r"jump to (?:the )?(?:main )?content|"
    r"(?:toggle|switch to|use) (?:high )?contrast|high contrast(?: mode)?|"
    r"quick exit|exit (?:this )?site(?: quickly)?|leave (?:this )?site(?: quickly)?|"
    r"hide (?:this )?page|"
    r"members'? (?:area|login|log in)|add to rss(?: feed)?|rss feed|"
    r"view (?:this|the) email in (?:your|a) browser|view (?:this email|it) online|"
    r"(?:share|print|email|bookmark) (?:this )?(?:page|article|post|story)|"
    r"share (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|email)|"
    r"back to (?:the )?top|return to (?:the )?top|top of (?:the )?page|"
    r"(?:was|is) this page (?:useful|helpful)\??(?: (?:yes|no)\b.*)?|"
    r"report a (?:problem|fault) (?:with|on) this page|"
    r"subscribe to (?:our|the) (?:newsletter|mailing list|updates)|"
    r"sign up (?:to|for) (?:our |the )?(?:newsletter|mailing list|e-?mail alerts|updates)|"
    r"(?:accept|reject|allow|manage|set) (?:all |optional |analytics )?cookies|"
    r"cookie (?:settings|preferences|policy)|"
    r"(?:website|site) (?:designed|built|powered) by .{0,40}|(?:designed|powered) by .{0,40}|"
    r"this is a new (?:site|website|service)\b.{0,120}feedback.*"
    r")[.!]?$",
    re.IGNORECASE,
)

# A cookie notice: a short paragraph about the site's cookies ("We use cookies to ...").
_COOKIES = re.compile(r"\bcookies?\b", re.IGNORECASE)

# A download link: a document's name with its file type and size ("Neglect strategy (PDF,
# 210 Kb)", "Action plan [Word document, 45KB]", "Briefing - PDF 1.2 MB").
_DOWNLOAD = re.compile(
    r"[(\[]?\s*(?:pdf|docx?|word(?: document)?|excel|xlsx?|pptx?|powerpoint|odt|rtf)"
    r"(?: file| document)?,?\s*[\d.,]+\s*[km]b\s*[)\]]?$",
    re.IGNORECASE,
)

# A breadcrumb: "You are here: Home | Learning | Briefings", "Home > Learning > Briefings".
_YOU_ARE_HERE = re.compile(r"^you are here\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^home\s*[>|/\u00bb\u203a]\s*\S", re.IGNORECASE)

# A copyright line: "(c) Wexley Council 2024", "Copyright 2025 Wexley SCP. All rights reserved".
# A list's "(c)" is no copyright sign: "(c)" counts only before a year.
_COPYRIGHT = re.compile(
    r"^(?:\u00a9|copyright\b|\(c\)\s*(?:19|20)\d\d\b)|all rights reserved\.?$", re.IGNORECASE
)

# Menu links whose text ran together when the page was copied: "AboutTrainingContact".
_RUN_TOGETHER = re.compile(r"[a-z][A-Z][a-z]")

# Headings over a list of links to other pages, not the page's own content.
_LINK_LIST = re.compile(
    r"^(?:related (?:pages?|content|links|articles|resources|information)|useful links|"
    r"quick links|more in this section|in this section|other pages in this section|"
    r"you (?:may|might) also (?:be interested in|like)|see also)\s*:?$",
    re.IGNORECASE,
)


def is_web_furniture(text: str, *, wrapped: bool = False) -> bool:
    """Whether a line, whole, belongs to a web site rather than to the page's document: a
    site control ("Skip to main content", "Quick exit"), a breadcrumb, a cookie notice, a
    download link with its file's type and size, a copyright line or a menu whose links ran
    together. A logo's alternative text ("Wexley Safeguarding Children Partnership logo") is
    kept: it names the partnership where the page's text may not.

    With ``wrapped``, the line may be one line of a paragraph wrapped over several (plain
    text): only what no sentence's line could be is furniture there, not one naming
    "McDonald" and "MacArthur"."""
    line = " ".join(text.split())
    if not line:
        return False
    words = len(line.split())
    if _CONTROL.match(line) or _YOU_ARE_HERE.match(line) or _BREADCRUMB.match(line):
        return True
    if words <= 60 and _COOKIES.search(line) and _cookie_notice(line):
        return True
    if words <= 25 and _DOWNLOAD.search(line):
        return True
    if words <= 20 and _COPYRIGHT.search(line):
        return True
    if wrapped:
        return False
    return words <= 15 and not line.endswith((".", "?", "!")) and _menu_run(line)


def _cookie_notice(line: str) -> bool:
    """A paragraph about the site's own cookies, not a sentence of learning that happens to
    use the word: it speaks of this site or of accepting them."""
    lowered = line.lower()
    return any(
        phrase in lowered
        for phrase in ("we use", "this site", "this website", "accept", "cookie settings")
    )


def _menu_run(line: str) -> bool:
    """Two or more words run together where a menu's links met ("AboutTrainingContact")."""
    return len(_RUN_TOGETHER.findall(line)) >= 2


def is_link_list_heading(text: str) -> bool:
    """Whether a heading opens a list of links to other pages ("Related pages", "Useful
    links", "More in this section")."""
    return bool(_LINK_LIST.match(" ".join(text.split())))


def _is_link(text: str) -> bool:
    """A short line that names a page rather than says something: no sentence's end."""
    line = text.strip()
    return len(line.split()) <= 14 and not line.endswith((".", "?", "!", ":"))


def web_furniture_lines(lines: Iterable[str]) -> list[str]:
    """The lines that :func:`is_web_furniture` drops, each stripped, for the metadata."""
    return [line.strip() for line in lines if is_web_furniture(line)]


def links_end(texts: list[str], start: int) -> int:
    """The index after the links that follow a link-list heading at ``start - 1``."""
    index = start
    while index < len(texts) and _is_link(texts[index]):
        index += 1
    return index
