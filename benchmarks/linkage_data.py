"""A fast, realistic generator of multi-agency person records with ground truth, for linkage.

People live in households (one or two adults, one to four children; some twins, some children
named after a parent, some with a step-parent's surname). Several agencies each hold a noisy copy
of the people they know: typing errors, nicknames, day/month swaps, missing NHS numbers (about half
outside health), step-parent surnames, and out-of-date postcodes after moves (with an address
history). All names and numbers are synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from fullpicture.linkage.names import variant_table
from fullpicture.linkage.snapshot import RAW_COLUMNS

GIVEN_F = (
    "olivia amelia isla ava mia ivy lily isabella rosie sophia grace freya willow evie florence "
    "poppy ella charlotte elsie emily ruby harper sienna hannah chloe jessica lucy daisy matilda "
    "phoebe alice eleanor katherine elizabeth margaret rebecca victoria abigail samantha zara "
    "layla nadia amira aisha fatima maryam leah esme imogen erin holly megan bethany niamh"
).split()
GIVEN_M = (
    "oliver george noah arthur muhammad leo harry oscar archie henry theodore freddie jack charlie "
    "thomas jacob alfie william james joshua samuel daniel benjamin alexander edward joseph "
    "matthew michael christopher nicholas richard robert stephen anthony patrick liam ryan kyle "
    "connor callum jayden tyler ethan logan reuben elijah ibrahim yusuf omar ali kai luca"
).split()
SURNAMES = (
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson "
    "thompson wright walker white edwards hughes green hall lewis harris clarke patel jackson "
    "wood turner martin cooper hill ward morris moore clark lee king baker harrison morgan allen "
    "james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook "
    "carter richardson bailey collins bell shaw murphy miller cox richards khan marshall "
    "anderson simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray "
    "mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler "
    "russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher "
    "walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce "
    "day brooks west lawrence cole atkinson bradley spencer gill dawson ball burton o'brien "
    "watts rose booth perry ryan grant wells armstrong francis rees hayes hart hudson newman "
    "barrett webster hunter gregory carr lowe page marsh riley dunn woods parsons berry stone "
    "reid holland hawkins harding porter robertson newton oliver reed kennedy williamson bird "
    "gardner shah dean lane cooke bates henderson parry burgess bishop walton burns nicholson "
    "shepherd ross cross long freeman warren nicholls hamilton byrne sutton mcdonald yates "
    "hodgson robson curtis hopkins o'connor harper coleman watkins moss mccarthy chambers "
    "o'neill griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace george "
    "jordan hutchinson rowe burke may pritchard gilbert willis higgins read miles stevenson "
    "stephenson hammond arnold buckley walters hewitt barber nelson slater austin sullivan "
    "whitehead mann frost lambert stephens blake akhtar lynch goodwin barton woodward thomson "
    "cunningham quinn barnett baxter bibi clayton nash greenwood jennings holt kemp poole gallagher"
).split()
AGENCIES = ("health", "school", "police", "social_care", "housing")
_LETTERS = "ABCDEFGHJKLMNPRSTUWXYZ"


def nhs_number(rng: random.Random) -> str:
    """A random NHS number that passes the modulus 11 check."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        digits[0] = rng.randint(4, 9)
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


@dataclass
class TruePerson:
    """One real (synthetic) individual."""

    true_id: str
    given: str
    middle: str | None
    family: str
    birth_family: str | None
    dob: dt.date
    sex: str
    postcodes: list[str]
    nhs: str | None
    upn: str | None
    is_child: bool
    agencies: list[str] = field(default_factory=list)


def _postcode(rng: random.Random, district: int) -> str:
    area = "ABCDEFGHKLMNPRST"[district % 16]
    return (
        f"{area}{_LETTERS[district // 16 % 22]}{district % 9 + 1} "
        f"{rng.randint(1, 9)}{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}"
    )


def _history(rng: random.Random, districts: int) -> list[str]:
    home = rng.randrange(districts)
    moves = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
    return [
        _postcode(rng, home if rng.random() < 0.7 else rng.randrange(districts))
        for _ in range(moves + 1)
    ]


