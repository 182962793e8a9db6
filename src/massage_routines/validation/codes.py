"""Codes of the engine's own findings: what stops a plan from being fully checked.

Each is an error (or, for a deselected built-in or a replaced record, a warning) so that a
plan that could not be fully checked is never reported valid.
"""

from __future__ import annotations

PLUGIN_PROBLEM = "X001"
RULE_FAILED = "X002"
RULE_TIMEOUT = "X003"
BUILTIN_DESELECTED = "X004"
NO_RULES = "X005"
INTERNAL_ERROR = "X006"
REPLACED_RECORD = "X007"
SUPPRESSION_REFUSED = "X008"

#: code → (name, what it means, what to do)
ENGINE_CODES: dict[str, tuple[str, str, str]] = {
    PLUGIN_PROBLEM: (
        "plugin-problem",
        "A plugin failed to load, its hook raised or returned something that is not a record, "
        "it writes a name that is not lower_snake ASCII (or a code that is not upper-case "
        "letters and digits), it provides a name another plugin provides too (then neither "
        "record is used), it declares a finding code another rule or the host declares, or it "
        "refers to a name nobody provides. It may have carried safety rules, so no plan is "
        "valid while it is broken.",
        "Fix or update the plugin, or deselect it with MASSAGE_ROUTINES_PLUGINS=-NAME (the "
        "message names it); a plugin that means to replace another's record says "
        "replaces='<plugin>' on it.",
    ),
    RULE_FAILED: (
        "rule-failed",
        "A validation rule raised, or yielded something that is not a well-formed finding (not "
        "a Finding, or one whose severity, code, message, path, line or column has the wrong "
        "type), on this plan: the plan was not fully checked.",
        "Report it to the plugin that provides the rule (the message names it).",
    ),
    RULE_TIMEOUT: (
        "rule-timeout",
        "A validation rule was still running when the plan's time budget ran out (the command "
        "line's --time-budget, 10 s by default), so it and the rules after it did not finish: "
        "the plan was not fully checked.",
        "Report it to the plugin that provides the rule (the message names it); a larger "
        "budget (--time-budget or MASSAGE_ROUTINES_TIME_BUDGET) helps only a slow rule.",
    ),
    BUILTIN_DESELECTED: (
        "builtin-deselected",
        "A built-in plugin is deselected (by -p no:NAME or MASSAGE_ROUTINES_PLUGINS), so what "
        "it checks or knows is missing from this check.",
        "Load it again unless a plugin of yours replaces it.",
    ),
    INTERNAL_ERROR: (
        "internal-error",
        "Checking the plan failed inside massage_routines itself, so the plan was not fully "
        "checked (the other files are still checked).",
        "Report it with the plan file; the message names the failure.",
    ),
    REPLACED_RECORD: (
        "replaced-record",
        "A plugin's record says replaces='<plugin>': it is used in place of that plugin's "
        "record of the same name (a technique's pressure range, a condition's effects, a "
        "rule), so what the replaced record said is not what this plan was checked against.",
        "Make sure the replacing plugin is one you trust; deselect it to go back to the "
        "replaced record.",
    ),
    SUPPRESSION_REFUSED: (
        "suppression-refused",
        "An inline `# massage: ignore[CODE]` comment names a safety error on its line. Errors "
        "cannot be ignored, so the error is still reported; this warning says the comment had "
        "no effect.",
        "Fix the plan, and remove the comment (only warnings can be suppressed).",
    ),
    NO_RULES: (
        "no-rules",
        "No validation rule is loaded, so nothing about safety could be checked.",
        "Load the built-in `rules` plugin (unset MASSAGE_ROUTINES_PLUGINS).",
    ),
}

#: The engine's codes that are warnings (the others are errors).
ENGINE_WARNINGS = frozenset({BUILTIN_DESELECTED, REPLACED_RECORD, SUPPRESSION_REFUSED})
