"""The books: what the records add up to on a day.

The ledger turns records into live state; derive and report compute the
figures every renderer shows.
"""
