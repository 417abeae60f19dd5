"""fullpicture."""
