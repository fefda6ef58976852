"""Built-in rule families; importing a family registers its rules."""
