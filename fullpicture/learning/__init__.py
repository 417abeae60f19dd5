"""The learning library: case-review documents in, structured and searchable learning out.

Documents are read (:mod:`.documents`), structured (:mod:`.sections`), their metadata
(:mod:`.metadata`) and items (:mod:`.extract`, themes from :mod:`.themes`) extracted and stored
(:mod:`.library`, tables in :mod:`.tables`). :mod:`.search` searches them (full text re-ranked by
:mod:`.embedding`), :mod:`.report` counts themes, :mod:`.rules_link` links learning to rules and
lists gaps, :mod:`.actions` tracks recommendation actions and :mod:`.evaluate` measures extraction.
"""
