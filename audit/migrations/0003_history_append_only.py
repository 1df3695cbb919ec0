"""The access log and the history tables refuse UPDATE and DELETE (PostgreSQL trigger).

Allowed: an UPDATE that only changes the listed columns (a user deleted: SET NULL on
"who"; a merge moving a file's history onto the kept file), and anything in a transaction
where the retention job set `parcours.history_write` (audit.retention.history_write_allowed).
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION parcours_history_guard() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('parcours.history_write', true), '') = 'retention' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - TG_ARGV) = (to_jsonb(OLD) - TG_ARGV) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Parcours: % on % refused, this history is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""

# table -> columns an UPDATE may change (foreign keys set to NULL or moved by a merge)
TABLES = {
    "audit_accesslog": ["actor_id"],
    "people_personchange": ["person_id", "changed_by_id"],
    "reception_requesttransition": ["by_id"],
}


def _create():
    statements = [FUNCTION]
    for table, columns in TABLES.items():
        arguments = ", ".join(f"'{column}'" for column in columns)
        statements.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION parcours_history_guard({arguments});"
        )
    return "\n".join(statements)


def _drop():
    statements = [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in TABLES]
    statements.append("DROP FUNCTION IF EXISTS parcours_history_guard();")
    return "\n".join(statements)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_read_log_retention_rights"),
        ("people", "0006_person_privacy_and_version"),
        ("reception", "0002_handoff_to_colleague"),
    ]

    operations = [migrations.RunSQL(sql=_create(), reverse_sql=_drop())]
