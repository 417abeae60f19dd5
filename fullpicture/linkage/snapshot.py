"""Snapshot the store's source person records into DuckDB, with the columns linkage compares.

The snapshot is a DuckDB table ``records`` with one row per source person (``unique_id`` is
``source_person.id``) and derived, normalised columns: name variants (nickname table), a Soundex
code of the surname, the date of birth as text and with day and month swapped, every postcode the
record has held (current postcode plus the address history) and the postcode district.

Derivation runs as DuckDB SQL here (the snapshot is ours); the Splink comparisons themselves only
use portable SQL (see :mod:`fullpicture.linkage.settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from fullpicture.linkage.bulk import fetch_arrow
from fullpicture.linkage.names import soundex, variant_table
from fullpicture.store.schema import address, source_person

RAW_COLUMNS = (
    "id",
    "source",
    "agency",
    "local_id",
    "nhs_number",
    "upn",
    "given_name",
    "middle_names",
    "family_name",
    "known_as",
    "former_family_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "is_child",
    "person_id",
)

_RAW_TYPES: dict[str, pa.DataType] = {
    "id": pa.int64(),
    "date_of_birth": pa.date32(),
    "is_child": pa.bool_(),
}


@dataclass(frozen=True)
class Snapshot:
    """A DuckDB connection holding ``records`` (and ``raw_records``) for one linkage run."""

    con: duckdb.DuckDBPyConnection
    records: int
    new_records: int


def _columns_to_arrow(names: tuple[str, ...], rows: list[Any]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return pa.table(
        {name: _column(name, list(values)) for name, values in zip(names, columns, strict=True)}
    )


def _column(name: str, values: list[Any]) -> pa.Array:
    if name == "date_of_birth":
        # Read raw (text on SQLite, dates on PostgreSQL) and let Arrow parse: much faster than
        # SQLAlchemy's per-row date processing.
        return pa.array(values).cast(pa.date32()) if values else pa.array([], pa.date32())
    return pa.array(values, type=_RAW_TYPES.get(name, pa.string()))


def read_source_persons(conn: Connection, where: Any = None) -> pa.Table:
    """Read source person records (the linkage fields only) as an Arrow table.

    Args:
        conn: a store connection.
        where: an optional SQLAlchemy condition selecting the records (default: all).
    """
    query = sa.select(
        *(
            sa.type_coerce(source_person.c[name], sa.String).label(name)
            if name == "date_of_birth"
            else source_person.c[name]
            for name in RAW_COLUMNS
        )
    )
    if where is not None:
        query = query.where(where)
    return _columns_to_arrow(RAW_COLUMNS, list(conn.execute(query)))


_RAW_SCHEMA = pa.schema(
    [(name, pa.int64() if name in ("id", "is_child") else pa.string()) for name in RAW_COLUMNS]
)


def _raw_select(name: str) -> str:
    if name == "date_of_birth":  # text on SQLite already; ISO text from PostgreSQL's date
        return "cast(date_of_birth as varchar(10))"
    if name == "is_child":
        return "case when is_child then 1 when not is_child then 0 end"
    return name


def read_all_source_persons(conn: Connection) -> pa.Table:
    """Every source person record (the linkage fields), read through the driver.

    The same table as :func:`read_source_persons` without a condition, several times faster
    at a million records.
    """
    # The column list is this module's constant RAW_COLUMNS.
    sql = f"select {', '.join(_raw_select(n) for n in RAW_COLUMNS)} from source_person"  # nosec B608
    table = fetch_arrow(conn, sql, _RAW_SCHEMA)
    return table.set_column(
        RAW_COLUMNS.index("date_of_birth"),
        "date_of_birth",
        table.column("date_of_birth").cast(pa.date32()),
    ).set_column(
        RAW_COLUMNS.index("is_child"), "is_child", table.column("is_child").cast(pa.bool_())
    )


def read_all_address_postcodes(conn: Connection) -> pa.Table:
    """The whole postcode history, ``(source_person_id, postcode)``, read through the driver."""
    return fetch_arrow(
        conn,
        "select source_person_id, postcode from address where postcode is not null",
        pa.schema([("source_person_id", pa.int64()), ("postcode", pa.string())]),
    )


def read_address_postcodes(conn: Connection, where: Any = None) -> pa.Table:
    """Read the postcode history: ``(source_person_id, postcode)`` for address rows (of the
    source persons selected by ``where``, default all)."""
    query = sa.select(address.c.source_person_id, address.c.postcode).where(
        address.c.postcode.is_not(None)
    )
    if where is not None:
        query = query.where(
            address.c.source_person_id.in_(sa.select(source_person.c.id).where(where))
        )
    rows = list(conn.execute(query))
    return _address_arrow(rows)


def read_address_postcodes_of(conn: Connection, ids: list[int]) -> pa.Table:
    """The postcode history of the given source persons only."""
    query = sa.select(address.c.source_person_id, address.c.postcode).where(
        address.c.postcode.is_not(None)
    )
    rows: list[Any] = []
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        rows.extend(conn.execute(query.where(address.c.source_person_id.in_(chunk))))
    return _address_arrow(rows)


def _address_arrow(rows: list[Any]) -> pa.Table:
    return pa.table(
        {
            "source_person_id": pa.array([r[0] for r in rows], type=pa.int64()),
            "postcode": pa.array([r[1] for r in rows], type=pa.string()),
        }
    )


def _variants_arrow() -> pa.Table:
    table = variant_table()
    names = sorted(table)
    return pa.table(
        {"name": names, "variants": [sorted(table[n]) for n in names]},
        schema=pa.schema([("name", pa.string()), ("variants", pa.list_(pa.string()))]),
    )


def _norm(column: str) -> str:
    # Lower-case, strip accents, keep letters, spaces, hyphens and apostrophes, collapse them.
    return (
        "nullif(trim(regexp_replace(regexp_replace(lower(strip_accents("
        f"{column})), '[^a-z'' -]', '', 'g'), '[\\s''-]+', ' ', 'g')), '')"
    )


def _first(column: str) -> str:
    return f"nullif(split_part({column}, ' ', 1), '')"


# Built once from this module's own column expressions; no input reaches it.
_DERIVE_SQL = f"""
create or replace table norm as
select
    id as unique_id, source, agency, local_id, person_id, is_child,
    -- unknown sex is missing, not a value that disagrees with male or female
    case when lower(sex) in ('unknown', 'u', 'not known', 'not stated', '') then null
        else lower(sex) end as sex,
    nullif(trim(nhs_number), '') as nhs_number,
    nullif(upper(trim(upn)), '') as upn,
    {_norm("given_name")} as given_name,
    {_norm("known_as")} as known_as,
    {_first(_norm("middle_names"))} as middle_first,
    {_norm("family_name")} as family_name,
    {_norm("former_family_name")} as former_family_name,
    strftime(date_of_birth, '%Y-%m-%d') as dob,
    case when day(date_of_birth) <= 12 and day(date_of_birth) <> month(date_of_birth)
        then printf('%04d-%02d-%02d', year(date_of_birth), day(date_of_birth),
                    month(date_of_birth))
    end as dob_swapped,
    cast(year(date_of_birth) as varchar) as birth_year,
    strftime(date_of_birth, '%m-%d') as birth_monthday,
    nullif(upper(replace(postcode, ' ', '')), '') as postcode
