"""Built-in plugin: sites (domain.md)."""
