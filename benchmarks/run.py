"""`make bench`: every page that matters at two sizes, in one run, as ratios.

    BENCH_PERSONS=100000 BENCH_SMALL=10000 make bench

Two databases (`<DATABASE_URL's name>_bench_small` and `_bench_large`), built once with
`seed_synthetic` and reused while the schema and generators are unchanged. Requests
alternate between them (small then large, then large then small), after warm-up rounds;
medians and 95th percentiles, their ratios and the query counts at both sizes; then the
public centre page's throughput under gunicorn against the minimal view's. Writes
var/bench.json, prints the table and exits non-zero when a target is missed.

Targets (issue 20): p95 large/small ≤ 1.5 for every page, identical query counts, the
correctly spelt search ≤ 2× the exact lookup (by phone) and the misspelt one ≤ 5×, the
public page's throughput ≥ 0.5× the minimal view's, a year's figures for the whole service
≤ 3× the person's file (p95 on the large base).
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P95_RATIO = 1.5
SEARCH_EXACT_FACTOR = 2.0
SEARCH_MISSPELT_FACTOR = 5.0
PUBLIC_THROUGHPUT = 0.5
BILAN_FACTOR = 3.0


def log(message: str) -> None:
    print(message, flush=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings.test")
    if not os.environ.get("DATABASE_URL"):
        sys.exit("make bench needs DATABASE_URL (a PostgreSQL server where it may create bases).")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host


def _url_for(name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def check(rows: list[dict], serving: dict | None) -> list[str]:
    """The targets missed, in French, one line each."""
    missed = []
    by_name = {row["page"]: row for row in rows}
    for row in rows:
        if row["page"] != "minimal" and row["p95_ratio"] > P95_RATIO:
            missed.append(f"{row['label']} : p95 ×{row['p95_ratio']} (cible ≤ {P95_RATIO})")
        if not row["same_queries"]:
            missed.append(f"{row['label']} : nombre de requêtes différent selon la taille")
        if any(
            row[size]["status"] != (302 if row["page"] == "minimal" else 200)
            for size in ("small", "large")
        ):
            missed.append(f"{row['label']} : statut HTTP inattendu")
    lookup = by_name["search_lookup"]["large"]["p95_ms"]
    for name, factor in (
        ("search_exact", SEARCH_EXACT_FACTOR),
        ("search_misspelt", SEARCH_MISSPELT_FACTOR),
    ):
        ratio = by_name[name]["large"]["p95_ms"] / lookup
        by_name[name]["vs_lookup"] = round(ratio, 2)
        if ratio > factor:
            missed.append(
                f"{by_name[name]['label']} : ×{ratio:.2f} la recherche exacte (cible ≤ {factor})"
            )
    if "bilan_service" in by_name:
        row = by_name["bilan_service"]
        ratio = row["large"]["p95_ms"] / by_name["person_file"]["large"]["p95_ms"]
        row["vs_file"] = round(ratio, 2)
        if ratio > BILAN_FACTOR:
            missed.append(f"{row['label']} : ×{ratio:.2f} la fiche (cible ≤ {BILAN_FACTOR})")
    if serving and serving["ratio"] < PUBLIC_THROUGHPUT:
        missed.append(
            f"Page publique : {serving['ratio']}× le débit de la vue minimale "
            f"(cible ≥ {PUBLIC_THROUGHPUT})"
        )
    return missed


def table(rows: list[dict], small: int, large: int) -> str:
    lines = [
        f"| Page | médiane {small:,} | p95 {small:,} | médiane {large:,} | p95 {large:,} "
        "| ratio p95 | requêtes |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        s, g = row["small"], row["large"]
        queries = "/".join(str(q) for q in s["queries"])
        if not row["same_queries"]:
            queries += " ≠ " + "/".join(str(q) for q in g["queries"])
        extra = f" (×{row['vs_lookup']} l’exacte)" if "vs_lookup" in row else ""
        if "vs_file" in row:
            extra = f" (×{row['vs_file']} la fiche, cible ≤ {BILAN_FACTOR:g})"
        lines.append(
            f"| {row['label']}{extra} | {s['median_ms']:.1f} ms | {s['p95_ms']:.1f} ms "
            f"| {g['median_ms']:.1f} ms | {g['p95_ms']:.1f} ms | {row['p95_ratio']:.2f} "
            f"| {queries} |"
        )
    return "\n".join(lines)


def computations(wrappers: dict) -> list[dict]:
    """What computing the figures the pages read from snapshots cost, at both sizes: the
    snapshots' own record (`computed_ms`), written by the first request of the warm-up."""
    from benchmarks.databases import use
    from reports.models import FigureSnapshot

    found = {}
    for size, wrapper in wrappers.items():
        use(wrapper)
        for snapshot in FigureSnapshot.objects.order_by("indicators", "pk"):
            key = (snapshot.indicators, len(snapshot.centre_ids), str(snapshot.period_start),
                   str(snapshot.period_end))  # fmt: skip
            found.setdefault(key, {})[size] = snapshot.computed_ms
    return [
        {
            "indicators": indicators,
            "centres": centres,
            "period": f"{start} – {end}",
            "small_ms": sizes.get("small"),
            "large_ms": sizes.get("large"),
        }
        for (indicators, centres, start, end), sizes in sorted(found.items())
    ]


