"""Where a zone lives: a local directory, or a prefix on object storage (`s3://bucket/prefix`) read and
written through fsspec.

A zone written in the catalog as a path (`data/raw`, `/srv/raw`) or as a `file://` URL is a local
`pathlib.Path`, and everything works as it always did: temporaries beside the target, fsync, rename. Any
other URL becomes a `ZonePath`: the few `pathlib` methods the pipeline uses (`/`, `name`, `open`,
`exists`, `glob`, `read_text`, `write_bytes`, `unlink`, `relative_to`, …) over an fsspec filesystem, so the
flows' code reads one way for both. Object stores have no rename, so what a rename gave locally is given
there by the manifest (`flows.pipeline.manifest`): an object is written whole under its final key with a
single PUT (an S3 object is never seen half written) and counts only once a manifest entry, written after
it, names it.

Credentials are never read from the catalog: fsspec's S3 filesystem (s3fs, loaded by the URL's scheme)
takes them where botocore does — `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`,
`AWS_PROFILE`, `~/.aws/credentials` and `~/.aws/config`, an instance role — and the endpoint of an
S3-compatible store from `AWS_ENDPOINT_URL`.

Files being written for a zone on object storage are staged on local disk first (`staging_dir`:
`PIIVAULT_STAGING_DIR`, else a private directory under the system's temporary directory), since writers
need to hash, fsync or reopen them before they are published.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import fsspec

STAGING_ENV = "PIIVAULT_STAGING_DIR"
READ_BUFFER_BYTES = 1 << 20
_NO_RENAME_OPTIONS = {"s3": {"use_listings_cache": False}}  # other processes write the zone too


def is_url(text: str | os.PathLike) -> bool:
    """True for `scheme://…` (a one-letter scheme would be a Windows drive, and is not one)."""
    scheme = urlsplit(str(text)).scheme if "://" in str(text) else ""
    return len(scheme) > 1


def check_protocol(protocol: str) -> None:
    """ValueError saying what is missing when fsspec has no filesystem for a URL scheme (unknown, or its
    package not installed: `gs://` needs gcsfs), so a catalog is refused on load, not mid-run."""
    import fsspec

    try:
        fsspec.get_filesystem_class(protocol)
    except ImportError as missing:
        raise ValueError(f"{protocol}:// needs a package that is not installed ({missing})") from None
    except ValueError:
        raise ValueError(f"{protocol}:// is not a storage fsspec knows (s3:// and file:// are)") from None


@cache
def filesystem(protocol: str) -> fsspec.AbstractFileSystem:
    """The fsspec filesystem of a scheme, with credentials from the environment (one per process;
    imported only when a zone is a URL, so local runs do not pay for it)."""
    import fsspec

    return fsspec.filesystem(protocol, **_NO_RENAME_OPTIONS.get(protocol, {}))


@dataclass(frozen=True)
class ZoneStat:
    """What `stat()` gives for an object: its size and when it was last written (an upload sets it)."""

    st_size: int
    st_mtime: float

    @property
    def st_mtime_ns(self) -> int:
        return int(self.st_mtime * 1e9)

    @property
    def st_atime_ns(self) -> int:
        return self.st_mtime_ns


class ZonePath:
    """A path under a zone on object storage, with the `pathlib.Path` methods the pipeline uses.

    It is deliberately not `os.PathLike`: a local call (`os.replace`, `open`) on it fails loudly instead of
    writing a local file named like a URL. Parquet goes through `read_table` / `read_schema` / `parquet_file`
    below, which hand pyarrow the fsspec filesystem."""

    __slots__ = ("protocol", "key")

    def __init__(self, protocol: str, key: str):
        self.protocol = protocol
        self.key = key.strip("/")

    @classmethod
    def from_url(cls, url: str) -> ZonePath:
        protocol = urlsplit(url).scheme
        return cls(protocol, filesystem(protocol)._strip_protocol(url))

    @property
    def fs(self) -> fsspec.AbstractFileSystem:
        return filesystem(self.protocol)

    # ---------------------------------------------------------------- pure path

    def __str__(self) -> str:
        return f"{self.protocol}://{self.key}"

    def __repr__(self) -> str:
        return f"ZonePath({str(self)!r})"

    def __reduce__(self):
        return (ZonePath, (self.protocol, self.key))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ZonePath) and (self.protocol, self.key) == (other.protocol, other.key)

    def __hash__(self) -> int:
        return hash((self.protocol, self.key))

    def __lt__(self, other: ZonePath) -> bool:
        return (self.protocol, self.key) < (other.protocol, other.key)

    def __truediv__(self, other: str | os.PathLike) -> ZonePath:
        part = PurePosixPath(str(other))
        if part.is_absolute() or ".." in part.parts:
            raise ValueError(f"{other!s} is not a relative path inside {self}")
        return ZonePath(self.protocol, str(PurePosixPath(self.key) / part))

    @property
    def _pure(self) -> PurePosixPath:
        return PurePosixPath(self.key)

    @property
    def name(self) -> str:
        return self._pure.name

    @property
    def suffix(self) -> str:
        return self._pure.suffix

    @property
    def stem(self) -> str:
        return self._pure.stem

    @property
    def parts(self) -> tuple[str, ...]:
        return self._pure.parts

    @property
    def parent(self) -> ZonePath:
        return ZonePath(self.protocol, str(self._pure.parent)) if "/" in self.key else self

    def with_name(self, name: str) -> ZonePath:
        return ZonePath(self.protocol, str(self._pure.with_name(name)))

    def with_suffix(self, suffix: str) -> ZonePath:
        return ZonePath(self.protocol, str(self._pure.with_suffix(suffix)))

    def as_posix(self) -> str:
        return str(self)

    def relative_to(self, other: ZonePath) -> PurePosixPath:
        if not isinstance(other, ZonePath) or other.protocol != self.protocol:
            raise ValueError(f"{self} is not under {other}")
        return self._pure.relative_to(other._pure)

    def is_relative_to(self, other: ZonePath) -> bool:
        try:
            self.relative_to(other)
        except ValueError:
            return False
        return True

    def resolve(self) -> ZonePath:
        return self  # no links on object storage

    def absolute(self) -> ZonePath:
        return self

    def is_absolute(self) -> bool:
        return True

    # ---------------------------------------------------------------- the store

    def exists(self) -> bool:
        return self.fs.exists(self.key)

    def is_file(self) -> bool:
        return self.fs.isfile(self.key)

    def is_dir(self) -> bool:
        return self.fs.isdir(self.key)

    def stat(self) -> ZoneStat:
        info = self.fs.info(self.key)
        modified = info.get("LastModified") or info.get("mtime") or info.get("created") or 0
        mtime = modified.timestamp() if isinstance(modified, datetime) else float(modified)
        return ZoneStat(int(info.get("size") or 0), mtime)

    def open(self, mode: str = "r", encoding: str | None = None, newline: str | None = None):
        """A file object: reads stream in blocks; a write is one object, published whole on close."""
        if mode == "rb":  # buffered: the readers' `readline(limit)` needs the io signature
            return io.BufferedReader(self.fs.open(self.key, mode), buffer_size=READ_BUFFER_BYTES)
        if "b" in mode:
            return self.fs.open(self.key, mode)
        return self.fs.open(self.key, mode, encoding=encoding or "utf-8", newline=newline)

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(self.key)

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> int:
        self.fs.pipe_file(self.key, data)  # one PUT: readers see the old object or the new one
        return len(data)

    def write_text(self, text: str, encoding: str = "utf-8") -> int:
        return self.write_bytes(text.encode(encoding))

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            self.fs.rm_file(self.key)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def chmod(self, mode: int) -> None:
        """Nothing to do: who may read an object is the bucket's policy, not a file mode (README)."""

    def mkdir(self, parents: bool = False, exist_ok: bool = False, mode: int = 0o777) -> None:
        """Nothing to do: object stores have no directories, a key's prefixes exist with it."""

    def glob(self, pattern: str) -> Iterator[ZonePath]:
        found = self.fs.glob(f"{self.key}/{pattern}", detail=True)
        for key, info in sorted(found.items()):
            if info.get("type") == "file":
                yield ZonePath(self.protocol, key)

    def rglob(self, pattern: str) -> Iterator[ZonePath]:
        """Every object below whose name matches `pattern` (a name pattern, as the pipeline uses)."""
        try:
            keys = self.fs.find(self.key)
        except FileNotFoundError:
            return
        for key in sorted(keys):
            if fnmatch.fnmatchcase(PurePosixPath(key).name, pattern):
                yield ZonePath(self.protocol, key)


