"""Factories for statutory-return tests: small synthetic SSDA903 CSVs and CIN census XML.

Every child here is fictional. UPNs are built with the intake's own check-letter function so
they are valid (or deliberately broken where a test says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fullpicture.intake.identifiers import upn_check_letter
from tests.intake.factories import create_csv

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLUMNS = [
    "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
    "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
]  # fmt: skip
REVIEW_COLUMNS = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
MISSING_COLUMNS = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
SW_COLUMNS = ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]


def create_upn(body: str) -> str:
    """A valid UPN for 12 characters of body (11 digits and a final digit)."""
    return upn_check_letter(body) + body


def create_903_files(folder: Path) -> dict[str, Path]:
    """A small SSDA903 return: three fictional children, one deliberately broken row per table."""
    good_upn = create_upn("820123456789")
    header = create_csv(
        folder / "header.csv",
        HEADER_COLUMNS,
        [
            ["C100", "1", "14/02/2012", "WBRI", good_upn, "", ""],
            ["C200", "F", "30/09/2015", "MWBA", "UN2", "", ""],
            ["C300", "2", "01/01/2009", "AIND", "", "0", ""],
            ["", "1", "01/01/2010", "WBRI", "", "", ""],  # no CHILD: quarantined
        ],
    )
    episodes = create_csv(
        folder / "episodes.csv",
        EPISODE_COLUMNS,
        [
            # C100: emergency entry under police protection, then an interim care order, a
            # planned move, an unplanned move after an allegation, then home.
            ["C100", "03/04/2023", "S", "L1", "N1", "U6", "PR1", "05/04/2023", "X1", "", "", "AB1", ""],
            ["C100", "05/04/2023", "L", "C1", "N1", "U6", "PR1", "10/06/2023", "X1", "CARPL", "", "AB1", ""],
            ["C100", "10/06/2023", "P", "C1", "N1", "U4", "PR4", "20/11/2023", "X1", "ALLEG", "", "AB2", ""],
            ["C100", "20/11/2023", "B", "C2", "N1", "K2", "PR4", "15/03/2024", "E4A", "CARPL", "", "AB3", ""],
            # C300: accommodated under s20, still looked after.
            ["C300", "12/01/2024", "S", "V2", "N4", "U1", "PR1", "", "", "", "", "CD4", ""],
            # Broken rows: unknown child, impossible date, an RNE code the return does not have.
            ["C999", "01/05/2023", "S", "C2", "N1", "U4", "PR1", "", "", "", "", "", ""],
            ["C300", "31/02/2024", "P", "V2", "N4", "U1", "PR1", "", "", "", "", "", ""],
            ["C300", "01/03/2024", "Q", "V2", "N4", "U1", "PR1", "", "", "", "", "", ""],
        ],
    )  # fmt: skip
    reviews = create_csv(
        folder / "reviews.csv",
        REVIEW_COLUMNS,
        [
            ["C100", "14/02/2012", "28/04/2023", "PN1"],
            ["C100", "14/02/2012", "", "PN1"],  # no review date: quarantined
        ],
    )
    missing = create_csv(
        folder / "missing.csv",
        MISSING_COLUMNS,
        [
            ["C100", "14/02/2012", "M", "01/08/2023", "03/08/2023"],
            ["C300", "01/01/2009", "A", "02/02/2024", ""],  # still away
        ],
    )
    sw = create_csv(
        folder / "sw_episodes.csv",
        SW_COLUMNS,
        [
            ["C100", "14/02/2012", "SW1001", "03/04/2023", "01/09/2023", "ORGRST"],
            ["C100", "14/02/2012", "SW1002", "01/09/2023", "", ""],
        ],
    )
    return {"header": header, "episodes": episodes, "reviews": reviews, "missing": missing,
            "sw_episodes": sw}  # fmt: skip


def create_cin_census(path: Path, children: Sequence[str] | None = None) -> Path:
    """Write a CIN census XML message holding the given ``<Child>`` blocks (default: two)."""
    blocks = children if children is not None else [CIN_CHILD_ONE, CIN_CHILD_TWO]
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n'
        "<Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
        "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>"
        "<Source><SourceLevel>L</SourceLevel><LEA>999</LEA></Source></Header>\n"
        f"<Children>\n{''.join(blocks)}</Children>\n</Message>\n",
        encoding="utf-8",
    )
    return path


CIN_CHILD_ONE = f"""<Child>
  <ChildIdentifiers>
    <LAchildID>K1001</LAchildID><UPN>{create_upn("820123456780")}</UPN>
    <PersonBirthDate>2013-06-01</PersonBirthDate><Sex>F</Sex>
  </ChildIdentifiers>
  <ChildCharacteristics>
    <Ethnicity>WBRI</Ethnicity>
    <Disabilities><Disability>NONE</Disability></Disabilities>
  </ChildCharacteristics>
  <CINdetails>
    <CINreferralDate>2023-05-02</CINreferralDate><ReferralSource>9</ReferralSource>
    <PrimaryNeedCode>N1</PrimaryNeedCode><CINclosureDate>2024-02-20</CINclosureDate>
    <ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>false</ReferralNFA>
    <Assessments>
      <AssessmentActualStartDate>2023-05-03</AssessmentActualStartDate>
      <AssessmentAuthorisationDate>2023-06-10</AssessmentAuthorisationDate>
      <FactorsIdentifiedAtAssessment>
        <AssessmentFactors>3A</AssessmentFactors><AssessmentFactors>16A</AssessmentFactors>
      </FactorsIdentifiedAtAssessment>
    </Assessments>
    <CINPlanDates><CINPlanStartDate>2023-06-12</CINPlanStartDate></CINPlanDates>
    <Section47>
      <S47ActualStartDate>2023-05-04</S47ActualStartDate>
      <InitialCPCtarget>2023-05-25</InitialCPCtarget>
      <DateOfInitialCPC>2023-05-24</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired>
    </Section47>
    <ChildProtectionPlans>
      <CPPstartDate>2023-05-24</CPPstartDate><CPPendDate>2024-01-30</CPPendDate>
      <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
      <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
      <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
      <Reviews><CPPreviewDate>2023-08-20</CPPreviewDate><CPPreviewDate>2024-01-30</CPPreviewDate></Reviews>
    </ChildProtectionPlans>
  </CINdetails>
