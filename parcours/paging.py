"""Pages without a total: one query for a page of rows plus one, never a COUNT.

Django's Paginator counts every matching row before reading the page: on a search that
matches thousands of namesakes, or a centre's ten years of requests, the count costs more
than the page and grows with the history. `LimitPage` reads `per_page + 1` rows: the
extra row says whether there is a "Page suivante". The total is known exactly only on the
last page (`is_last`); elsewhere the page says "plus de N".
"""


class LimitPage:
    num_pages = None  # unknown by design: templates write "Page N" alone

    @staticmethod
    def parse_number(number) -> int:
        try:
            return max(1, int(number))
        except (TypeError, ValueError):
            return 1

    def __init__(self, queryset, number, per_page: int):
        number = self.parse_number(number)
        self.number = number
        self.per_page = per_page
        offset = (number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
        self.object_list = rows[:per_page]
        self.has_next = len(rows) > per_page
        self.start = offset

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def is_last(self) -> bool:
        return not self.has_next

    @property
    def known_count(self) -> int:
        """Rows up to the end of this page: the exact total on the last page, else a floor."""
        return self.start + len(self.object_list)

    @property
    def paginator(self):
        """Compatibility with templates and tests written for Paginator's page: `count` is
        `known_count` (exact on the last page, a floor elsewhere); there is no `num_pages`."""
        return self

    @property
    def count(self) -> int:
        return self.known_count

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)
