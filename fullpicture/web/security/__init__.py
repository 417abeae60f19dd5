"""Authentication and request security: passwords, sessions, TOTP, throttling and CSRF."""