</Child>
"""

CIN_CHILD_TWO = """<Child>
  <ChildIdentifiers>
    <LAchildID>K1002</LAchildID><UPNunknown>UN7</UPNunknown>
    <PersonBirthDate>2018-11-11</PersonBirthDate><GenderCurrent>1</GenderCurrent>
    <PersonDeathDate>2024-03-01</PersonDeathDate>
  </ChildIdentifiers>
  <ChildCharacteristics><Ethnicity>BAFR</Ethnicity></ChildCharacteristics>
  <CINdetails>
    <CINreferralDate>2024-01-15</CINreferralDate><ReferralSource>6</ReferralSource>
    <PrimaryNeedCode>N4</PrimaryNeedCode><CINclosureDate>2024-01-15</CINclosureDate>
    <ReasonForClosure>RC8</ReasonForClosure><ReferralNFA>true</ReferralNFA>
    <Assessments><AssessmentActualStartDate>not a date</AssessmentActualStartDate></Assessments>
  </CINdetails>
</Child>
"""


def create_903_xml(path: Path) -> Path:
    """An SSDA903 XML return: one child, two episodes (the second ends care), a review, a
    missing period, and a second child whose only episode has an impossible date."""
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER><CHILDID>X100</CHILDID><UPN>{create_upn("820123456781")}</UPN><SEX>M</SEX>
      <DOB>05/06/2011</DOB><ETHNIC>WBRI</ETHNIC><UASC>0</UASC></HEADER>
    <EPISODE><DECOM>01/05/2023</DECOM><RNE>S</RNE><LS>L2</LS><CIN>N1</CIN><PL>U6</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>20/05/2023</DEC><REC>X1</REC>
      <REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE></EPISODE>
    <EPISODE><DECOM>20/05/2023</DECOM><RNE>B</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/02/2024</DEC><REC>E45</REC>
      <REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE></EPISODE>
    <AREVIEW><REVIEW>12/06/2023</REVIEW><REVIEW_CODE>PN4</REVIEW_CODE></AREVIEW>
    <AMISSING><MISSING>M</MISSING><MIS_START>03/07/2023</MIS_START>
      <MIS_END>04/07/2023</MIS_END></AMISSING>
  </CHILD>
  <CHILD>
    <HEADER><CHILDID>X200</CHILDID><SEX>F</SEX><DOB>01/01/2016</DOB></HEADER>
    <EPISODE><DECOM>31/02/2024</DECOM><RNE>S</RNE><LS>V2</LS><PL>U1</PL></EPISODE>
  </CHILD>
</EXPSSDA903>
""",
        encoding="utf-8",
    )
    return path
