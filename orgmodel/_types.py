"""Type names the public API shares (for annotations only)."""
from __future__ import annotations

import os
from typing import IO, Union

#: A file or folder to read or write: a ``str`` or a ``pathlib.Path``.
PathLike = Union[str, "os.PathLike[str]"]
#: Where a writer of one file writes: a path, or an open file.
PathOrFile = Union[str, "os.PathLike[str]", IO[bytes], IO[str]]
