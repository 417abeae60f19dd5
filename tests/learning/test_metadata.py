"""Review metadata."""

from datetime import date

from fullpicture.learning.metadata import (
    detect_type,
    extract_metadata,
    find_age,
    find_date,
    find_partnership,
    find_pseudonym,
    find_sex,
)


def test_should_read_the_review_metadata():
    meta = extract_metadata(
        "Child Safeguarding Practice Review: Child T",
        ["Child T was a 15-year-old girl; she lived in a children's home.", "Police and CAMHS."],
        ["Northmere Safeguarding Children Partnership", "Published: 14 March 2023"],
    )
    assert meta.partnership == "Northmere Safeguarding Children Partnership"
    assert meta.review_date == date(2023, 3, 14) and meta.year == 2023
    assert meta.review_type == "child_safeguarding_practice_review"
    assert (meta.child_pseudonym, meta.child_age, meta.child_sex) == (
        "Child T",
        "15 years",
        "female",
    )
    assert {"police", "CAMHS"} <= set(meta.agencies)


def test_should_prefer_the_most_specific_review_type():
    assert detect_type("A SCIE Learning Together review of a serious case") == "learning_together"
    assert detect_type("7 minute briefing") == "bulletin"
    assert detect_type("Minutes of a meeting") is None


def test_should_read_ages_in_months():
    assert find_age("Baby K was 4 months old") == "4 months"


def test_should_read_a_document_drawing_on_several_reviews_as_a_thematic_analysis():
    from fullpicture.learning.metadata import detect_type

    assert detect_type("Neglect and hardship: learning from five local reviews") == (
        "thematic_analysis"
    )
    assert detect_type("Learning from reviews: neglect briefing") == "bulletin"
    assert detect_type("Local review: Child K") == "rapid_review"


def test_should_take_the_latest_year_named_when_no_date_is_written_out():
    from fullpicture.learning.metadata import extract_metadata

    meta = extract_metadata(
        "Learning event",
        ["We looked again at reviews published between 2019 and 2022."],
        [],
    )
    assert meta.year == 2022 and meta.review_date is None


def test_should_read_a_multi_agency_case_file_audit():
    assert detect_type("Multi-agency case file audit: neglect") == "multi_agency_audit"


def test_should_read_a_national_panels_briefing_as_a_national_analysis():
    meta = extract_metadata(
        "Briefing: sexual abuse within the family",
        ["National Safeguarding Learning Panel", "Published 3 December 2024"],
        [],
    )
    assert meta.partnership == "National Safeguarding Learning Panel"
    assert meta.review_type == "thematic_analysis"
    local = extract_metadata(
        "Briefing: neglect", ["Inchbury Safeguarding Children Partnership"], []
    )
    assert local.review_type == "bulletin"


# -- Conventions of published English review documents (synthetic text, fictional places) --


def test_should_take_the_publication_date_not_the_date_a_page_was_updated():
    meta = extract_metadata(
        "Baby W: two years on",
        [
            "Updated 3 February 2026",
            "This page reports progress since we published the review about Baby W in "
            "October 2024.",
        ],
        [],
    )
    assert meta.year == 2024 and meta.review_date == date(2024, 10, 1)


def test_should_not_take_the_period_a_review_looked_at_as_its_date():
    meta = extract_metadata(
        "Child Safeguarding Practice Review: Child V",
        [
            "The review considered the period from January 2019 to March 2021.",
            "Final report, 12 June 2022",
        ],
        [],
    )
    assert meta.review_date == date(2022, 6, 12)


def test_should_prefer_a_date_standing_alone_to_one_in_the_childs_story():
    meta = extract_metadata(
        "Rapid review: Child Y",
        ["In March 2019 Child Y moved to a new school with her brother.", "September 2021"],
        [],
    )
    assert meta.year == 2021


def test_should_read_dates_written_in_the_ways_english_documents_write_them():
    for line, expected in [
        ("Date of publication: 18th February 2015", date(2015, 2, 18)),
        ("Version 1.0 final | 12.03.2023", date(2023, 3, 12)),
        ("Published: 2023-03-15", date(2023, 3, 15)),
        ("Issued Sept 2022", date(2022, 9, 1)),
        ("Posted on 12-Dec-2021", date(2021, 12, 12)),
        ("PUBLISHED MARCH 2020", date(2020, 3, 1)),
    ]:
        assert find_date([line]) == (expected, expected.year), line


