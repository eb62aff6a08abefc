"""Edit a Word file in LibreOffice with Track Changes on, as a reviewer would, and save it.

Run with Debian's Python, which has LibreOffice's UNO bridge (package python3-uno):

    /usr/bin/python3 tests/libreoffice_edit.py IN.docx OUT.docx EDITS.json

EDITS.json is a list of edits, each {"author": ..., "do": ..., ...}:
- {"do": "replace", "old": "words", "new": "other words"}: the first place `old` appears;
- {"do": "paragraph after", "after": "words", "new": "A new paragraph."}: Enter at the end of
  the paragraph holding `after`, then the new words;
- {"do": "delete paragraph", "containing": "words"}: the whole paragraph, with its mark;
- {"do": "comment", "on": "words", "text": "The comment."}.
LibreOffice starts headless with a profile of its own in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str, process: subprocess.Popen) -> object:
    context = uno.getComponentContext()
    resolver = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", context
    )
    while True:  # LibreOffice takes its time to start on a busy machine: wait for it, or for it
        try:  # to end
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None:
                raise RuntimeError("LibreOffice stopped before it could be reached") from None
            time.sleep(0.2)


def _set_author(context: object, author: str) -> None:
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_property("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = author.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def _find(document: object, words: str) -> object:
    search = document.createSearchDescriptor()
    search.SearchString = words
    found = document.findFirst(search)
    if found is None:
        raise SystemExit(f"not found in the document: {words!r}")
    return found


def edit(document: object, context: object, change: dict) -> None:
    _set_author(context, change["author"])
    if change["do"] == "replace":
        found = _find(document, change["old"])
        found.setString(change["new"])
    elif change["do"] == "paragraph after":
        found = _find(document, change["after"])
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        found.getText().insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
        found.getText().insertString(cursor, change["new"], False)
    elif change["do"] == "delete paragraph":
        found = _find(document, change["containing"])
        cursor = found.getText().createTextCursorByRange(found.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # and its paragraph mark
        cursor.setString("")
    elif change["do"] == "comment":
        found = _find(document, change["on"])
        note = document.createInstance("com.sun.star.text.textfield.Annotation")
        note.Author = change["author"]
        note.Content = change["text"]
        found.getText().insertTextContent(found.getStart(), note, False)
    else:
        raise SystemExit(f"unknown edit {change['do']!r}")


def main(source: str, target: str, edits_file: str) -> None:
    edits = json.loads(Path(edits_file).read_text(encoding="utf-8"))
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"toolkit-review-{os.getpid()}"
        process = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            context = _connect(pipe, process)
            desktop = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
            copy = Path(profile) / "in.docx"  # its lock file goes here, not beside the input
            shutil.copy(source, copy)
            url = uno.systemPathToFileUrl(str(copy))
            document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
            document.RecordChanges = True
            for change in edits:
                edit(document, context, change)
            out = uno.systemPathToFileUrl(str(Path(target).resolve()))
            document.storeToURL(out, (_property("FilterName", "MS Word 2007 XML"),))
            document.close(True)
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main(*sys.argv[1:4])
