"""Statistical secrecy: no count from 1 to 4 leaves the team, not even by subtraction.

Primary secrecy: every count from 1 to 4 is shown as "< 5" (0 is shown: it reveals nobody).
Secondary secrecy (INSEE's table-protection method, threshold rule): in every relation
"total = sum of parts" of a table (a column's total, the "Ensemble" column, a line and its
"dont" lines), a single hidden cell could be recomputed from the others; so one more cell of
that relation is hidden — the smallest shown part, else the total — and the relations that
cell belongs to are checked again, until no relation has exactly one hidden cell. Rates and
means are hidden with the counts they come from.

Every figure of the reports goes through `protect()`: pages, bilans, exports, public page.
"""

from reports.tables import COUNT, MEAN, RATE, FigureTable

THRESHOLD = 5
SMALL = "< 5"  # a count from 1 to 4
SECRET = "secret"  # a larger count hidden so that a small one cannot be recomputed
NOT_APPLICABLE = "–"  # a rate over nobody


def hidden_cells(table: FigureTable) -> tuple[set, set]:
    """(primary, secondary) sets of hidden count cells."""
    primary = {
        (r, c)
        for r, row in enumerate(table.rows)
        if row.kind == COUNT
        for c, value in enumerate(row.values)
        if 0 < value < THRESHOLD
    }
    hidden = set(primary)
    relations = table.relations + table.column_relations()

    def value(cell):
        return table.rows[cell[0]].values[cell[1]]

    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            if sum(cell in hidden for cell in (total, *parts)) != 1:
                continue
            shown_parts = [cell for cell in parts if cell not in hidden]
            positive = [cell for cell in shown_parts if value(cell) > 0]
            if positive:
                pick = min(positive, key=lambda cell: (value(cell), cell))
            elif total not in hidden:
                pick = total
            else:
                pick = shown_parts[0]
            hidden.add(pick)
            changed = True
    return primary, hidden - primary


def format_count(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def format_decimal(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def protect(table: FigureTable) -> list[dict]:
    """The table's rows as shown outside the team: [{label, level, kind, cells}], each cell
    {"value": number or None when hidden, "display": French text}."""
    primary, secondary = hidden_cells(table)
    hidden = primary | secondary
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row.values):
            if row.kind == COUNT:
                if (r, c) in primary:
                    cells.append({"value": None, "display": SMALL})
                elif (r, c) in secondary:
                    cells.append({"value": None, "display": SECRET})
                else:
                    cells.append({"value": value, "display": format_count(value)})
                continue
            sources = [row.denominator] + ([row.numerator] if row.kind == RATE else [])
            if any((source, c) in hidden for source in sources):
                cells.append({"value": None, "display": SECRET})
            elif value is None or table.rows[row.denominator].values[c] == 0:
                cells.append({"value": None, "display": NOT_APPLICABLE})
            elif row.kind == RATE:
                rounded = round(value, 1)
                cells.append({"value": rounded, "display": f"{format_decimal(rounded)}\u202f%"})
            else:
                assert row.kind == MEAN
                rounded = round(value, 1)
                cells.append({"value": rounded, "display": format_decimal(rounded)})
        rows.append({"label": row.label, "level": row.level, "kind": row.kind, "cells": cells})
    return rows
