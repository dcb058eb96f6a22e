"""The frozen program's entry point: the same `finsam` command as a source install."""

import sys

from finsam_desktop.entry import main

if __name__ == "__main__":
    sys.exit(main())
