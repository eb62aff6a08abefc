"""Reviewers' tracked changes and comments in a Word file, brought back into the Markdown source.

- `wordml.py` reads a reviewed DOCX (as Word or LibreOffice saved it): paragraphs of pieces of
  text, each kept, inserted or deleted by a reviewer; paragraph marks and table rows that were
  inserted or deleted; comments; formatting changes; the properties that say which source the
  file was built from.
- `origins.py` renders the current source to Word again, in memory, noting where each paragraph
  comes from (a heading, a paragraph, a list item, a table cell, a box title, the settings, or
  a generated part such as the cover).
- `sourcemap.py` finds, for a paragraph's words, the characters of content/toolkit.md (or the
  line of content/settings.yml) they come from.
- `changes.py` turns the reviewed paragraphs into changes placed in the source, each applicable
  or not, with why; `merge.py` merges several reviewers, finds conflicts and writes the source;
  `report.py` says it all in words.
"""
