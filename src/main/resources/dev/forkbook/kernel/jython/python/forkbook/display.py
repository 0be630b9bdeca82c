"""Tables for Forkbook notebooks: Table(rows, headers), and the row cap shared with lists of dicts."""
from dev.forkbook.kernel.jython import TableHtml

#: How many rows a table shows before "... N more rows" (also for a list of dicts).
max_rows = 50


class Table(object):
    """Rows (sequences) with optional headers, shown as an HTML table."""

    def __init__(self, rows, headers=None):
        self.rows = [list(row) for row in rows]
        self.headers = list(headers) if headers is not None else []

    def _repr_html_(self):
        return TableHtml.render([unicode(h) for h in self.headers],
                                [[unicode(cell) for cell in row] for row in self.rows], max_rows)

    def __repr__(self):
        lines = []
        if self.headers:
            lines.append('\t'.join(unicode(h) for h in self.headers))
        for row in self.rows[:max_rows]:
            lines.append('\t'.join(unicode(cell) for cell in row))
        if len(self.rows) > max_rows:
            lines.append(u'\u2026 %d more rows' % (len(self.rows) - max_rows))
        return u'\n'.join(lines).encode('utf-8')
