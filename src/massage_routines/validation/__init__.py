"""Validation: the rule engine, the context rules see, and the client profile they share."""
