"""Limits that keep one hostile or broken file from taking all time and memory.

Each is configurable (``extract_tasks(..., limits=Limits(...))``, CLI ``--max-*`` options);
past a limit the file fails with a ``too-large`` error naming the limit and how to raise it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import TooLarge


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200.0  # the input file itself
    max_unpacked_mb: float = 256.0  # all members of a DOCX / XLSX together, inflated
    max_pages: int = 1000  # PDF pages
    max_rows: int = 20_000  # table rows read from one file

    def check_size(self, size: int) -> None:
        if size > self.max_file_mb * 2**20:
            raise TooLarge(f"the file is {size / 2**20:.0f} MB, over the {self.max_file_mb:g} MB "
                           "limit", "raise it with --max-file-mb")

    def check_pages(self, pages: int) -> None:
        if pages > self.max_pages:
            raise TooLarge(f"the PDF has {pages} pages, over the {self.max_pages} page limit",
                           "raise it with --max-pages")

    def check_rows(self, rows: int) -> None:
        if rows > self.max_rows:
            raise TooLarge(f"the file has over {self.max_rows} table rows; no task table is "
                           "that long", "raise the limit with --max-rows")


DEFAULT = Limits()


def limits_of(options: dict) -> Limits:
    """The limits a reader works under (the defaults unless the caller gave others)."""
    return options.get("limits") or DEFAULT
