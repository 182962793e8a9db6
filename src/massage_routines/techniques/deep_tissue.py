"""Built-in plugin: deep_tissue (domain.md)."""