def _child(
    rng: random.Random,
    hid: int,
    n: int,
    family: str,
    postcodes: list[str],
    dob: dt.date,
    adults: list[TruePerson],
) -> TruePerson:
    sex = rng.choice("MF")
    given = rng.choice(GIVEN_M if sex == "M" else GIVEN_F)
    if adults and rng.random() < 0.03 and adults[0].sex == sex:
        given = adults[0].given  # named after a parent
    step = rng.random() < 0.08
    birth_family = rng.choice(SURNAMES) if step else None
    return TruePerson(
        f"T{hid:07d}{n}",
        given,
        rng.choice(GIVEN_M + GIVEN_F) if rng.random() < 0.5 else None,
        family,
        birth_family,
        dob,
        sex,
        postcodes,
        nhs_number(rng),
        f"{rng.choice(_LETTERS)}{rng.randrange(10**12):012d}" if dob.year >= 2006 else None,
        True,
    )


def household(rng: random.Random, hid: int, districts: int) -> list[TruePerson]:
    """One household: one or two adults and one to four children sharing a postcode history."""
    family = rng.choice(SURNAMES)
    postcodes = _history(rng, districts)
    adults = []
    for n in range(rng.choice((1, 2, 2))):
        sex = "F" if n == 0 else "M"
        dob = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        adults.append(
            TruePerson(
                f"T{hid:07d}{n}",
                rng.choice(GIVEN_F if sex == "F" else GIVEN_M),
                None,
                family,
                None,
                dob,
                sex,
                postcodes,
                nhs_number(rng),
                None,
                False,
            )
        )
    children: list[TruePerson] = []
    for n in range(rng.choice((1, 1, 2, 2, 3, 4))):
        dob = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randrange(6500))
        children.append(_child(rng, hid, 2 + n, family, postcodes, dob, adults))
        if rng.random() < 0.03:  # twins: same date of birth and surname, different names
            twin = _child(rng, hid, 6 + n, family, postcodes, dob, [])
            if twin.given != children[-1].given:
                children.append(twin)
    return adults + children


def _agencies(rng: random.Random, person: TruePerson) -> list[str]:
    odds = {
        "health": 0.9,
        "school": 0.95 if person.is_child else 0.0,
        "police": 0.25,
        "social_care": 0.45,
        "housing": 0.0 if person.is_child else 0.4,
    }
    chosen = [a for a in AGENCIES if rng.random() < odds[a]]
    return chosen or ["health"]


_VARIANTS_BY_CANONICAL: dict[str, list[str]] = {}


def _nickname(rng: random.Random, name: str) -> str:
    if not _VARIANTS_BY_CANONICAL:
        for variant, canonicals in variant_table().items():
            for canonical in canonicals:
                if canonical != variant:
                    _VARIANTS_BY_CANONICAL.setdefault(canonical, []).append(variant)
    options = _VARIANTS_BY_CANONICAL.get(name)
    return rng.choice(sorted(options)) if options else name


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice("aeiourstln") + text[i + 1 :]


def _noisy_dob(rng: random.Random, dob: dt.date, agency: str) -> dt.date | None:
    roll = rng.random()
    if roll < (0.05 if agency == "police" else 0.01):
        return None
    if roll < 0.05 and dob.day <= 12:
        return dt.date(dob.year, dob.day, dob.month)
    if roll < 0.07:
        day = min(28, dob.day % 10 + 10 * rng.randint(0, 2)) or 1
        return dob.replace(day=day)
    return dob


def _noisy_nhs(rng: random.Random, person: TruePerson, agency: str) -> str | None:
    keep = {"health": 0.97, "social_care": 0.6, "school": 0.35, "police": 0.3, "housing": 0.2}
    if person.nhs is None or rng.random() >= keep[agency]:
        return None
    return nhs_number(rng) if rng.random() < 0.005 else person.nhs  # valid but wrong


def record(rng: random.Random, person: TruePerson, agency: str, rid: int) -> dict[str, Any]:
    """One agency's noisy copy of ``person``."""
    given = person.given
    known_as = None
    if agency != "health" and rng.random() < 0.12:
        given = _nickname(rng, given)
    elif rng.random() < 0.05:
        known_as = _nickname(rng, given)
    if rng.random() < 0.04:
        given = _typo(rng, given)
    family, former = person.family, None
    if person.birth_family:
        if rng.random() < 0.5:
            family = person.birth_family
        elif rng.random() < 0.5:
            former = person.birth_family
    if rng.random() < 0.03:
        family = _typo(rng, family)
    postcodes = person.postcodes
    held = postcodes[: rng.randint(1, len(postcodes))]
    return {
        "id": rid,
        "source": agency,
        "agency": agency,
        "local_id": f"{agency[:3]}-{rid}",
        "nhs_number": _noisy_nhs(rng, person, agency),
        "upn": person.upn if agency == "school" and rng.random() < 0.95 else None,
        "given_name": given.title(),
        "middle_names": (person.middle or "").title() or None,
        "family_name": family.title(),
        "known_as": known_as.title() if known_as else None,
        "former_family_name": former.title() if former else None,
        "date_of_birth": _noisy_dob(rng, person.dob, agency),
        "sex": person.sex if rng.random() > 0.01 else None,
        "ethnicity": None,
        "postcode": held[-1] if rng.random() > 0.04 else None,
        "is_child": person.is_child,
        "person_id": None,
        "_history": held if agency in ("health", "social_care", "housing") else [],
        "_true_id": person.true_id,
    }