from raw_records
"""  # nosec B608

_RECORDS_SQL = """
create or replace table records as
with history as (
    select source_person_id as unique_id,
           upper(replace(postcode, ' ', '')) as postcode
    from raw_addresses
    union all
    select unique_id, postcode from norm where postcode is not null
),
postcodes as (
    select unique_id, list_sort(list_distinct(list(postcode))) as postcodes
    from history where postcode <> '' group by unique_id
)
select
    n.unique_id, n.source, n.agency, n.local_id, n.person_id, n.is_child, n.sex,
    n.nhs_number, n.upn, n.given_name, n.known_as, n.middle_first,
    split_part(n.given_name, ' ', 1) as given_first,
    left(n.given_name, 1) as first_initial,
    nullif(list_sort(list_distinct(list_concat(
        coalesce(vg.variants, case when n.given_name is not null
            then [split_part(n.given_name, ' ', 1)] end, []),
        coalesce(vk.variants, case when n.known_as is not null
            then [split_part(n.known_as, ' ', 1)] end, []),
        coalesce(vm.variants, case when n.middle_first is not null
            then [n.middle_first] end, [])
    ))), []) as given_variants,
    coalesce(vg.variants[1], split_part(n.given_name, ' ', 1)) as given_canon,
    -- the canonical forms of the first given name and of the known-as name (no middle names):
    -- what clustering's twin check compares (see cluster.Signature)
    nullif(list_distinct(list_concat(
        coalesce(vg.variants, case when n.given_name is not null
            then [split_part(n.given_name, ' ', 1)] end, []),
        coalesce(vk.variants, case when n.known_as is not null
            then [split_part(n.known_as, ' ', 1)] end, [])
    )), []) as sig_variants,
    n.family_name, n.former_family_name,
    -- every current and former family name, and each part of a double-barrelled one
    nullif(list_sort(list_distinct(list_filter(list_concat(
        [n.family_name, n.former_family_name],
        string_split(coalesce(n.family_name, ''), ' '),
        string_split(coalesce(n.former_family_name, ''), ' ')
    ), lambda x: x is not null and length(x) > 1))), []) as family_names,
    s.code as surname_sdx,
    n.dob, n.dob_swapped, n.birth_year, n.birth_monthday,
    n.postcode,
    p.postcodes,
    case when length(n.postcode) > 3 then left(n.postcode, length(n.postcode) - 3) end
        as postcode_district