Location = Path | ZonePath


def zone_location(value: str | os.PathLike, base_dir: Path) -> Location:
    """A zone as the catalog writes it: a `file://` URL or a path (relative ones under `base_dir`) is a
    local `Path`; any other URL a `ZonePath`."""
    text = str(value)
    if is_url(text):
        parts = urlsplit(text)
        if parts.scheme == "file":
            return Path(unquote(parts.netloc + parts.path))
        return ZonePath.from_url(text)
    path = Path(value)
    return path if path.is_absolute() else base_dir / path


def is_remote(location: object) -> bool:
    """True for a location on object storage (no rename: publication is manifest-last)."""
    return isinstance(location, ZonePath)


def read_table(location: Location, **options):
    """`pyarrow.parquet.read_table` of a local or remote Parquet file."""
    import pyarrow.parquet as pq

    if is_remote(location):
        return pq.read_table(location.key, filesystem=location.fs, **options)
    return pq.read_table(location, **options)


def read_schema(location: Location):
    """The Arrow schema of a local or remote Parquet file (from its footer only)."""
    import pyarrow.parquet as pq

    if is_remote(location):
        return pq.read_schema(location.key, filesystem=location.fs)
    return pq.read_schema(location)


def parquet_file(location: Location):
    """A `pyarrow.parquet.ParquetFile` over a local or remote file (row groups read as needed)."""
    import pyarrow.parquet as pq

    if is_remote(location):
        return pq.ParquetFile(location.key, filesystem=location.fs)
    return pq.ParquetFile(location)


