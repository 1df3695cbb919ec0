#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings.base")
    from parcours import embedded_db

    # Without DATABASE_URL, the commands that use the database start the embedded
    # PostgreSQL (and stop it at exit if no other process uses it); the others start nothing.
    if embedded_db.is_embedded_wanted() and embedded_db.command_needs_database(sys.argv):
        embedded_db.start_for_process()

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
