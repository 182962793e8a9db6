"""The command line: ``python -m massage_routines validate|compose|techniques|explain``."""
