"""Importing an existing caseload spreadsheet (CSV or XLSX) into Parcours.

- reading.py: bytes to a table of raw cells (format, encoding, delimiter, header row), within
  the caps that keep a hostile file from tying up the server.
- headers.py: the one table of known column titles (KNOWN_TITLES), the targets of the
  mapping screen, column titles to canonical field names.
- values.py: one cleaner per kind of cell (dates, phones, names...).
- parsing.py: cleaned rows with their problems, duplicates within the file, parse_file().
- matching.py: neighbourhoods, needs and employment situations recognised in a cell.
- isolated.py: parse_file() in a child process with a memory and time limit (task worker).
"""
