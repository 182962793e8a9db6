"""Built-in plugin: chair (domain.md)."""
