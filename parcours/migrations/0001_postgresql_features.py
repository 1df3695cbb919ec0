from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The rate limits and page cache live in PostgreSQL unless REDIS_URL is set.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    # The extensions come before any index that uses them (pg_trgm for people's search).
    run_before = [("people", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        CreateExtension("fuzzystrmatch"),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
