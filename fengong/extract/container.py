"""Safe opening of ZIP containers (DOCX, XLSX) and their XML parts.

Sizes are checked before anything is inflated (a ZIP bomb named .docx is refused), and XML is
parsed with entities, DTD loading and network access off (no billion laughs, no XXE).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .errors import CorruptFile, TooLarge, UnsupportedFormat
from .limits import DEFAULT, Limits

MAX_RATIO = 200  # uncompressed / compressed, per member of any size worth checking


def open_zip(data: bytes, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    """Given a container's bytes, return it opened, after checking it is not a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(f"the ZIP container is damaged ({exc})", "ask for a fresh copy") from None
    except NotImplementedError as exc:
        raise unsupported_zip(exc) from None
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked_mb * 2**20:
        raise TooLarge(f"the file would unpack to {total // 2**20} MB, over the "
                       f"{limits.max_unpacked_mb:g} MB limit: a ZIP bomb or not a notice",
                       "raise it with --max-unpacked-mb")
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > 10 * 2**20 and ratio > MAX_RATIO:
            raise TooLarge(f"{member.filename} is compressed {ratio}:1: a ZIP bomb, not a document")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limits: Limits = DEFAULT) -> bytes | None:
    """The bytes of one member, or None when the container does not have it. Reading stops
    at the limit whatever the member's header claims."""
    cap = int(limits.max_unpacked_mb * 2**20)
    try:
        with archive.open(name) as handle:
            data = handle.read(cap + 1)
        if len(data) > cap:
            raise TooLarge(f"{name} unpacks to over {limits.max_unpacked_mb:g} MB",
                           "raise it with --max-unpacked-mb")
        return data
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        raise CorruptFile(f"{name} inside the file is damaged ({exc})",
                          "ask for a fresh copy") from None
    except NotImplementedError as exc:
        raise unsupported_zip(exc) from None


def unsupported_zip(exc: NotImplementedError | None = None) -> UnsupportedFormat:
    """A ZIP container using a feature Python's zipfile cannot read (a newer version, a
    compression method such as Deflate64): not damage, so it gets its own line."""
    detail = f" ({exc})" if exc and str(exc) else ""
    return UnsupportedFormat(f"the ZIP container uses a format feature fengong cannot "
                             f"read{detail}", "open it in Word, Excel or WPS and save it again")


def parse_xml(data: bytes, what: str, limits: Limits = DEFAULT):
    """Parse XML with entities, DTDs and network off, after counting its elements against
    the limit (memory grows with elements, not bytes); raise CorruptFile on bad XML."""
    from lxml import etree

    limits.check_elements(data, what)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(f"{what} is not well-formed XML ({exc})",
                          "ask for a fresh copy") from None
