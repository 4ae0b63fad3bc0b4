"""The "get a persona" use case: find the contact, load its history, reuse or generate, store.

The CLI and the Slack app both call this; nothing else orchestrates CRM, persona and storage.
(Placeholder: filled in once storage lands.)
"""
