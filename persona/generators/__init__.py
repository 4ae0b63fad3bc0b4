"""Generators turn a history and its measured signals into a Persona."""
