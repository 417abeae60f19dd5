"""No key or secret is tracked in the repository (security requirements 38 and 42).

``make lint`` runs detect-secrets over every tracked file (known test passwords are marked
``pragma: allowlist secret``). detect-secrets does not recognise fullpicture's own key file (a bare
line of 64 hex digits), so these tests look for that shape, and for key-file names, themselves.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from fullpicture.audit.keys import load_or_create_key

ROOT = Path(__file__).resolve().parents[1]
_BARE_KEY = re.compile(r"^\s*(?:[0-9a-fA-F]{64,}|[A-Za-z0-9+/_-]{43,}={0,2})\s*$")
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")
_KEY_NAMES = re.compile(r"(?:\.key|\.pem|\.p12|\.pfx|id_rsa|id_ed25519)$|(?:^|/)secrets/")
_BINARY = (".png", ".pdf", ".docx", ".xlsx", ".woff", ".woff2", ".ico")


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return listed.stdout.splitlines()


def key_lines(text: str) -> list[int]:
    """The numbers of lines that hold nothing but a long hex or base64 string (a bare key).

    A key has letters and digits; a rule of dashes or underscores across a page does not.
    """
    return [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if _BARE_KEY.match(line) and _LETTER.search(line) and _DIGIT.search(line)
    ]


def test_should_recognise_a_key_file_written_by_fullpicture(tmp_path):
    load_or_create_key(tmp_path / "fullpicture.key")
    assert key_lines((tmp_path / "fullpicture.key").read_text()) == [1]
    assert _KEY_NAMES.search("data/secrets/fullpicture.key")
    assert key_lines("digest = 'a1b2'\nname: sha256\n") == []
    assert key_lines("-" * 64 + "\n" + "_" * 70 + "\n") == []  # rules across a page


def test_should_track_no_key_files():
    assert [p for p in tracked_files() if _KEY_NAMES.search(p)] == []


def test_should_track_no_file_holding_a_bare_key():
    found = {}
    for path in tracked_files():
        if path.endswith(_BINARY) or not (ROOT / path).is_file():
            continue
        lines = key_lines((ROOT / path).read_text(errors="replace"))
        if lines:
            found[path] = lines
    assert found == {}