from norm n
left join variants vg on vg.name = split_part(n.given_name, ' ', 1)
left join variants vk on vk.name = split_part(n.known_as, ' ', 1)
left join variants vm on vm.name = n.middle_first
left join surname_codes s on s.family_name = n.family_name
left join postcodes p on p.unique_id = n.unique_id
"""


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Run a ``select count(*)`` (or any single-integer query) and return the integer.

    DuckDB 2 refuses new work on a connection with an unfinished result, so fetch everything.
    """
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _register_surname_codes(con: duckdb.DuckDBPyConnection) -> None:
    names = [
        row[0]
        for row in con.execute(
            "select distinct family_name from norm where family_name is not null"
        ).fetchall()
    ]
    codes = pa.table({"family_name": names, "code": [soundex(n) for n in names]})
    con.register("surname_codes_arrow", codes)
    con.execute("create or replace table surname_codes as select * from surname_codes_arrow")


def build_records(con: duckdb.DuckDBPyConnection, raw: pa.Table, addresses: pa.Table) -> int:
    """Derive the ``records`` table in ``con`` from raw source persons and their postcodes.

    Args:
        con: the DuckDB connection of this run.
        raw: source person rows with :data:`RAW_COLUMNS`.
        addresses: ``(source_person_id, postcode)`` rows of the address history.

    Returns:
        The number of records.
    """
    con.register("raw_records_arrow", raw)
    con.execute("create or replace table raw_records as select * from raw_records_arrow")
    con.register("raw_addresses_arrow", addresses)
    con.execute("create or replace table raw_addresses as select * from raw_addresses_arrow")
    con.register("variants_arrow", _variants_arrow())
    con.execute("create or replace table variants as select * from variants_arrow")
    con.execute(_DERIVE_SQL)
    _register_surname_codes(con)
    con.execute(_RECORDS_SQL)
    for name in (
        "raw_records_arrow",
        "raw_addresses_arrow",
        "variants_arrow",
        "surname_codes_arrow",
    ):
        con.unregister(name)
    return count(con, "select count(*) from records")


# Above this many new records an incremental snapshot reads everything (the candidate filter's
# value lists would grow too long for one statement).
MAX_FILTERED_NEW = 5000


def _swapped(day: Any) -> Any:
    if day is None or day.day > 12 or day.day == day.month:
        return None
    return day.replace(month=day.day, day=day.month)


