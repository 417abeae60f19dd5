"""Data protection: information-sharing agreements and the disclosure log, subject access
requests, and retention (schedule, legal holds, destruction with a certificate)."""
