"""A sports-massage plugin for the plugin kit's tests: a style with a ``timing`` option."""
