"""Importing an existing caseload spreadsheet (CSV or XLSX) into Parcours.

- reading.py: bytes to a table of raw cells (format, encoding, delimiter, header row).
- headers.py: column titles to canonical field names.
- values.py: one cleaner per kind of cell (dates, phones, names...).
- parsing.py: cleaned rows with their problems, duplicates within the file, parse_file().
"""
