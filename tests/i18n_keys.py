#!/usr/bin/env python3
"""Checks a theme strings file against en.yaml: the same keys, the same
shape (words, list, words per version, words by number), the same
placeholders in every string, and every plural form the language has.

    python3 tests/i18n_keys.py [en.yaml] [cy.yaml] [lang]

Exit 1 and a list of problems if anything differs. Words left the same as
the English are listed as a note (some are right: "Cost", "Braille").
"""
import re
import sys

import yaml

PLURAL = {"zero", "one", "two", "few", "many", "other"}
# CLDR cardinal categories per language (integers).
FORMS = {"en": {"one", "other"}, "cy": PLURAL}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def kind(v):
    if isinstance(v, (str, int, float)):
        return "text"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "plural" if set(v) <= PLURAL else "versions"
    return "?"


def holes(s):
    return set(PLACEHOLDER.findall(str(s)))


def compare(key, en, cy, lang, problems, same, where=""):
    at = f"{key}{where}"
    ke, kc = kind(en), kind(cy)
    if ke != kc:
        problems.append(f"{at}: English has {ke}, this file has {kc}")
        return
    if ke == "text":
        if holes(en) != holes(cy):
            problems.append(f"{at}: placeholders {sorted(holes(en))} in English, {sorted(holes(cy))} here")
        if str(en) == str(cy) and str(en).strip():
            same.append(at)
    elif ke == "list":
        if len(en) != len(cy):
            problems.append(f"{at}: {len(en)} items in English, {len(cy)} here")
    elif ke == "plural":
        want = FORMS.get(lang, PLURAL)
        if set(cy) != want:
            problems.append(f"{at}: plural forms {sorted(cy)}, {lang} needs {sorted(want)}")
        expect = holes(en["other"])
        for form, text in cy.items():
            if holes(text) != expect:
                problems.append(f"{at}.{form}: placeholders {sorted(holes(text))}, English has {sorted(expect)}")
    else:
        if set(en) != set(cy):
            problems.append(f"{at}: versions {sorted(en)} in English, {sorted(cy)} here")
        for version in set(en) & set(cy):
            compare(key, en[version], cy[version], lang, problems, same, f"{where}.{version}")


def main():
    en_path = sys.argv[1] if len(sys.argv) > 1 else "themes/default/i18n/en.yaml"
    cy_path = sys.argv[2] if len(sys.argv) > 2 else "themes/default/i18n/cy.yaml"
    lang = sys.argv[3] if len(sys.argv) > 3 else "cy"
    en = yaml.safe_load(open(en_path, encoding="utf-8"))
    cy = yaml.safe_load(open(cy_path, encoding="utf-8"))
    problems, same = [], []
    for key in sorted(set(en) - set(cy)):
        problems.append(f"{key}: missing")
    for key in sorted(set(cy) - set(en)):
        problems.append(f"{key}: not in English")
    for key in en:
        if key in cy:
            compare(key, en[key], cy[key], lang, problems, same)
    if same:
        print(f"note: the same as English: {', '.join(same)}")
    for p in problems:
        print(p)
    print(f"{len(en)} keys in {en_path}, {len(cy)} in {cy_path}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