def test_should_read_a_season_as_a_year_after_a_written_date():
    assert find_date(["Learning bulletin: Autumn 2024", "Issue 7, November 2024"]) == (
        date(2024, 11, 1),
        2024,
    )
    assert find_date(["Learning bulletin: Spring 2023"]) == (None, 2023)


def test_should_read_a_partnership_name_that_holds_lower_case_words():
    assert find_partnership(["Isle of Wight Safeguarding Children Partnership"]) == (
        "Isle of Wight Safeguarding Children Partnership"
    )
    assert find_partnership(["Published by Blackburn with Darwen Safeguarding Partnership"]) == (
        "Blackburn with Darwen Safeguarding Partnership"
    )
    assert find_partnership(
        ["Approved by the Board of Wexley Safeguarding Children Partnership"]
    ) == ("Wexley Safeguarding Children Partnership")


def test_should_read_the_other_forms_partnerships_take():
    for line, expected in [
        ("Lorvale Children's Safeguarding Assurance Partnership", None),
        ("Marden Safeguarding Children's Board", None),
        (
            "LORVALE CHILDREN'S SAFEGUARDING PARTNERSHIP",
            "Lorvale Children's Safeguarding Partnership",
        ),
        ("A review for Wexley LSCP", "Wexley LSCP"),
    ]:
        assert find_partnership([line]) == (expected or line), line


def test_should_skip_generic_mentions_and_prefer_the_local_partnership_to_the_national_panel():
    assert find_partnership(
        [
            "The Safeguarding Children Partnership will publish this report.",
            "Local Safeguarding Children Partnerships should notify the panel.",
            "Wexley Safeguarding Children Partnership",
        ]
    ) == ("Wexley Safeguarding Children Partnership")
    assert find_partnership(
        [
            "The Child Safeguarding Practice Review Panel agreed with the decision of",
            "Wexley Safeguarding Children Partnership to hold a local review.",
        ]
    ) == ("Wexley Safeguarding Children Partnership")


def test_should_not_take_the_national_panels_name_for_the_type_of_its_document():
    meta = extract_metadata(
        "Safeguarding children with disabilities in residential settings",
        ["The Child Safeguarding Practice Review Panel", "Published: July 2022"],
        [],
    )
    assert meta.partnership == "Child Safeguarding Practice Review Panel"
    assert meta.review_type == "thematic_analysis"


def test_should_take_the_type_a_document_gives_itself_over_the_reviews_it_mentions():
    meta = extract_metadata(
        "Child Q",
        [
            "Wexley Safeguarding Children Partnership",
            "A rapid review was held in May 2022 and the national panel agreed that this local "
            "child safeguarding practice review should be carried out.",
        ],
        [],
    )
    assert meta.review_type == "child_safeguarding_practice_review"
    assert (
        detect_type(
            "A rapid review was held. This 7-minute briefing sets out its learning.",
            self_first=True,
        )
        == "bulletin"
    )


def test_should_read_other_names_review_types_go_by():
    assert detect_type("Local Safeguarding Practice Review: Child Z") == (
        "child_safeguarding_practice_review"
    )
    assert detect_type("Multi-agency thematic audit of neglect") == "multi_agency_audit"
    assert detect_type("Multiagency audit: children missing education") == "multi_agency_audit"
    assert detect_type("Thematic learning review: adolescents") == "thematic_analysis"
    assert detect_type("Learning brief: Child R") == "bulletin"
    assert detect_type("A letter to everyone who works with children in Wexley") == "bulletin"
    assert detect_type("Key messages") is None  # a section of a briefing, not a type


def test_should_read_the_pseudonym_conventions_of_published_reviews():
    body = [
        "Ellis lived with his mother.",
        "When Ellis was ten, his school noticed a change.",
        "Staff knew that Ellis used symbols.",
    ]
    assert find_pseudonym(body, "Local Practice Review: Ellis") == "Ellis"
    assert (
        find_pseudonym(
            ["It was agreed that Kayla would tell us.", "We met Kayla twice."],
            "What helped Kayla: an appreciative inquiry",
        )
        == "Kayla"
    )
    assert find_pseudonym(["The review is about a girl we call Isla."]) == "Isla"
    assert find_pseudonym(["Archie (not his real name) was nine."]) == "Archie"
    assert find_pseudonym(["This review concerns Siblings D and E."]) == "Siblings D and E"
    assert find_pseudonym(["The learning from Children F, G and H is set out."]) == (
        "Children F, G and H"
    )
    assert find_pseudonym(["Family A moved to Wexley in 2019."]) == "Family A"
    assert find_pseudonym(["She was seen by a worker called Mr Jones."]) is None


