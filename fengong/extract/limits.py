"""Limits that keep one hostile or broken file from taking all time and memory.

Each is configurable (``extract_tasks(..., limits=Limits(...))``, CLI ``--max-*`` options);
past a limit the file fails with a ``too-large`` error naming the limit and how to raise it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import BinaryIO

from .errors import TooLarge, UnsupportedFormat


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200.0  # the input file itself
    max_unpacked_mb: float = 256.0  # all members of a DOCX / XLSX together, inflated
    max_pages: int = 1000  # PDF pages
    max_rows: int = 20_000  # table rows read from one file
    max_memory_mb: float = 4096.0  # address space a worker may add for one file
    # Elements of one XML part (DOCX/XLSX), counted before parsing: the parsed tree and the
    # grids take far more memory than the XML's bytes (a 70 MB document.xml of 3 million
    # elements took 1.6 GB and over 200 s), while a long real notice has about 100,000.
    max_xml_elements: int = 2_000_000

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    @property
    def max_unpacked_bytes(self) -> int:
        return int(self.max_unpacked_mb * 2**20)

    def check_size(self, size: int) -> None:
        if size > self.max_file_bytes:
            raise TooLarge(f"the file is {size / 2**20:.0f} MB, over the {self.max_file_mb:g} MB "
                           "limit", "raise it with --max-file-mb")

    def check_unpacked(self, size: int, what: str) -> None:
        """Refuse ``what`` (a member, a PDF stream) once it inflates past the limit."""
        if size > self.max_unpacked_bytes:
            raise TooLarge(f"{what} unpacks to over {self.max_unpacked_mb:g} MB",
                           "raise it with --max-unpacked-mb")

    def check_elements(self, xml: bytes, what: str) -> None:
        """Refuse an XML part with more elements than the limit, before parsing it."""
        count = xml.count(b"<") - xml.count(b"</") - xml.count(b"<?") - xml.count(b"<!")
        if count > self.max_xml_elements:
            raise TooLarge(f"{what} has over {self.max_xml_elements} XML elements; not a notice",
                           "raise it with --max-xml-elements")

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


def read_bounded(stream: BinaryIO, limits: Limits) -> bytes:
    """At most the size limit + 1 bytes of a stream (a pipe or a device has no size to check
    first); past the limit, refuse it without reading more."""
    data = stream.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"the file goes on past the {limits.max_file_mb:g} MB limit",
                       "raise it with --max-file-mb")
    return data


def read_regular_file(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The bytes of a regular file, size-checked before and while reading.

    A device (``/dev/zero``), a FIFO or a socket, even behind a symbolic link, is refused
    (opened without blocking, so a FIFO nobody writes to does not hang us); a ``/proc`` file
    claims size 0, so the read itself stops at the limit.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedFormat("is not a regular file (a device, FIFO or socket)",
                                    "give a saved document")
        limits.check_size(info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return read_bounded(handle, limits)
