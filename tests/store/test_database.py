import sqlalchemy as sa

from fullpicture.store.database import migrate


def test_should_create_every_foundation_table(store):
    names = set(sa.inspect(store).get_table_names())
    assert {"ledger", "source_person", "event", "quarantine", "relationship"} <= names


def test_should_migrate_twice_without_change(store):
    before = set(sa.inspect(store).get_table_names())
    migrate(store)
    assert set(sa.inspect(store).get_table_names()) == before
