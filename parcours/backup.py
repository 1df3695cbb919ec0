"""`make backup` and `make restore`: pg_dump / pg_restore of the application's database.

    python -m parcours.backup dump [FILE]      # default var/backups/parcours-<date>.dump
    python -m parcours.backup restore FILE     # replaces the database's content with FILE's

With DATABASE_URL the system's pg_dump / pg_restore are used (their version must be at least
the server's); without it, the embedded PostgreSQL is started if needed and the wheel's own
tools are used. The dump is PostgreSQL's custom format (compressed, restorable table by table).
"""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from parcours import embedded_db

BACKUP_DIR = Path(__file__).resolve().parent.parent / "var" / "backups"


def _libpq_url(url: str) -> str:
    # dj-database-url accepts postgres:// and postgresql://; libpq wants postgresql://.
    return "postgresql://" + url.split("://", 1)[1] if url.startswith("postgres://") else url


def _tool(program: str, embedded: bool) -> str:
    if embedded:
        return embedded_db.bin_path(program)
    found = shutil.which(program)
    if not found:
        raise SystemExit(
            f"{program} est introuvable : installez le client PostgreSQL "
            "(apt-get install postgresql-client)."
        )
    return found


def _database_url() -> tuple[str, bool]:
    if os.environ.get("DATABASE_URL"):
        return _libpq_url(os.environ["DATABASE_URL"]), False
    return embedded_db.start_for_process(), True


def dump(target: Path | None = None) -> Path:
    url, embedded = _database_url()
    if target is None:
        BACKUP_DIR.mkdir(parents=True, exist_ok=True)
        target = BACKUP_DIR / f"parcours-{datetime.now():%Y%m%d-%H%M%S}.dump"
    subprocess.run(
        [_tool("pg_dump", embedded), "--format=custom", "--no-owner", "--file", str(target), url],
        check=True,
    )
    return target


def restore(source: Path) -> None:
    if not source.is_file():
        raise SystemExit(f"Fichier de sauvegarde introuvable : {source}")
    url, embedded = _database_url()
    subprocess.run(
        [
            _tool("pg_restore", embedded),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            url,
            str(source),
        ],
        check=True,
    )


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "dump":
        path = dump(Path(argv[1]) if len(argv) > 1 else None)
        print(f"Sauvegarde écrite : {path}")
        return 0
    if len(argv) == 2 and argv[0] == "restore":
        restore(Path(argv[1]))
        print(f"Base restaurée depuis {argv[1]}")
        return 0
    print("Usage : python -m parcours.backup dump [FICHIER] | restore FICHIER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
