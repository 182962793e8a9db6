"""Hot stone massage for massage_routines.

Everything the plugin provides is in :mod:`massage_hot_stone.plugin`, which the entry point
``hot_stone`` of the group ``massage_routines`` names (see ``pyproject.toml``). Importing this
package does nothing else.
"""

__version__ = "0.1.0"