def _name_condition(new: list[Any], family: Any, initial: Any) -> Any:
    """Same family name and first initial, and a date of birth that the name blocking rules
    could pair: the same year, the same day and month, or missing on either side."""
    # ISO text on both SQLite and PostgreSQL; cheaper per row than extracting date parts.
    born_text = sa.cast(source_person.c.date_of_birth, sa.String(10))
    year, month_day = sa.func.substr(born_text, 1, 4), sa.func.substr(born_text, 6, 5)
    any_date: set[tuple[str, str]] = set()  # a new record without a date: any date
    by_year: set[tuple[str, str, str]] = set()
    by_day: set[tuple[str, str, str]] = set()
    for _nhs, _upn, born, surname, _pc, given in new:
        if not (surname and given):
            continue
        key = (str(surname).lower(), str(given)[:1].lower())
        if born is None:
            any_date.add(key)
        else:
            by_year.add((*key, f"{born.year:04d}"))
            by_day.add((*key, f"{born.month:02d}-{born.day:02d}"))
    names = any_date | {key[:2] for key in by_year}
    # The family name and initial first: the date parts are only looked at on those rows.
    return sa.and_(
        sa.tuple_(family, initial).in_(sorted(names)),
        sa.or_(
            source_person.c.date_of_birth.is_(None),
            sa.tuple_(family, initial).in_(sorted(any_date)),
            sa.tuple_(family, initial, year).in_(sorted(by_year)),
            sa.tuple_(family, initial, month_day).in_(sorted(by_day)),
        ),
    )


def candidate_filter(conn: Connection) -> Any:
    """A condition selecting new records plus every record of each existing person who could
    be blocked with one of them, or None to read everything (no or too many new records).

    The condition mirrors the blocking rules: same NHS number or UPN; same postcode; same
    (possibly swapped) date of birth with the same first initial or family name; same family
    name and first initial with the same birth year, the same birth day and month, or a date of
    birth missing on one side. Reading only these keeps an incremental run proportional to the
    new records, not to the store.
    """
    sp = source_person.c
    query = (
        sa.select(
            sp.nhs_number, sp.upn, sp.date_of_birth, sp.family_name, sp.postcode, sp.given_name
        )
        .where(sp.person_id.is_(None))
        .limit(MAX_FILTERED_NEW + 1)
    )
    new = list(conn.execute(query))
    if not new or len(new) > MAX_FILTERED_NEW:
        return None
    family = sa.func.lower(sp.family_name)
    initial = sa.func.substr(sa.func.lower(sp.given_name), 1, 1)
    dob_keys: set[tuple[Any, str]] = set()
    for _nhs, _upn, dob, surname, _pc, given in new:
        keys = [str(given or "")[:1].lower(), str(surname or "").lower()]
        for day in (dob, _swapped(dob)):
            if day is not None:
                dob_keys.update((day, k) for k in keys if k)
    blockable = sa.or_(
        sp.nhs_number.in_(sorted({r[0] for r in new if r[0]})),
        sp.upn.in_(sorted({r[1] for r in new if r[1]})),
        sa.func.upper(sa.func.replace(sp.postcode, " ", "")).in_(
            sorted({str(r[4]).replace(" ", "").upper() for r in new if r[4]})
        ),
        sa.and_(
            sp.date_of_birth.in_(sorted({d for d, _k in dob_keys})),
            sa.or_(
                sa.tuple_(sp.date_of_birth, initial).in_(sorted(dob_keys)),
                sa.tuple_(sp.date_of_birth, family).in_(sorted(dob_keys)),
            ),
        ),
        _name_condition(new, family, initial),
    )
    people = sa.select(sp.person_id).where(sp.person_id.is_not(None), blockable)
    return sa.or_(sp.person_id.is_(None), sp.person_id.in_(people))


def take_snapshot(
    engine: Engine, con: duckdb.DuckDBPyConnection | None = None, *, candidates_only: bool = False
) -> Snapshot:
    """Copy the store's source persons and address history into a DuckDB ``records`` table.

    Args:
        engine: the store.
        con: a DuckDB connection to use (a new in-memory one by default).
        candidates_only: read only new records and the existing people they could match
            (incremental runs; see :func:`candidate_filter`).

    Returns:
        The snapshot (connection and counts).
    """
    con = con or duckdb.connect()
    with engine.connect() as conn:
        where = candidate_filter(conn) if candidates_only else None
        if where is None:
            raw = read_all_source_persons(conn)
            addresses = read_all_address_postcodes(conn)
        else:
            raw = read_source_persons(conn, where)
            addresses = read_address_postcodes_of(conn, raw.column("id").to_pylist())
    total = build_records(con, raw, addresses)
    new = count(con, "select count(*) from records where person_id is null")
    return Snapshot(con=con, records=total, new_records=new)
