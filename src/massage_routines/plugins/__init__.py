"""Plugins: hook specifications, the records plugins return, and the registry that loads them."""

from massage_routines.plugins.markers import hookimpl

__all__ = ["hookimpl"]
