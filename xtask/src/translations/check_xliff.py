"""Reads an exported XLIFF file with translate-toolkit, independently of the Rust code that
wrote it, and compares every unit with what Vigil's files hold.

usage: check_xliff.py EXPECTED.json FILE.xlf
       check_xliff.py --resave FILE.xlf OUT.xlf ORIGINAL ID TEXT

EXPECTED.json lists, per unit, its file, id, English text, translation (or null) and state. Each
unit must be there once, and its source and target, read as translate-toolkit reads them with
every inline code put back as its equiv-text, must be exactly the English and the translation;
every inline code must be one of the placeholders and carry Vigil's ctype.
"""

import json
import sys

from translate.storage import xliff
from translate.storage.placeables.xliff import X

CTYPES = {"x-vigil-placeholder", "x-vigil-interpolation"}


def render(rich, problems, where):
    out = []
    for tree in rich or []:
        for leaf in tree.flatten():
            if isinstance(leaf, X):
                attrib = leaf.xml_attrib or {}
                if attrib.get("ctype") not in CTYPES:
                    problems.append(f"{where}: inline code without Vigil's ctype: {attrib}")
                out.append(attrib.get("equiv-text", ""))
            else:
                out.append("".join(s for s in leaf.sub if isinstance(s, str)))
    return "".join(out)


def main(expected_path, xlf_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = {(u["file"], u["id"]): u for u in json.load(f)}
    store = xliff.xlifffile.parsefile(xlf_path)
    problems = []
    seen = set()
    for unit in store.units:
        if unit.isheader():
            continue
        file, _, uid = unit.getid().rpartition("\x04")
        where = f"{xlf_path}: {file} {uid}"
        key = (file, uid)
        if key in seen:
            problems.append(f"{where}: twice")
        seen.add(key)
        want = expected.get(key)
        if want is None:
            problems.append(f"{where}: not a text of Vigil's")
            continue
        source = render(unit.rich_source, problems, where)
        if source != want["english"]:
            problems.append(f"{where}: source reads {source!r}, English is {want['english']!r}")
        target = render(unit.rich_target, problems, where) if unit.target else ""
        if (want["text"] or "") != target and want["state"] != "new":
            problems.append(f"{where}: target reads {target!r}, the translation is {want['text']!r}")
        if want["state"] == "new" and unit.istranslated():
            problems.append(f"{where}: a missing text reads as translated")
    for key in expected.keys() - seen:
        problems.append(f"{xlf_path}: {key[0]} {key[1]}: missing")
    for problem in problems:
        print(problem)
    print(f"{xlf_path}: translate-toolkit read {len(seen)} units, {len(problems)} problem(s)")
    return 1 if problems else 0


def resave(xlf_path, out_path, original, uid, text):
    """Sets one unit's target and saves the file as translate-toolkit writes it (its own
    attribute order and escaping), the way a CAT tool gives a file back."""
    store = xliff.xlifffile.parsefile(xlf_path)
    for unit in store.units:
        if unit.getid() == f"{original}\x04{uid}":
            unit.target = text
            store.savefile(out_path)
            return 0
    print(f"{xlf_path}: no unit {original} {uid}")
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "--resave":
        sys.exit(resave(*sys.argv[2:]))
    sys.exit(main(*sys.argv[1:]))
