"""Commands for editors, CI and new plans: ``schema`` and ``init``."""

from __future__ import annotations
