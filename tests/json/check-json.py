#!/usr/bin/python3
"""Read one bondcfg --json document on stdin and judge it strictly.

Usage: check-json.py SCHEMA.json  (a failure document, with "error" and no
"steps", is judged by error.schema.json from the same directory instead).
The bytes must be UTF-8 (strict decoding), hold exactly one JSON document
with no duplicate member, no NaN or Infinity, and match the schema (JSON
Schema draft 7, python3-jsonschema).  Exit 0, or 1 with the reason on
stderr.
"""
import json
import os
import sys

import jsonschema


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError("duplicate member(s): %s" % ", ".join(sorted(dup)))
    return dict(pairs)


def no_constant(name):
    raise ValueError("not JSON: %s" % name)


def main():
    schema_path = sys.argv[1]
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        print("not UTF-8: %s" % e, file=sys.stderr)
        return 1
    if not text.endswith("\n") or text.count("\n") != 1:
        print("not one line ending in a newline: %r" % text[:200], file=sys.stderr)
        return 1
    try:
        doc = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except ValueError as e:
        print("not one JSON document: %s: %r" % (e, text[:200]), file=sys.stderr)
        return 1
    if isinstance(doc, dict) and "error" in doc and "steps" not in doc:
        schema_path = os.path.join(os.path.dirname(schema_path), "error.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
    except jsonschema.ValidationError as e:
        print("%s: %s at %s" % (os.path.basename(schema_path), e.message,
                                "/".join(str(p) for p in e.absolute_path)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
