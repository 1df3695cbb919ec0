"""A figure table: rows × columns of counts, rates and means, and how its cells add up.

An indicator's `compute(scope)` returns a `FigureTable`. The table knows which cells are
sums of others (`relations`), so that statistical secrecy (reports.secrecy) can hide, next
to every count from 1 to 4, enough other cells that none can be found again by subtraction.
Rates and means are derived from count rows and hidden with them.
"""

from dataclasses import dataclass, field

COUNT, RATE, MEAN = "count", "rate", "mean"

Cell = tuple[int, int]  # (row index, column index)


@dataclass
class Row:
    label: str
    values: list
    kind: str = COUNT
    level: int = 0  # 1: a "dont" line, indented under the line above
    numerator: int | None = None  # rate: the row counted
    denominator: int | None = None  # rate: the row it is divided by; mean: the row it averages


@dataclass
class FigureTable:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    # (total cell, part cells): the total is the sum of the parts (or at most it, e.g. for
    # people counted once across centres). Secondary suppression reads them.
    relations: list[tuple[Cell, list[Cell]]] = field(default_factory=list)
    # The last column is "Ensemble" (all the centres of the scope): each count row's last
    # cell is then related to the cells of its row.
    has_total_column: bool = False
    # Rows drawn in the chart (count rows), and the chart's kind; None: no chart.
    chart_rows: list[int] = field(default_factory=list)
    note: str = ""

    def add(self, label: str, values: list, *, level: int = 0) -> int:
        self.rows.append(Row(label=label, values=[int(v or 0) for v in values], level=level))
        return len(self.rows) - 1

    def add_rate(self, label: str, numerator: int, denominator: int, *, level: int = 0) -> int:
        """A percentage of two count rows of this table; the label names the denominator."""
        pairs = zip(self.rows[numerator].values, self.rows[denominator].values, strict=True)
        values = [(num * 100 / den) if den else None for num, den in pairs]
        self.rows.append(
            Row(label, values, RATE, level, numerator=numerator, denominator=denominator)
        )
        return len(self.rows) - 1

    def add_mean(self, label: str, values: list, base: int, *, level: int = 0) -> int:
        """An average over the units counted in row `base` (hidden when that count is)."""
        values = [float(v) if v is not None else None for v in values]
        self.rows.append(Row(label, values, MEAN, level, denominator=base))
        return len(self.rows) - 1

    def sum_of(self, total: int, parts: list[int]) -> None:
        """Row `total` is the sum of rows `parts`, column by column."""
        for column in range(len(self.columns)):
            self.relations.append(((total, column), [(part, column) for part in parts]))

    def column_relations(self) -> list[tuple[Cell, list[Cell]]]:
        if not self.has_total_column:
            return []
        last = len(self.columns) - 1
        return [
            ((index, last), [(index, column) for column in range(last)])
            for index, row in enumerate(self.rows)
            if row.kind == COUNT
        ]
