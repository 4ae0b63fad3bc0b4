"""Errors an adapter raises; their messages are written for the person who asked."""


class CrmError(Exception):
    """The CRM could not answer (unreachable, server error, bad data). Safe to show."""


class CrmAuthError(CrmError):
    """The CRM refused our credentials or they lack a scope."""


class CrmDataError(CrmError):
    """The CRM's data could not be parsed (e.g. an invalid export file)."""


class ContactNotFound(CrmError):
    """No contact has this id (it may have been deleted since it was found)."""
