"""The one exception of the import: the whole file is refused."""


class ImportFileError(ValueError):
    """The file cannot be imported at all; the message is French and shown as is."""
