from tests.chronology.conftest import sample_family  # noqa: F401 - shared with the chronology tests
