"""Names that modules outside the plan stage still import from here.

Reading a plan was one module; it is now split by what each part owns:
:mod:`.files` (finding the file, its bytes and text), :mod:`.parse` (text →
TOML → :class:`Loaded`), :mod:`.build` (the careful builder and its
problems) and :mod:`.validity` (what a valid value is). Commands read plans
through the front door, :mod:`ggov_plan.plan`. New code imports from those
modules; this one only keeps older imports working until they move.
"""

from __future__ import annotations

from ggov_plan.plan.files import find_plan, read_text
from ggov_plan.plan.model import record_fields
from ggov_plan.plan.parse import Loaded, _toml_message, parse
from ggov_plan.plan.parse import parse_file as load
from ggov_plan.plan.validity import ID_PATTERN

__all__ = [
    "ID_PATTERN",
    "Loaded",
    "_toml_message",
    "find_plan",
    "load",
    "parse",
    "read_text",
    "record_fields",
]