def test_should_not_take_a_title_word_for_a_name():
    body = ["Neglect was seen late.", "The partnership looked at neglect in 2022."]
    assert find_pseudonym(body, "Neglect: learning from audits") is None
    assert find_pseudonym(["Multi-agency working was good."], "Multi-agency audit: Neglect") is None


def test_should_read_ages_written_in_words_and_leave_out_others_ages():
    assert find_age("E was four months old when his childminder saw a bruise.") == "4 months"
    assert find_age("D was twenty-two months old.") == "22 months"
    assert find_age("His sister, aged three, said so. He was aged 9 weeks.") == "9 weeks"
    assert find_age("The panel looked at young people aged 14 to 17.") is None
    assert find_age("Alsami, a 14 year old boy") == "14 years"
    assert find_age("a 15 day old baby") == "15 days"


def test_should_read_the_childs_sex_where_it_is_stated():
    assert find_sex("Child K, a 14-year-old girl, told her mother and his brother.") == "female"
    assert find_sex("Sex: Male. She was seen by her GP with her mother.") == "male"


def test_should_not_take_the_date_of_another_step_for_the_publication_date():
    assert find_date(["Date of rapid review: 5 June 2021", "Published: 2 March 2023"]) == (
        date(2023, 3, 2),
        2023,
    )
    assert find_date(["Date: 2 March 2023"]) == (date(2023, 3, 2), 2023)


def test_should_prefer_a_footers_labelled_date_to_a_date_in_the_childs_story():
    meta = extract_metadata(
        "Child Safeguarding Practice Review: Child P",
        ["Wexley Safeguarding Children Partnership", "In June 2020 Child P moved house."],
        [],
        lambda: ["Version 1.0 final, 4 May 2023"],
    )
    assert meta.year == 2023
    titled = extract_metadata(
        "Rapid review: Child P",
        ["Wexley Safeguarding Children Partnership", "Published: June 2021"],
        [],
        lambda: ["Printed 4 May 2023"],
    )
    assert titled.year == 2021


def test_should_not_take_a_briefing_the_review_will_be_shared_in_for_its_type():
    meta = extract_metadata(
        "Overview report",
        [
            "Wexley Safeguarding Children Partnership",
            "A serious case review about Child W.",
            "The learning will be shared through our 7-minute briefings.",
        ],
        [],
    )
    assert meta.review_type == "serious_case_review"


def test_should_give_a_case_the_bulletins_date_unless_it_states_its_own():
    bulletin = ["Wexley Learning Bulletin", "Issue 7, November 2024"]
    story = extract_metadata(
        "Case 1: Rapid review, Baby L", ["In March 2023 Baby L was admitted."], bulletin
    )
    assert story.review_date == date(2024, 11, 1)
    own = extract_metadata(
        "5.4 Multi-agency audit: emotional abuse and child protection plans (November 2023)",
        ["5.4 Multi-agency audit: emotional abuse and child protection plans (November 2023)"],
        ["Annual Report 2023 to 2024", "Published September 2024"],
    )
    assert own.review_date == date(2023, 11, 1)


def create_review_type(title: str, *lines: str) -> str:
    return extract_metadata(title, [title, *lines], [title, *lines]).review_type


def test_should_type_a_periodical_by_its_issue_number_not_the_review_it_spotlights():
    lines = ["Whitmoor Safeguarding Children Partnership", "Spotlight: a rapid review about Ben"]
    assert create_review_type("Keeping Safe: Issue 9, Winter 2024", *lines) == "bulletin"
    assert create_review_type("Keeping Safe, Winter 2024", "Our quarterly newsletter") == (
        "bulletin"
    )


def test_should_type_a_practice_alert_as_a_briefing_though_it_follows_a_rapid_review():
    assert (
        create_review_type(
            "Practice Alert 3/2024: babies in temporary accommodation",
            "A rapid review found that a baby slept on a sofa.",
        )
        == "bulletin"
    )
    # adult social care's "safeguarding alert" is a referral, not a document's genre
    assert detect_type("A safeguarding alert was raised by the hospital.") is None


