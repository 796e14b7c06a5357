"""Writing what a command produces, to stdout or a file, without destroying or leaking anything.

- A file is written through a temporary file beside it, made by ``mkstemp`` (a name no one
  can plant a symlink at beforehand), and renamed over the target only once complete: a
  failed or interrupted run leaves the old file whole. A target that is not a regular file
  (``/dev/null``, a FIFO) or is a symlink (``/dev/stdout``) is written through, as named:
  replacing it would put a file where the device or the link was.
- An output that is also an input (the same file, however either path spells it) is refused
  before it is replaced: ``refuse_overwrite``.
- Every string passes ``secrets.redact`` on its way out.
- A closed or full stdout, a full disk or a directory named as the file is one ``OutputError``.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from newsdigest.errors import OutputError, UsageError
from newsdigest.secrets import redact


class Output:
    """Where text goes: ``write`` redacts secrets and turns a failed write into an OutputError."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self.name = name

    def write(self, text: str) -> None:
        try:
            self._stream.write(redact(text))
        except OSError as exc:
            raise self._failed(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: OSError) -> OutputError:
        if self._stream is sys.stdout:
            _silence_stdout()
        return cannot_write(self.name, exc)


@contextmanager
def opened(path: Path | None) -> Iterator[Output]:
    """stdout (``None``) or the file at ``path``, complete when the block ends without an error."""
    if path is None:
        if sys.stdout is None:  # Python's stdout when the process started with it closed
            raise OutputError("stdout is closed", hint="redirect it to a file, or write one with -o")
        out = Output(sys.stdout, "stdout")
        yield out
        out.flush()
        return
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory", hint="give a file name")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        with _writing(path.open, str(path)) as out:
            yield out
        return
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot_write(str(path), exc) from exc
    try:
        with _writing(lambda *args, **kwargs: os.fdopen(fd, *args, **kwargs), str(path)) as out:
            yield out
    except BaseException:
        os.unlink(temporary)
        raise
    try:
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        os.unlink(temporary)
        raise cannot_write(str(path), exc) from exc


def write(text: str, path: Path | None) -> None:
    with opened(path) as out:
        out.write(text)


def refuse_overwrite(outputs: Iterable[Path | None], inputs: Iterable[Path]) -> None:
    """A UsageError when an output is one of the inputs: writing it would destroy what is read."""
    written = {_identity(path): path for path in outputs if path is not None}
    written.pop(None, None)
    if not written:
        return
    for path in inputs:
        output = written.get(_identity(path))
        if output is not None:
            also = "" if path == output else f" ({path})"
            raise UsageError(f"refusing to write {output}: it is also an input{also}", hint="write the output to another file")


def cannot_write(name: str, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"cannot write {name}: {reason}", hint="check that its directory exists, is writable and has space")


@contextmanager
def _writing(open_text: Callable[..., TextIO], name: str) -> Iterator[Output]:
    """An Output on the stream ``open_text`` opens, flushed and closed at the end; any failure
    to open, write or flush is the one OutputError raised (closing after it would only repeat it)."""
    try:
        stream = open_text("w", encoding="utf-8")
    except OSError as exc:
        raise cannot_write(name, exc) from exc
    try:
        out = Output(stream, name)
        yield out
        out.flush()
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode: two paths name one file when these agree."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _mode_for(path: Path) -> int:
    """The permissions the file keeps, or those ``open`` would give a new one (mkstemp's are 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _silence_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null: Python flushes stdout again at exit
    and would print a second error, with a traceback, for the same failure."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
