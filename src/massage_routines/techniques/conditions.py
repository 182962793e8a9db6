"""Built-in plugin: conditions (domain.md)."""
