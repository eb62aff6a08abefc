"""The Word writer's tables: the text's tables, with a repeating header row and columns sized
by their words, and the version history (a mixin of DocxWriter)."""

from __future__ import annotations

from docx.shared import Cm, Length, Pt

from ... import model as m
from ...dates import long_date
from . import oxml
from .context import Origin

HISTORY_COLUMNS = ("Version", "Date", "Approved by", "Changes")
CHAR_PT = 7.5  # the width of a wide-ish bold 12 pt Arial letter, for sizing table columns


class TableWriting:
    """Tables, for DocxWriter: it supplies word, sheet, style_ids, revising, runs, inlines."""

    def table(self, block: m.Table, caption: str = "") -> None:
        columns = len(block.header)
        table = self.word.add_table(rows=1 + len(block.rows), cols=columns)
        look = self.sheet.tables
        oxml.set_table_look(table._tbl, look.border, look.cell_padding_pt, caption)
        widths = self._column_widths(block)
        for row_index, (row, cells) in enumerate(
            zip(table.rows, (block.header, *block.rows), strict=True)
        ):
            oxml.keep_row_together(row._tr)
            if row_index == 0:
                oxml.mark_header_row(row._tr)
            op = cells.op if isinstance(cells, m.Revised) else ""
            with self.revising(op):
                if self.revision and self.marks:
                    oxml.mark_row(row._tr, self.marks.new(self.revision))
                for column, (cell, width, content) in enumerate(
                    zip(row.cells, widths, _cells(cells), strict=True)
                ):
                    cell.width = width
                    paragraph = cell.paragraphs[0]
                    with self.coming_from(Origin(self.origin.node, (row_index, column))):
                        self.note_origin(paragraph)
                    style = "Table Heading" if row_index == 0 else "Table Text"
                    oxml.set_paragraph_style(paragraph._p, self.style_ids[style])
                    if row_index == 0:
                        oxml.set_cell_shading(cell._tc, look.header_shading)
                    self.inlines(content.children, self.runs(paragraph))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        self.after_table = True
        self.last_paragraph = None

    def _column_widths(self, block: m.Table) -> list[Length]:
        """Each column gets room for its longest word, then a share of the rest of the width
        by the length of its longest text."""
        rows = [_cells(row) for row in (block.header, *block.rows)]
        texts = [[m.plain_text(row[i].children) for row in rows] for i in range(len(block.header))]
        padding = 2 * self.sheet.tables.cell_padding_pt + 2
        needs = [
            max(len(w) for t in col for w in (t.split() or [""])) * CHAR_PT + padding
            for col in texts
        ]
        weights = [min(max(len(t) for t in col), 60) + 1 for col in texts]
        total = Cm(self.sheet.page.text_width_cm).pt
        spare = total - sum(needs)
        if spare < 0:  # too many long words: share the width by need alone
            widths = [total * need / sum(needs) for need in needs]
        else:
            widths = [
                need + spare * weight / sum(weights)
                for need, weight in zip(needs, weights, strict=True)
            ]
        return [Pt(width) for width in widths]

    def version_history(self, block: m.VersionHistory) -> None:
        def cell(text: str) -> m.Cell:
            return m.Cell((m.Text(text),))

        def row(e: m.HistoryEntry) -> tuple[m.Cell, ...]:
            return cell(e.version), cell(long_date(e.date)), cell(e.approved_by), cell(e.summary)

        self.paragraph((m.Text("Version history"),), "Caption")
        rows = tuple(
            m.Revised(e.op, row(e.node)) if isinstance(e, m.Revised) else row(e)
            for e in block.entries
        )
        header = tuple(cell(name) for name in HISTORY_COLUMNS)
        self.table(m.Table(header, rows, block.line), caption="Version history")


def _cells(row: tuple[m.Cell, ...] | m.Revised) -> tuple[m.Cell, ...]:
    return row.node if isinstance(row, m.Revised) else row
