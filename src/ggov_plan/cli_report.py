"""The ``report`` command: status reports for cron, mail and scripts."""

from __future__ import annotations
