"""The published reviews the rules cite, by the short source codes of the learning catalogue."""

from __future__ import annotations

from fullpicture.rules.spec import Citation

SOURCES: dict[str, str] = {
    "BSCP-B-2021": "Buckinghamshire Safeguarding Children Partnership, Multi-Agency Practice "
    "Review re B (October 2021)",
    "LRLSCB-LR2": "Leicestershire & Rutland LSCB, Learning Review bulletin, issue 2 (c. 2011)",
    "LSCP-LFR": "Leeds Safeguarding Children Partnership, Learning from reviews (JTAI audits, "
    "Child B SCR)",
    "WSCB-BEN-2013": "Wolverhampton SCB, Learning Lessons Briefing, SCIE Learning Together review "
    "of 'Ben' (2013)",
    "TRI-2019": "Brandon, Sidebotham et al., Complexity and challenge: a triennial analysis of "
    "SCRs 2014-2017 (DfE 2020)",
}


def cite(code: str, *sources: str) -> tuple[Citation, ...]:
    """Citations of catalogue ``code`` to each named source (which must be known)."""
    return tuple(Citation(code=code, source=f"{s}: {SOURCES[s]}") for s in sources)
