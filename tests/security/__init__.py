"""Specifications of the security hardening (OWASP ASVS level 2): one module per concern."""
