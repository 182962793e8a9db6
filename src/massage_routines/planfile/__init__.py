"""Reading and writing plan files."""
