"""``fullpicture isa ...``, ``fullpicture sar ...``, ``fullpicture retention ...`` and
``fullpicture rectify ...``: sharing agreements and disclosures, subject access requests,
retention and destruction, and corrections of records with the recipients to tell."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.engine import Connection

from fullpicture.cli import app
from fullpicture.cli.common import (
    DatabaseOption,
    JsonOption,
    append_audit,
    command,
    console,
    engine_for,
    print_json,
)
from fullpicture.errors import ProtectionError

isa_app = typer.Typer(help="Information-sharing agreements, shares and decisions not to share.")
sar_app = typer.Typer(help="Subject access requests: register, deadlines, redacted packs.")
retention_app = typer.Typer(help="Retention schedule, legal holds and destruction.")
rectify_app = typer.Typer(
    help="Correct a record (history kept) and track telling everyone who received it."
)
for _sub, _name in (
    (isa_app, "isa"),
    (sar_app, "sar"),
    (retention_app, "retention"),
    (rectify_app, "rectify"),
):
    _sub.info.no_args_is_help = True
    app.add_typer(_sub, name=_name)

ByOption = Annotated[str, typer.Option("--by", help="Who is doing this (recorded and audited).")]


def _day(help_text: str) -> Any:
    return typer.Option(formats=["%Y-%m-%d"], help=help_text)


def _now() -> datetime:
    return datetime.now(UTC)


def _audit(
    conn: Connection, by: str, *, purpose: str, action: str, subject: str, detail: dict[str, Any]
) -> None:
    """Append the audit entry of a disclosure, correction or destruction in the caller's
    transaction."""
    append_audit(conn, by, purpose=purpose, action=action, subject=subject, detail=detail)


def _purposes(values: list[str]) -> dict[str, frozenset[str]]:
    out = {}
    for value in values:
        name, _, fields = value.partition("=")
        if not fields:
            raise ProtectionError(
                f"{value!r} is not PURPOSE=FIELD,FIELD.",
                hint="For example: --purpose safeguarding=occurred_on,event_type,summary",
            )
        out[name.strip()] = frozenset(f.strip() for f in fields.split(",") if f.strip())
    return out


@isa_app.command("add")
@command
def isa_add(
    isa_id: str,
    party: Annotated[list[str], typer.Option(help="An agency party to it (repeat).")],
    purpose: Annotated[list[str], typer.Option(help="PURPOSE=FIELD,FIELD (repeat).")],
    basis: Annotated[list[str], typer.Option(help="A lawful-basis code (repeat).")],
    start: Annotated[datetime, _day("First day in force.")],
    by: ByOption,
    end: Annotated[datetime | None, _day("Last day in force.")] = None,
    title: Annotated[str, typer.Option(help="What the agreement is.")] = "",
    database: DatabaseOption = None,
) -> None:
    """Register an information-sharing agreement.

    Example: fullpicture isa add ISA-2026-01 --party health --party social_care
    --purpose safeguarding=occurred_on,event_type,summary --basis ca2004-s11 --start 2026-04-01
    --by dpo
    """
    from fullpicture.protection.isa import Agreement, add_agreement

    agreement = Agreement(
        id=isa_id, title=title or isa_id, parties=frozenset(party), purposes=_purposes(purpose),
        lawful_bases=frozenset(basis), start_date=start.date(),
        end_date=end.date() if end else None, ended_reason=None,
    )  # fmt: skip
    with engine_for(database).begin() as conn:
        add_agreement(conn, agreement, by=by, now=_now())
    console.print(f"Registered agreement {isa_id}.")


def _agreement_dict(agreement: Any) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "title": agreement.title,
        "parties": sorted(agreement.parties),
        "purposes": {p: list(agreement.fields_for(p)) for p in sorted(agreement.purposes)},
        "lawful_bases": sorted(agreement.lawful_bases),
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "ended_reason": agreement.ended_reason,
    }


@isa_app.command("list")
@command
def isa_list(json_out: JsonOption = False, database: DatabaseOption = None) -> None:
    """List every agreement with its parties, purposes and dates.

    Example: fullpicture isa list --json
    """
    from fullpicture.protection.isa import list_agreements

    with engine_for(database).connect() as conn:
        agreements = [_agreement_dict(a) for a in list_agreements(conn)]
    if json_out:
        print_json(agreements)
        return
    table = Table("Agreement", "Parties", "Purposes", "From", "To")
    for a in agreements:
        table.add_row(a["id"], ", ".join(a["parties"]), ", ".join(a["purposes"]),
                      a["start_date"].isoformat(),
                      a["end_date"].isoformat() if a["end_date"] else "-")  # fmt: skip
    console.print(table)


@isa_app.command("show")
@command
def isa_show(isa_id: str, database: DatabaseOption = None) -> None:
    """Show one agreement in full (JSON).

    Example: fullpicture isa show ISA-2026-01
    """
    from fullpicture.protection.isa import get_agreement

    with engine_for(database).connect() as conn:
        print_json(_agreement_dict(get_agreement(conn, isa_id)))


@isa_app.command("end")
@command
def isa_end(
    isa_id: str,
    reason: Annotated[str, typer.Option(help="Why it ends.")],
    last_day: Annotated[datetime | None, _day("Last day in force (default today).")] = None,
    database: DatabaseOption = None,
) -> None:
    """End an agreement (it is kept, with its last day and the reason).

    Example: fullpicture isa end ISA-2026-01 --last-day 2026-06-30 --reason "Superseded"
    """
    from fullpicture.protection.isa import end_agreement

    day = last_day.date() if last_day else _now().date()
    with engine_for(database).begin() as conn:
        ended = end_agreement(conn, isa_id, last_day=day, reason=reason)
    console.print(f"Agreement {isa_id} is in force until {ended.end_date}.")


@isa_app.command("share")
@command
def isa_share(
    person_id: str,
    isa: Annotated[str, typer.Option("--isa", help="The agreement the share rests on.")],
    purpose: Annotated[str, typer.Option(help="The purpose (one the agreement covers).")],
    basis: Annotated[str, typer.Option(help="The lawful-basis code (one it rests on).")],
    recipient: Annotated[str, typer.Option(help="The organisation and team receiving it.")],
    recipient_agency: Annotated[str, typer.Option(help="The recipient's agency kind.")],
    out: Annotated[Path, typer.Option(help="Where to write the CSV.")],
    by: ByOption,
    agency: Annotated[str, typer.Option(help="The sharing agency.")] = "social_care",
    database: DatabaseOption = None,
) -> None:
    """Share a child's records under an agreement (CSV of the approved fields only).

    The share is written to the disclosure log and the audit log.

    Example: fullpicture isa share P000001 --isa ISA-2026-01 --purpose safeguarding
    --basis ca2004-s11 --recipient "Northshire Police PPU" --recipient-agency police
    --out share.csv --by j.smith
    """
    from fullpicture.protection.disclosure import ShareRequest, share_records

    request = ShareRequest(person_id, isa, purpose, basis, recipient, recipient_agency, agency, by)
    with engine_for(database).begin() as conn:
        shared = share_records(conn, request, _now())
        _audit(conn, by, purpose="share records", action="share", subject=person_id,
               detail={"isa": isa, "disclosure": shared.disclosure_id})  # fmt: skip
        out.write_bytes(shared.body)
    console.print(f"Shared {shared.records} records ({', '.join(shared.fields)}) to {out}.")


@isa_app.command("decline")
@command
def isa_decline(
    person_id: str,
    recipient: Annotated[str, typer.Option(help="Who asked for the records.")],
    reason: Annotated[str, typer.Option(help="Why they are not shared.")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Record a decision not to share, with its reason.

    Example: fullpicture isa decline P000001 --recipient "A school" --reason "..." --by j.smith
    """
    from fullpicture.protection.disclosure import record_decline

    with engine_for(database).begin() as conn:
        logged = record_decline(conn, person_id, recipient=recipient, reason=reason, by=by,
                                now=_now())  # fmt: skip
    console.print(f"Recorded the decision not to share (disclosure log {logged}).")


