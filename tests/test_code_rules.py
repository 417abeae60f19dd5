"""Local static rules over the package (security requirements 38, 41 and 46), written with ``ast``
because semgrep is not installable offline here. Each rule is first shown to catch a bad sample
and to pass a good one, then the whole package must have no findings.

- no bare hash of an identifier (``hashlib.sha256(nhs_number...)``): pseudonyms must be keyed
  and separated by purpose (``fullpicture.pseudonyms``);
- no ``Fernet`` for field values: its tokens are not bound to their row or column;
- no SQL text built with f-strings, ``%`` or ``.format`` inside ``text(...)``: bind parameters.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "fullpicture"

_HASHES = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "new"}
_IDENTIFIER_WORDS = (
    "nhs",
    "person_id",
    "local_id",
    "upn",
    "date_of_birth",
    "dob",
    "postcode",
    "display_name",
    "surname",
    "given_name",
    "first_name",
    "email",
    "identifier",
)
_TEXT_CALLS = {"text"}


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name_of(node.value)}.{node.attr}"
    return ""


def _mentions_identifier(node: ast.AST) -> bool:
    for child in ast.walk(node):
        name = ""
        if isinstance(child, ast.Name):
            name = child.id
        elif isinstance(child, ast.Attribute):
            name = child.attr
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            name = child.value
        if any(word in name.lower() for word in _IDENTIFIER_WORDS):
            return True
    return False


def _bare_identifier_hash(call: ast.Call) -> str | None:
    name = _name_of(call.func)
    via_module = name.startswith("hashlib.") and name.split(".")[-1] in _HASHES
    imported = name in _HASHES - {"new"}  # from hashlib import sha256
    if not (via_module or imported):
        return None
    if any(_mentions_identifier(arg) for arg in call.args):
        return f"bare {name}() over an identifier: use fullpicture.pseudonyms (keyed, by purpose)"
    return None


def _is_built_string(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def _sql_text_built(call: ast.Call) -> str | None:
    if _name_of(call.func).split(".")[-1] not in _TEXT_CALLS or not call.args:
        return None
    if _is_built_string(call.args[0]):
        return "SQL text() built from a formatted string: use bound parameters"
    return None


def findings(source: str, filename: str = "<sample>") -> Iterator[str]:
    """Yield ``file:line: message`` for every rule broken in ``source``."""
    for node in ast.walk(ast.parse(source, filename)):
        message = None
        if isinstance(node, ast.Call):
            message = _bare_identifier_hash(node) or _sql_text_built(node)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "Fernet" for a in node.names):
            message = "Fernet imported: use AES-GCM with associated data for field values"
        elif isinstance(node, ast.Attribute) and node.attr == "Fernet":
            message = "Fernet used: use AES-GCM with associated data for field values"
        if message:
            yield f"{filename}:{getattr(node, 'lineno', 0)}: {message}"


@pytest.mark.parametrize(
    "bad",
    [
        "import hashlib\nhashlib.sha256(nhs_number.encode()).hexdigest()",
        "import hashlib\nhashlib.md5(row['person_id'].encode())",
        "import hashlib\nhashlib.new('sha1', record.date_of_birth.isoformat().encode())",
        "from hashlib import sha256\nsha256(child.nhs_number.replace(' ', '').encode())",
        "from cryptography.fernet import Fernet",
        "import cryptography.fernet\ncryptography.fernet.Fernet(key)",
        "import sqlalchemy as sa\nsa.text(f'select * from person where id = {pid}')",
        "from sqlalchemy import text\ntext('select * from person where id = %s' % pid)",
        "from sqlalchemy import text\ntext('select * from {}'.format(table))",
    ],
)
def test_should_catch_each_banned_pattern(bad):
    assert list(findings(bad)) != []


@pytest.mark.parametrize(
    "good",
    [
        "import hashlib\nhashlib.sha256(token.encode()).hexdigest()",  # a session token
        "import hashlib\nhashlib.sha256(content).hexdigest()",  # a file's bytes
        "import sqlalchemy as sa\nsa.text('select * from person where id = :pid')",
        "import sqlalchemy as sa\nsa.text(f'select 1')",  # no value spliced in
        "from cryptography.hazmat.primitives.ciphers.aead import AESGCM",
    ],
)
def test_should_pass_the_safe_forms(good):
    assert list(findings(good)) == []


def test_should_find_no_banned_pattern_in_the_package():
    found = [
        finding
        for path in sorted(PACKAGE.rglob("*.py"))
        for finding in findings(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    ]
    assert found == []