@dataclass
class Dataset:
    """Generated source persons (raw store columns), their address history and the truth."""

    raw: pa.Table
    addresses: pa.Table
    truth: dict[int, str]

    @property
    def size(self) -> int:
        """Number of source person records."""
        return int(self.raw.num_rows)


def _records(n_records: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    districts = max(20, n_records // 400)
    rid, hid = 0, 0
    while rid < n_records:
        hid += 1
        for person in household(rng, hid, districts):
            for agency in _agencies(rng, person):
                rid += 1
                yield record(rng, person, agency, rid)
                if rid >= n_records:
                    return


def generate(n_records: int, *, seed: int = 7) -> Dataset:
    """Generate ``n_records`` source person records with ground truth.

    Args:
        n_records: how many agency records to produce.
        seed: random seed (the same seed gives the same data).

    Returns:
        The dataset: raw rows shaped like ``source_person`` plus address history and truth.
    """
    rows = list(_records(n_records, seed))
    types = {"id": pa.int64(), "date_of_birth": pa.date32(), "is_child": pa.bool_()}
    raw = pa.table(
        {c: pa.array([r[c] for r in rows], type=types.get(c, pa.string())) for c in RAW_COLUMNS}
    )
    ids = [r["id"] for r in rows for _ in r["_history"]]
    pcs = [pc for r in rows for pc in r["_history"]]
    addresses = pa.table(
        {"source_person_id": pa.array(ids, pa.int64()), "postcode": pa.array(pcs, pa.string())}
    )
    return Dataset(raw, addresses, {r["id"]: r["_true_id"] for r in rows})


def write_truth(dataset: Dataset, truth_dir: Path) -> Path:
    """Write ``truth_dir/persons.csv`` (``source,local_id,true_id``) for the dataset."""
    truth_dir.mkdir(parents=True, exist_ok=True)
    path = truth_dir / "persons.csv"
    sources = dataset.raw.column("source").to_pylist()
    local_ids = dataset.raw.column("local_id").to_pylist()
    ids = dataset.raw.column("id").to_pylist()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "local_id", "true_id"])
        for source, local_id, rid in zip(sources, local_ids, ids, strict=True):
            writer.writerow([source, local_id, dataset.truth[rid]])
    return path


def load_into_store(engine: Any, dataset: Dataset, *, only: set[int] | None = None) -> int:
    """Insert the dataset's records (optionally only the ids in ``only``) into a store.

    Records go in as the intake leaves them: ``person_id`` null. One ledger row per call.

    Returns:
        The number of records inserted.
    """

    from fullpicture.store.schema import address, ledger, source_person

    now = dt.datetime.now(dt.UTC)
    rows = [r for r in dataset.raw.to_pylist() if only is None or r["id"] in only]
    wanted = {r["id"] for r in rows}
    with engine.begin() as conn:
        ledger_id = conn.execute(
            ledger.insert().values(
                source="bench",
                filename="generated",
                table_name="people",
                sha256=f"{dataset.size}-{len(rows)}-{min(wanted, default=0)}",
                status="complete",
                rows_read=len(rows),
                rows_stored=len(rows),
                rows_quarantined=0,
                imported_by="benchmark",
                started_at=now,
                finished_at=now,
            )
        ).inserted_primary_key[0]
        conn.execute(
            source_person.insert(),
            [
                {**r, "ledger_id": ledger_id, "row_number": i, "updated_at": now}
                for i, r in enumerate(rows)
            ],
        )
        history = [
            {
                "source": "bench",
                "source_person_id": sid,
                "ledger_id": ledger_id,
                "row_number": i,
                "record_key": f"addr-{sid}-{i}",
                "postcode": pc,
            }
            for i, (sid, pc) in enumerate(
                zip(
                    dataset.addresses.column("source_person_id").to_pylist(),
                    dataset.addresses.column("postcode").to_pylist(),
                    strict=True,
                )
            )
            if sid in wanted
        ]
        if history:
            conn.execute(address.insert(), history)
    return len(rows)
