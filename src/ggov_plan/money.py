"""Money: integer đồng, and how amounts are written for people.

Amounts are Python ints everywhere; nothing here rounds. Vietnamese writes
thousands with dots (213.000.000 đ), English with commas (213,000,000 VND).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "vi"]


def group_digits(amount: int, separator: str) -> str:
    """``213000000, "."`` → ``"213.000.000"``; the sign is kept."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", separator)


def format_vnd(amount: int, lang: Lang = "en") -> str:
    """An amount with its unit: ``213,000,000 VND`` or ``213.000.000 đ``."""
    if lang == "vi":
        return f"{group_digits(amount, '.')} đ"
    return f"{group_digits(amount, ',')} VND"


def format_number(amount: int, lang: Lang = "en") -> str:
    """An amount without its unit, for table columns headed with the unit."""
    return group_digits(amount, "." if lang == "vi" else ",")
