"""The multi-agency chronology: people, building and grouping, households, views and rendering."""

from fullpicture.chronology.build import build_chronology
from fullpicture.chronology.households import household_members
from fullpicture.chronology.model import Chronology, Entry, Provenance, Record
from fullpicture.chronology.people import PersonSummary, list_people
from fullpicture.chronology.render import render_chronology

__all__ = [
    "Chronology",
    "Entry",
    "PersonSummary",
    "Provenance",
    "Record",
    "build_chronology",
    "household_members",
    "list_people",
    "render_chronology",
]
