"""Stable codes of the reader's findings: the file, its YAML, and the plan's structure.

``R0xx`` are about the file and its YAML, ``R1xx`` about the plan's structure. Codes never change
meaning; new problems get new codes. The validation rules declare their own codes in their
records (``F``, ``C``, ``E``, ``T``, ``S``, ``P``, ``V``, ``X``); ``explain`` lists them all.
"""

from __future__ import annotations

NOT_UTF8 = "R001"
EMPTY_FILE = "R002"
LIMIT_FILE_SIZE = "R003"
YAML_SYNTAX = "R004"
SEVERAL_DOCUMENTS = "R005"
DUPLICATE_KEY = "R006"
UNSUPPORTED_TAG = "R007"
LIMIT_DEPTH = "R008"
LIMIT_ALIASES = "R009"
LIMIT_STRING = "R010"
TOO_MANY_FINDINGS = "R011"
LIMIT_NODES = "R012"

UNKNOWN_KEY = "R101"
MISSING_KEY = "R102"
WRONG_KIND = "R103"
BAD_PRESSURE = "R104"
BAD_DURATION = "R105"
BAD_POSITION = "R106"
BAD_FORMAT = "R107"
NO_STEPS = "R108"
LIMIT_STEPS = "R109"
BAD_REGION_NAME = "R110"
BAD_NUMBER = "R111"
EMPTY_TEXT = "R112"
BAD_WHEN = "R113"

#: code → (name, what it means, what to do). ``explain`` and the docs table are made from this.
READER_CODES: dict[str, tuple[str, str, str]] = {
    NOT_UTF8: ("not-utf8", "The file has bytes that are not UTF-8.", "Save the file as UTF-8."),
    EMPTY_FILE: (
        "empty-file",
        "The file holds no plan: it is empty or only comments.",
        "Write a plan.",
    ),
    LIMIT_FILE_SIZE: (
        "file-too-large",
        "The file is larger than any plan is (MAX_FILE_BYTES, 1 MiB).",
        "Check that this is the file you meant; split it into one routine per file.",
    ),
    YAML_SYNTAX: ("yaml-syntax", "The file is not valid YAML.", "Fix the YAML at the place shown."),
    SEVERAL_DOCUMENTS: (
        "several-documents",
        "The file holds more than one YAML document (a second `---`).",
        "Put one routine in each file.",
    ),
    DUPLICATE_KEY: (
        "duplicate-key",
        "A key is given twice in one mapping; YAML loaders silently keep the last one.",
        "Keep one of the two.",
    ),
    UNSUPPORTED_TAG: (
        "unsupported-tag",
        "A YAML tag (`!!int`, `!python/...`) is used; plans are plain data.",
        "Remove the tag and write the value as it is.",
    ),
    LIMIT_DEPTH: (
        "nesting-too-deep",
        "Mappings and lists nest deeper than any plan does (MAX_DEPTH, 32).",
        "Check the file's structure.",
    ),
    LIMIT_ALIASES: (
        "alias-expansion",
        "Anchors and aliases expand beyond a sane size (MAX_ALIAS_EXPANSION nodes).",
        "Write the values out, or use fewer aliases.",
    ),
    LIMIT_STRING: (
        "string-too-long",
        "A text value is longer than MAX_STRING_LENGTH characters.",
        "Shorten it.",
    ),
    TOO_MANY_FINDINGS: (
        "too-many-findings",
        "The file has more findings than are reported (MAX_FINDINGS); the rest are counted.",
        "Fix the ones shown and check again.",
    ),
    LIMIT_NODES: (
        "too-many-nodes",
        "The file holds more values than any plan does (MAX_NODES, 200,000).",
        "Check that this is the file you meant; split it into one routine per file.",
    ),
    UNKNOWN_KEY: (
        "unknown-key",
        "A key the plan format does not know (often a typo: the message says what was meant).",
        "Use one of the keys the format knows.",
    ),
    MISSING_KEY: ("missing-key", "A required key is missing.", "Add it."),
    WRONG_KIND: (
        "wrong-kind",
        "A value of the wrong kind: a list where a region is expected, a number where text is.",
        "Write a value of the kind the message names.",
    ),
    BAD_PRESSURE: (
        "bad-pressure",
        "A pressure that is not 0..5 or one of hold, light, moderate, medium, firm, deep "
        "(`yes` is not a pressure; booleans are not numbers).",
        "Use a level of the 0-5 scale.",
    ),
    BAD_DURATION: (
        "bad-duration",
        "A duration without a unit (`5`), zero, in YAML 1.1's base 60 (`1:30`), or unreadable.",
        "Write it with units: 90s, 5m, 1m30s, 1h.",
    ),
    BAD_POSITION: (
        "bad-position",
        "A position that is not written as a position name (lower_snake words: `side_lying`).",
        "Write the position's name in lower_snake (`prone`, `side_lying`); which positions "
        "exist is the plugins' (an unknown one is `V008`).",
    ),
    BAD_FORMAT: (
        "bad-format",
        "The `format` key names another format than massage-routine/1.",
        "Write `format: massage-routine/1`, or leave it out.",
    ),
    NO_STEPS: ("no-steps", "The routine has no steps.", "Add at least one step."),
    LIMIT_STEPS: (
        "too-many-steps",
        "The routine has more steps than MAX_STEPS (10,000).",
        "Split the routine.",
    ),
    BAD_REGION_NAME: (
        "bad-region-name",
        "A region that is not written as a region name (lower-case words joined by dots).",
        "Write a region of the tree, e.g. back.lower.",
    ),
    BAD_NUMBER: (
        "bad-number",
        "A number outside its range (a trimester other than 1, 2 or 3) or not a whole number.",
        "Use a number in the range the message gives.",
    ),
    EMPTY_TEXT: ("empty-text", "A text that must not be empty is empty.", "Write something."),
    BAD_WHEN: (
        "bad-advice-time",
        "An advice item's `when` that is not before, during or after.",
        "Write when the advice applies: before, during or after (the session).",
    ),
}
