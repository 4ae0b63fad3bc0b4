"""Persona Bot: settings, the "get a persona" use case, and the command line."""
