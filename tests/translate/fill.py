"""Fills the targets of an XLIFF file the way a translation tool does.

Used by tests/it/translate.rs: reads the file helder exported with
translate-toolkit (a real XLIFF library), gives every unit a target made
from its source (the text in capitals, so a test can find it; the inline
codes <g> and <ph> kept as the library parsed them, also in capitals, which
helder must ignore), leaves the units named on the command line without a
target, and saves the file with the library.

    python fill.py IN.xlf OUT.xlf [PAGE.md#UNIT-ID ...]

PAGE.md is the end of the page's path (`witte-pet.md#b2`).
"""

import sys

from translate.storage import factory
from translate.storage.placeables import StringElem


def shout(elem):
    """The element with its text (and that of its children) in capitals."""
    for i, sub in enumerate(elem.sub):
        if isinstance(sub, StringElem):
            shout(sub)
        else:
            elem.sub[i] = sub.upper()
    return elem


def main():
    source, target, *skipped = sys.argv[1:]
    store = factory.getobject(source)
    filled = 0
    for unit in store.units:
        if unit.isheader():
            continue
        # translate-toolkit names a unit by its file and its id.
        page, _, unit_id = unit.getid().rpartition("\x04")
        if any(page.endswith(s.split("#")[0]) and unit_id == s.split("#")[1] for s in skipped):
            continue
        unit.rich_target = [shout(e.copy()) for e in unit.rich_source]
        filled += 1
    store.savefile(target)
    print(f"filled {filled} units")


if __name__ == "__main__":
    main()
