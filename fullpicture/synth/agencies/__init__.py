"""One module per agency, each writing its own extract shape and mapping."""

from __future__ import annotations

from fullpicture.synth.agencies.base import Agency, Recorder, TableSpec
from fullpicture.synth.agencies.education import Education
from fullpicture.synth.agencies.health import Health
from fullpicture.synth.agencies.housing import Housing
from fullpicture.synth.agencies.partnership import Partnership
from fullpicture.synth.agencies.police import Police
from fullpicture.synth.agencies.social_care import SocialCare
from fullpicture.synth.agencies.youth_justice import YouthJustice

AGENCIES: tuple[type[Agency], ...] = (
    SocialCare,
    Police,
    Health,
    Education,
    Housing,
    Partnership,
    YouthJustice,
)
"""Every synthetic source, in the order they are written."""

__all__ = ["AGENCIES", "Agency", "Recorder", "TableSpec"]
