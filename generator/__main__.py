"""`python -m generator …` — see generator/cli.py."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
