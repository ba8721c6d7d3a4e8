"""What a person at a terminal sees: rich tables. The only package that imports rich."""