def test_should_type_a_brief_by_the_one_review_its_title_page_names():
    brief = ["Local Learning Review", "Whitmoor Safeguarding Children Partnership", "May 2025"]
    assert create_review_type("Learning Brief: Ruby", *brief) == "practice_review"
    # a briefing subtitled with the one review it presents is that review (settled case)
    assert (
        create_review_type(
            "7 Minute Briefing: hidden men",
            "Learning from a local child safeguarding practice review, May 2025",
        )
        == "child_safeguarding_practice_review"
    )
    assert (
        create_review_type(
            "Seven-minute briefing: Child D and moving home",
            "Learning from a rapid review, Whitmoor Safeguarding Children Partnership, May 2025",
        )
        == "rapid_review"
    )
    # a briefing that says it draws on a review, in a sentence, is still a briefing
    assert (
        create_review_type(
            "7 Minute Briefing: hidden men",
            "This briefing shares learning from a rapid review the partnership held in May.",
        )
        == "bulletin"
    )


def test_should_type_a_pack_of_themes_from_several_reviews_as_thematic():
    lines = ["Whitmoor SCP, 2025", "Child B Multi-agency audit 2023", "Child C Rapid review 2024"]
    assert (
        create_review_type("Learning from our reviews: five themes that recur", *lines)
        == "thematic_analysis"
    )
    assert create_review_type("Learning from reviews: neglect briefing", *lines) == "bulletin"


def test_should_take_a_labelled_type_over_the_types_the_text_mentions():
    meta = extract_metadata(
        "Ava",
        ["Ava", "Published: May 2024 | Type: rapid review", "A serious case review in 2015..."],
        ["Whitmoor Safeguarding Children Partnership"],
    )
    assert meta.review_type == "rapid_review"


def test_should_take_the_board_a_listed_review_names_over_the_pages_partnership():
    meta = extract_metadata(
        "Baby Q: serious case review",
        [
            "Baby Q: serious case review",
            "Commissioned by the former Eastby Local Safeguarding Children Board.",
        ],
        ["Published reviews", "Eastby Safeguarding Children Partnership"],
    )
    assert meta.partnership == "Eastby Local Safeguarding Children Board"
    # a case that names only the national panel keeps the document's partnership
    meta = extract_metadata(
        "Baby R: rapid review",
        ["Baby R: rapid review", "The Child Safeguarding Practice Review Panel was told."],
        ["Published reviews", "Eastby Safeguarding Children Partnership"],
    )
    assert meta.partnership == "Eastby Safeguarding Children Partnership"


def test_should_read_a_type_labelled_in_a_table_but_not_a_tables_header_row():
    from fullpicture.learning.metadata import labelled_type

    assert labelled_type(["Review type | Child safeguarding practice review"]) == (
        "child_safeguarding_practice_review"
    )
    assert labelled_type(["Review | Type | Year", "Child A | Rapid review | 2021"]) is None


def test_should_type_a_periodical_by_its_contents_list_and_a_page_of_learning_as_a_briefing():
    assert create_review_type(
        "Safeguarding News", "In this issue:", "Spotlight on a rapid review about Ben"
    ) == ("bulletin")
    assert (
        create_review_type("Keeping Safe: Summer edition", "Spotlight on a rapid review about Ben")
        == "bulletin"
    )
    assert create_review_type("Learning on a page: neglect") == "bulletin"
    # a page of one named review's learning is that review
    assert create_review_type("Learning on a page: rapid review, Baby J") == "rapid_review"


def test_should_type_a_thematic_audit_as_an_audit():
    assert detect_type("Thematic audit: neglect of teenagers") == "multi_agency_audit"


def test_should_type_a_pack_that_draws_on_several_reviews_and_audits_as_thematic():
    lines = [
        "Whitmoor SCP, May 2025",
        "This pack draws on the following reviews and audits.",
        "Neglect of toddlers Multi-agency audit 2022",
        "Baby Z Rapid review 2024",
    ]
    assert create_review_type("Practice Week 2025", *lines) == "thematic_analysis"


def test_should_take_a_short_year_range_to_its_end():
    from fullpicture.learning.metadata import latest_year

    assert latest_year(["Annual learning report 2023-24"]) == 2024
    assert latest_year(["Learning from reviews 2022/23"]) == 2023
    # a numeric date is not a range
    assert latest_year(["Ref 2021-05-14"]) == 2021
