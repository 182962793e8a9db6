"""Test support code copied into the project (see each file's header for where from)."""
