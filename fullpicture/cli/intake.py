"""``fullpicture import`` and ``fullpicture quarantine``."""
