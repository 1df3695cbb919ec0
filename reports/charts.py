"""Charts drawn on the server as SVG with pygal; each one sits next to its data table.

No script in the SVG (pygal's tooltips are switched off): the chart is an image, read the
same in the browser, in the PDF and without JavaScript. Hidden figures (statistical
secrecy) are not drawn: the table says "< 5" or "secret" instead.
"""

import base64
import re

import pygal
from pygal.style import Style

from reports.registry import TOTAL_COLUMN

# Colours with at least 3:1 contrast against white between bars (WCAG 1.4.11).
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f1f1f",
    foreground_strong="#1f1f1f",
    foreground_subtle="#595959",
    colors=("#000091", "#b34000", "#18753c", "#6e445a", "#3a3a3a"),
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
    title_font_size=14,
)


SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def chart_svg(figure: dict) -> str | None:
    """A horizontal bar chart of the figure's chart rows, one series per centre (or the one
    column); None when the figure has no chart or nothing to draw."""
    rows = [figure["rows"][index] for index in figure.get("chart_rows") or []]
    if not rows:
        return None
    columns = list(figure["columns"])
    indexes = [i for i, name in enumerate(columns) if name != TOTAL_COLUMN or len(columns) == 1]
    series = [(columns[i], [row["cells"][i]["value"] for row in rows]) for i in indexes]
    if not any(value for _, values in series for value in values):
        return None
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=720,
        height=max(220, 60 + 34 * len(rows) * max(1, len(series) // 2 + 1)),
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=True,
        print_zeroes=False,
        truncate_label=60,
        truncate_legend=40,
        min_scale=1,
        max_scale=10,
        value_formatter=lambda value: f"{value:,.0f}".replace(",", "\u202f"),
    )
    chart.x_labels = [row["label"].removeprefix("dont ") for row in rows]
    for name, values in series:
        chart.add(name, values)
    # pygal writes its config in a <script> even without tooltips: drop it.
    return SCRIPT.sub("", chart.render(is_unicode=True))


def chart_data_uri(figure: dict) -> str | None:
    svg = chart_svg(figure)
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
