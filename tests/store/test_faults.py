"""Storage faults are recognised behind whatever error the driver raised last."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from fullpicture.errors import StoreError
from fullpicture.store.faults import IO_ERROR, OUT_OF_SPACE, storage_fault, storage_faults


def create_sqlite_error(code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = code
    return error


def create_masked_error(original: BaseException) -> OperationalError:
    """The shape SQLite leaves: a failed savepoint rollback whose context is the real fault."""
    masked = OperationalError(
        "ROLLBACK TO SAVEPOINT sa_savepoint_1", {}, sqlite3.OperationalError("no such savepoint")
    )
    masked.__context__ = OperationalError("INSERT", {}, original)
    return masked


class _PostgresError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__("could not extend file")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (create_sqlite_error(13), OUT_OF_SPACE),
        (create_sqlite_error(10 | (4 << 8)), IO_ERROR),  # SQLITE_IOERR_WRITE
        (create_sqlite_error(5), None),  # SQLITE_BUSY is not a storage fault
        (_PostgresError("53100"), OUT_OF_SPACE),
        (_PostgresError("58030"), IO_ERROR),
        (_PostgresError("23505"), None),
    ],
)
def test_should_name_the_fault_behind_a_driver_error(error, expected):
    assert storage_fault(OperationalError("SQL", {}, error)) == expected


def test_should_find_a_full_disk_behind_a_failed_savepoint_rollback():
    assert storage_fault(create_masked_error(create_sqlite_error(13))) == OUT_OF_SPACE


def test_should_raise_a_store_error_saying_nothing_was_kept():
    with pytest.raises(StoreError, match="ran out of space while importing a.csv") as caught:
        with storage_faults("importing a.csv"):
            raise create_masked_error(create_sqlite_error(13))
    assert "nothing from it was kept" in caught.value.message and caught.value.hint


def test_should_let_other_database_errors_through_unchanged():
    with pytest.raises(OperationalError, match="locked"):
        with storage_faults("importing a.csv"):
            raise OperationalError("SQL", {}, sqlite3.OperationalError("database is locked"))
