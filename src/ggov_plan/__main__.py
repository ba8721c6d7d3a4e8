"""Allow ``python -m ggov_plan``."""

from ggov_plan.cli import main

main()
