"""Built-in plugin: swedish (domain.md)."""
