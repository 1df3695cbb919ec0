"""Parse a caseload file in a child process with a memory and time limit.

The task worker calls parse_file_isolated() rather than parse_file(): a file that gets past
the caps of reading.py and still needs too much memory or time kills the child, not the
worker, and the worker tells the coordinator in French.
"""

import resource
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from people.importing.errors import ImportFileError
from people.importing.parsing import ParsedFile, parse_file

MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
TIME_LIMIT_SECONDS = 300

TOO_HEAVY_MESSAGE = (
    "La lecture de ce fichier demande trop de mémoire ou de temps : il n'a pas été importé. "
    "Enregistrez la liste au format CSV, ou découpez-la en plusieurs fichiers."
)


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _parse(data: bytes, filename: str, targets: Sequence[str] | None) -> ParsedFile:
    try:
        return parse_file(data, filename, targets=targets)
    except MemoryError as exc:
        raise ImportFileError(TOO_HEAVY_MESSAGE) from exc


def parse_file_isolated(
    data: bytes, filename: str, *, targets: Sequence[str] | None = None
) -> ParsedFile:
    """parse_file() in a fresh process limited to MEMORY_LIMIT_BYTES and TIME_LIMIT_SECONDS."""
    # "spawn": a fresh interpreter, safe from the worker's threads and database connections.
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=get_context("spawn"),
        initializer=_limit_memory,
        initargs=(MEMORY_LIMIT_BYTES,),
    ) as pool:
        future = pool.submit(_parse, data, filename, list(targets) if targets else None)
        try:
            return future.result(timeout=TIME_LIMIT_SECONDS)
        except (BrokenProcessPool, FutureTimeout, MemoryError) as exc:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            raise ImportFileError(TOO_HEAVY_MESSAGE) from exc