def staging_dir() -> Path:
    """A private local directory for files on their way to object storage (`PIIVAULT_STAGING_DIR`)."""
    default = Path(tempfile.gettempdir()) / f"piivault-staging-{os.getuid()}"
    root = Path(os.environ.get(STAGING_ENV) or default)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def staging_path(target: Location, suffix: str) -> Path:
    """Where a new version of `target` is written before `publish`: beside it for a local target (so the
    rename is atomic), else a stable local name derived from its URL (so a resumed run finds it again)."""
    if is_remote(target):
        digest = hashlib.sha256(str(target).encode()).hexdigest()[:32]
        return staging_dir() / f".{digest}{suffix}"
    return target.with_name(f".{target.name}{suffix}")


def sync(path: Path) -> None:
    """fsync a local file written by a library that does not (pyarrow)."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def publish(temporary: Path, target: Location) -> None:
    """Make a written local file `target`: fsync and rename locally, one upload (a single object, seen
    whole or not at all) on object storage, after which the local copy goes."""
    if is_remote(target):
        target.fs.put_file(str(temporary), target.key)
        temporary.unlink(missing_ok=True)
        return
    sync(temporary)
    os.replace(temporary, target)


def work_dir(zone: Location, *parts: str) -> Path:
    """A writers' working directory for a zone (parts of a file being assembled, a run's snapshots): inside
    a local zone, as always; for a zone on object storage, a local directory named after its URL — work
    files are never published, and local files are what pyarrow, numpy and `shutil` work on."""
    if is_remote(zone):
        digest = hashlib.sha256(str(zone).encode()).hexdigest()[:32]
        return staging_dir() / f"work-{digest}" / Path(*parts)
    return zone.joinpath(*parts)
