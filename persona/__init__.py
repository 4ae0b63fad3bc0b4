"""Persona engine: measured signals and generators. No Slack and no SQL in here."""
