"""The secure web application (FastAPI + Jinja2 + GOV.UK Frontend) and its JSON API.

Start with :func:`fullpicture.web.app.create_app`. Security decisions live in ``security/``
(passwords, sessions, second factor, throttling, CSRF) and ``access.py`` (who may see which
child); every route's role policy is declared in ``policy.toml``.
"""