@sar_app.command("open")
@command
def sar_open(
    person_id: str,
    requester: Annotated[str, typer.Option(help="Who made the request.")],
    received: Annotated[datetime, _day("Day received.")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Register a subject access request and print its deadline.

    Example: fullpicture sar open P000001 --requester "The young person" --received 2026-03-02
    --by dpo
    """
    from fullpicture.protection.sar import get_request, open_request

    with engine_for(database).begin() as conn:
        sar_id = open_request(conn, person_id, requester=requester,
                              received_on=received.date(), by=by, now=_now())  # fmt: skip
        due = get_request(conn, sar_id)["due_on"]
    console.print(f"Request {sar_id} for {person_id}: respond by {due.isoformat()}.")


@sar_app.command("list")
@command
def sar_list(
    open_only: Annotated[bool, typer.Option("--open", help="Open requests only.")] = False,
    json_out: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List requests, the soonest due first.

    Example: fullpicture sar list --open
    """
    from fullpicture.protection.sar import list_requests

    with engine_for(database).connect() as conn:
        requests = list_requests(conn, open_only=open_only)
    if json_out:
        print_json(requests)
        return
    table = Table("Request", "Person", "Received", "Due", "Extended to", "Status")
    for r in requests:
        extended = r["extended_due_on"].isoformat() if r["extended_due_on"] else "-"
        table.add_row(str(r["id"]), r["person_id"], r["received_on"].isoformat(),
                      r["due_on"].isoformat(), extended, r["status"])  # fmt: skip
    console.print(table)


@sar_app.command("extend")
@command
def sar_extend(
    sar_id: int,
    notified_on: Annotated[datetime, _day("Day the requester was told.")],
    reason: Annotated[str, typer.Option(help="Why the request is complex.")],
    database: DatabaseOption = None,
) -> None:
    """Extend a request by two months (the requester must be told within the first month).

    Example: fullpicture sar extend 3 --notified-on 2026-03-20 --reason "Records from 6 agencies"
    """
    from fullpicture.protection.sar import extend_request

    with engine_for(database).begin() as conn:
        due = extend_request(conn, sar_id, notified_on=notified_on.date(), reason=reason)
    console.print(f"Request {sar_id}: respond by {due.isoformat()}.")


@sar_app.command("release")
@command
def sar_release(
    sar_id: int,
    third_party: str,
    reason: Annotated[str, typer.Option(help="Consent, or why it is reasonable without it.")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Mark a third party (person id, or S<record id>) releasable in a request's pack.

    Example: fullpicture sar release 3 P000002 --reason "Consented in writing" --by dpo
    """
    from fullpicture.protection.sar import release_third_party

    with engine_for(database).begin() as conn:
        release_third_party(conn, sar_id, third_party, reason=reason, by=by, now=_now())
    console.print(f"{third_party} may be named in request {sar_id}'s pack.")


@sar_app.command("export")
@command
def sar_export(
    person_id: str,
    out: Annotated[Path, typer.Option(help="Where to write the pack (JSON).")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Write the SAR pack for the person's open request (audited).

    The pack holds every agency's records and the disclosure history; third parties are
    redacted unless released, and each redaction is logged with its reason.

    Example: fullpicture sar export P000001 --out sar-P000001.json --by dpo
    """
    from fullpicture.protection.sar import build_pack, latest_open_request, pack_json

    with engine_for(database).begin() as conn:
        sar_id = latest_open_request(conn, person_id)
        pack = build_pack(conn, sar_id, _now())
        _audit(conn, by, purpose="subject access request", action="export", subject=person_id,
               detail={"sar": sar_id, "redactions": pack.redactions})  # fmt: skip
        out.write_text(pack_json(pack), encoding="utf-8")
    events = len(pack.content["events"])
    console.print(f"Wrote request {sar_id}'s pack to {out}: {events} records, "
                  f"{pack.redactions} redactions (each logged with its reason).")  # fmt: skip


ScheduleOption = Annotated[
    Path | None, typer.Option("--schedule", help="A schedule file (default: the packaged one).")
]


@retention_app.command("schedule")
@command
def retention_schedule(schedule: ScheduleOption = None) -> None:
    """Print the retention schedule (JSON).

    Example: fullpicture retention schedule
    """
    from fullpicture.protection.retention import load_schedule

    print_json([r.model_dump() for r in load_schedule(schedule)])


@retention_app.command("due")
@command
def retention_due(
    on: Annotated[datetime | None, _day("The day to assess (default today).")] = None,
    schedule: ScheduleOption = None,
    json_out: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List the people whose records are due for destruction, with the rule and any hold.

    Example: fullpicture retention due --on 2026-04-01
    """
    from fullpicture.protection.retention import due_for_destruction, load_schedule

    day = on.date() if on else _now().date()
    with engine_for(database).connect() as conn:
        due = due_for_destruction(conn, day, load_schedule(schedule))
    if json_out:
        print_json(
            [{"person_id": a.person_id, "rule": a.rule_id, "due_on": a.due_on, "held": a.held}
             for a in due]
        )  # fmt: skip
        return
    table = Table("Person", "Rule", "Due on", "Legal hold")
    for a in due:
        when = a.due_on.isoformat() if a.due_on else "-"
        table.add_row(a.person_id, str(a.rule_id), when, "yes" if a.held else "")
    console.print(table)
    console.print(f"{len(due)} due on {day.isoformat()}.")


@retention_app.command("hold")
@command
def retention_hold(
    person_id: str,
    reason: Annotated[str, typer.Option(help="The inquiry, claim or review.")],
    by: ByOption,
    database: DatabaseOption = None,
) -> None:
    """Place a legal hold: nothing about the person is destroyed until it is lifted.

    Example: fullpicture retention hold P000001 --reason "Public inquiry" --by dpo
    """
    from fullpicture.protection.retention import place_hold

    with engine_for(database).begin() as conn:
        hold = place_hold(conn, person_id, reason=reason, by=by, now=_now())
    console.print(f"Legal hold {hold} placed on {person_id}.")


@retention_app.command("lift")
@command
def retention_lift(hold_id: int, by: ByOption, database: DatabaseOption = None) -> None:
    """Lift a legal hold (kept as a record).

    Example: fullpicture retention lift 4 --by dpo
    """
    from fullpicture.protection.retention import lift_hold

    with engine_for(database).begin() as conn:
        lift_hold(conn, hold_id, by=by, now=_now())
    console.print(f"Legal hold {hold_id} lifted.")


@retention_app.command("destroy")
@command
def retention_destroy(
    person_id: str,
    by: ByOption,
    certificate: Annotated[
        Path | None, typer.Option(help="Also write the certificate here.")
    ] = None,
    schedule: ScheduleOption = None,
    database: DatabaseOption = None,
) -> None:
    """Destroy a person's records once due, with a certificate (refused under a legal hold).

    The destruction is audited; see docs/protection.md for what it reaches.

    Example: fullpicture retention destroy P000001 --by dpo --certificate cert-P000001.json
    """
    from fullpicture.protection.destruction import (
        destroy_person,
        enable_secure_delete,
        scrub_sqlite,
    )
    from fullpicture.protection.retention import certificate_json, load_schedule

    engine = engine_for(database)
    with engine.begin() as conn:
        enable_secure_delete(conn)
        done = destroy_person(conn, person_id, load_schedule(schedule), by=by, now=_now())
        _audit(conn, by, purpose="retention destruction", action="destroy", subject=person_id,
               detail={"certificate": done["certificate"], "rule": done["rule_id"]})  # fmt: skip
    scrub_sqlite(engine)
    text = certificate_json(done)
    if certificate:
        certificate.write_text(text, encoding="utf-8")
    console.print(text, highlight=False)


FieldOption = Annotated[str, typer.Option("--field", help="The column to correct.")]
ValueOption = Annotated[
    str, typer.Option("--value", help="The corrected value (dates YYYY-MM-DD; empty clears).")
]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why the stored value is wrong.")]
RequestedByOption = Annotated[
    str, typer.Option("--requested-by", help="Who asked (the child, a parent, an agency).")
]


@rectify_app.command("event")
@command
def rectify_event(
    person_id: str,
    event_id: int,
    field: FieldOption,
    value: ValueOption,
    reason: ReasonOption,
    requested_by: RequestedByOption,
    by: ByOption,
    json_out: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Correct one field of an event in a person's chronology, and list whom to tell.

    Example: fullpicture rectify event P000001 1234 --field summary --value "..." --reason
    "The address was mistyped" --requested-by "the child's mother" --by j.smith
    """
    _rectify("event", person_id, event_id, (field, value, reason, requested_by, by), json_out,
             database)  # fmt: skip


@rectify_app.command("record")
@command
def rectify_record(
    person_id: str,
    record_id: int,
    field: FieldOption,
    value: ValueOption,
    reason: ReasonOption,
    requested_by: RequestedByOption,
    by: ByOption,
    json_out: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Correct one field of an agency's record of the person (name, date of birth, ...).

    Example: fullpicture rectify record P000001 87 --field date_of_birth --value 2014-03-05
    --reason "Day and month were swapped" --requested-by "Northshire health" --by j.smith
    """
    _rectify("person_record", person_id, record_id, (field, value, reason, requested_by, by),
             json_out, database)  # fmt: skip


def _rectify(
    target: str,
    person_id: str,
    target_id: int,
    given: tuple[str, str, str, str, str],
    json_out: bool,
    database: str | None,
) -> None:
    from fullpicture.protection.rectification import RectificationRequest, rectify

    field, value, reason, requested_by, by = given
    request = RectificationRequest(person_id, target, target_id, field, value, reason,
                                   requested_by, by)  # fmt: skip
    with engine_for(database).begin() as conn:
        done = rectify(conn, request, _now())
        _audit(conn, by, purpose="rectification", action="rectify", subject=person_id,
               detail={"rectification": done.id, "target": target, "id": target_id,
                       "field": field})  # fmt: skip
    if json_out:
        print_json(done.to_json())
        return
    console.print(f"Correction {done.id}: {field} changed; tell these recipients:")
    for notice in done.notices:
        console.print(f"  notice {notice.id}: {notice.recipient} ({notice.basis})", highlight=False)


@rectify_app.command("history")
@command
def rectify_history(
    person_id: str,
    by: ByOption,
    json_out: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """List every correction of a person's records, with values before and after (audited)."""
    from fullpicture.protection.rectification import rectification_history

    with engine_for(database).begin() as conn:
        found = rectification_history(conn, person_id)
        _audit(conn, by, purpose="rectification", action="view rectifications",
               subject=person_id, detail={"corrections": len(found)})  # fmt: skip
    if json_out:
        print_json([r.to_json() for r in found])
        return
    table = Table(title=f"Corrections of {person_id}'s records ({len(found)})")
    for name in ("Id", "When", "Record", "Before", "After", "Reason", "Asked by", "Open notices"):
        table.add_column(name)
    for r in found:
        waiting = sum(1 for n in r.notices if n.notified_at is None)
        table.add_row(str(r.id), f"{r.made_at:%Y-%m-%d}", f"{r.target} {r.target_id}",
                      escape(str(r.before)), escape(str(r.after)), escape(r.reason),
                      escape(r.requested_by), str(waiting))  # fmt: skip
    console.print(table)


@rectify_app.command("notices")
@command
def rectify_notices(json_out: JsonOption = False, database: DatabaseOption = None) -> None:
    """List recipients not yet told of a correction (UK GDPR Article 19), oldest first."""
    from fullpicture.protection.rectification import open_notices

    with engine_for(database).connect() as conn:
        found = open_notices(conn)
    if json_out:
        print_json([{"id": n.id, "rectification": n.rectification_id, "recipient": n.recipient,
                     "basis": n.basis, "disclosure_id": n.disclosure_id} for n in found])  # fmt: skip
        return
    table = Table(title=f"Recipients still to tell ({len(found)})")
    for name in ("Notice", "Correction", "Recipient", "Why"):
        table.add_column(name)
    for n in found:
        why = f"share {n.disclosure_id}" if n.disclosure_id else "the record's source"
        table.add_row(str(n.id), str(n.rectification_id), escape(n.recipient), why)
    console.print(table)


@rectify_app.command("notified")
@command
def rectify_notified(notice_id: int, by: ByOption, database: DatabaseOption = None) -> None:
    """Record that the recipient of a correction notice has been told."""
    from fullpicture.protection.rectification import mark_notified

    with engine_for(database).begin() as conn:
        notice = mark_notified(conn, notice_id, by, _now())
    console.print(f"Notice {notice.id}: {escape(notice.recipient)} told.", highlight=False)