def computations_table(rows: list[dict], small: int, large: int) -> str:
    lines = [
        "Calcul des chiffres lus ensuite dans leur instantané (première lecture du jour, ou "
        "après un changement) :",
        f"| Indicateurs | centres | période | {small:,} | {large:,} |",
        "|---|---:|---|---:|---:|",
    ]
    for row in rows:
        what = "tous" if row["indicators"] == "all" else row["indicators"]
        lines.append(
            f"| {what} | {row['centres']} | {row['period']} | {row['small_ms'] or '–'} ms "
            f"| {row['large_ms'] or '–'} ms |"
        )
    return "\n".join(lines)


def main() -> int:
    setup_django()
    from django.conf import settings
    from django.urls import reverse

    from benchmarks import databases, pages, serving

    large = int(os.environ.get("BENCH_PERSONS", "100000"))
    small = int(os.environ.get("BENCH_SMALL", "10000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "20"))
    warmup = int(os.environ.get("BENCH_WARMUP", "3"))
    base = settings.DATABASES["default"]["NAME"]
    names = {"small": f"{base}_bench_small", "large": f"{base}_bench_large"}
    started = time.perf_counter()
    wrappers = {
        "small": databases.prepare(names["small"], small, log),
        "large": databases.prepare(names["large"], large, log),
    }
    log(f"Mesure : {rounds} tours (+{warmup} d’échauffement), petite et grande base alternées")
    all_pages = pages.pages()
    pages.measure(all_pages, wrappers, rounds, warmup, log)
    rows = [pages.summary(page) for page in all_pages]
    computed = computations(wrappers)
    serving_result = None
    if os.environ.get("BENCH_SERVING", "1") == "1":
        log("Débit sous gunicorn (page publique d’un centre, vue minimale)…")
        serving_result = serving.public_throughput(
            _url_for(names["large"]),
            reverse("directory:centre_detail", kwargs={"slug": "grand-air"}),
            log,
        )
    missed = check(rows, serving_result)
    report = {
        "persons": {"small": small, "large": large},
        "rounds": rounds,
        "pages": rows,
        "serving": serving_result,
        "computations": computed,
        "missed": missed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    log("")
    log(table(rows, small, large))
    log("\n" + computations_table(computed, small, large))
    if serving_result:
        rates = serving_result["requests_per_second"]
        log(
            f"\nGunicorn ({serving_result['workers']} workers, {serving_result['clients']} "
            f"clients) : vue minimale {rates['minimal']:.0f} req/s, page publique "
            f"{rates['public_centre']:.0f} req/s (×{serving_result['ratio']}), revalidée "
            f"(ETag) {rates['public_centre_revalidated']:.0f} req/s "
            f"(×{serving_result['ratio_revalidated']})"
        )
    log(f"\nvar/bench.json écrit en {report['seconds']:.0f} s.")
    if missed:
        log("Cibles manquées :\n- " + "\n- ".join(missed))
        return 1
    log("Toutes les cibles sont tenues.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
