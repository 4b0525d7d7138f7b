"""Exceptions that the command line turns into a clear message and an exit status."""


class FitpostError(Exception):
    """Base of fitpost's own errors: the message is meant for the user."""


class ModelNotFound(FitpostError):
    """The spaCy pipeline asked for is not installed."""
