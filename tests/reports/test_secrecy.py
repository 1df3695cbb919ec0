"""Statistical secrecy: no count from 1 to 4, and nothing that lets one be recomputed."""

import random

from reports.secrecy import SECRET, SMALL, hidden_cells, protect
from reports.tables import FigureTable


def displays(table):
    return [[cell["display"] for cell in row["cells"]] for row in protect(table)]


def test_a_count_of_3_reads_less_than_5_and_zero_stays_zero():
    table = FigureTable(columns=["Grand Air"])
    table.add("Passages", [3])
    table.add("Ateliers", [0])
    table.add("Demandes", [1234])
    assert displays(table) == [[SMALL], ["0"], ["1\u202f234"]]


def test_the_total_column_does_not_give_a_small_count_away():
    table = FigureTable(columns=["Grand Air", "Espéranto", "Ensemble"], has_total_column=True)
    table.add("Passages", [3, 10, 13])
    # 13 − 10 would give the 3 back: the smallest other part is hidden too.
    assert displays(table) == [[SMALL, SECRET, "13"]]


def test_a_line_and_its_parts_hide_a_second_cell():
    table = FigureTable(columns=["Grand Air"])
    total = table.add("Personnes reçues", [20])
    parts = [table.add("Femmes", [3], level=1), table.add("Hommes", [17], level=1)]
    table.sum_of(total, parts)
    assert displays(table) == [["20"], [SMALL], [SECRET]]


def test_when_the_other_parts_are_zero_the_total_is_hidden():
    table = FigureTable(columns=["Grand Air"])
    total = table.add("Personnes reçues", [3])
    table.sum_of(total, [table.add("Femmes", [3], level=1), table.add("Hommes", [0], level=1)])
    assert displays(table) == [[SMALL], [SMALL], ["0"]]


def test_hiding_cascades_across_rows_and_columns():
    table = FigureTable(columns=["Grand Air", "Espéranto", "Ensemble"], has_total_column=True)
    total = table.add("Personnes reçues", [30, 40, 70])
    women = table.add("Femmes", [2, 25, 27], level=1)
    men = table.add("Hommes", [28, 15, 43], level=1)
    table.sum_of(total, [women, men])
    primary, secondary = hidden_cells(table)
    assert primary == {(1, 0)}
    hidden = primary | secondary
    for cell_total, parts in table.relations + table.column_relations():
        assert sum(cell in hidden for cell in (cell_total, *parts)) != 1


def test_rates_and_means_are_hidden_with_their_counts():
    table = FigureTable(columns=["Grand Air", "Espéranto"])
    received = table.add("Personnes reçues", [3, 10])
    accompanied = table.add("dont accompagnées", [2, 6], level=1)
    table.add_rate("Part accompagnée (sur les personnes reçues)", accompanied, received)
    table.add_mean("Délai moyen (sur les personnes reçues)", [4.0, 12.25], received)
    assert displays(table)[2:] == [[SECRET, "60,0\u202f%"], [SECRET, "12,2"]]


def test_no_relation_is_ever_left_with_a_single_hidden_cell():
    rng = random.Random(18)
    for _ in range(300):
        centres = rng.randint(2, 4)
        table = FigureTable(columns=[f"C{i}" for i in range(centres)] + ["Ensemble"])
        table.has_total_column = True
        parts = [[rng.choice([0, 1, 2, 3, 4, 5, 8, 20]) for _ in range(centres)] for _ in range(3)]
        totals = [sum(column) for column in zip(*parts, strict=True)]
        total = table.add("Total", [*totals, sum(totals)])
        rows = [table.add(f"Partie {i}", [*p, sum(p)], level=1) for i, p in enumerate(parts)]
        table.sum_of(total, rows)
        primary, secondary = hidden_cells(table)
        hidden = primary | secondary
        for cell_total, cells in table.relations + table.column_relations():
            assert sum(cell in hidden for cell in (cell_total, *cells)) != 1
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row.values):
                if 0 < value < 5:
                    assert (r, c) in primary
