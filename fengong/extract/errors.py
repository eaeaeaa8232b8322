"""Errors a reader raises for a bad file: each carries a kind and one line for the user."""

from __future__ import annotations


class ExtractError(Exception):
    """A file that cannot be read; ``kind`` is a short stable word for error reports."""

    kind = "unreadable"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class EmptyFile(ExtractError):
    kind = "empty"


class UnsupportedFormat(ExtractError):
    kind = "unsupported"


class CorruptFile(ExtractError):
    kind = "corrupt"


class EncryptedFile(ExtractError):
    kind = "encrypted"


class MissingTool(ExtractError):
    kind = "missing-tool"


class TooLarge(ExtractError):
    kind = "too-large"
