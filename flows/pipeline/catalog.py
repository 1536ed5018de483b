"""The dataset catalog (`catalog.yaml`): where the zones are, which vault to use, what each dataset is.

The catalog is the user-facing contract of the flows, so it is validated as a whole on load and every
error names the dataset and the field it concerns (never a value from the data itself).

A zone is a directory (relative to the catalog file, or absolute), a `file://` URL, or a prefix on object
storage (`s3://bucket/prefix`, `flows.pipeline.storage`). Credentials for object storage never live here:
a catalog that carries a key, a secret or a token (a field of `zones`, or a URL's `user:password@`) is
refused, and the store's client takes them from the environment or the standard AWS files.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from flows.pipeline.storage import Location, check_protocol, is_remote, is_url, zone_location
from flows.pipeline.task_runners import RunnerSettings
from values.token_format import TYPE_CODES

DatasetFormat = Literal["csv", "jsonl", "parquet", "text"]
ErasurePolicy = Literal["delete_rows", "redact", "retain"]
# update: a rectification replaces the old value in the subject's rows; keep: records kept as issued
RectificationPolicy = Literal["update", "keep"]
_DAYS = re.compile(r"(\d+)d")
# A declared column type: one of the entity types, free text (scanned span by span) or not personal.
COLUMN_KINDS: tuple[str, ...] = (*TYPE_CODES, "free_text", "none")


class CatalogError(ValueError):
    """The catalog file is missing, not YAML, or does not match the schema; the message names the field."""


# Field names that would put a credential in the catalog; refused wherever they appear in `zones` or at the
# top level, with a message naming the field and where credentials belong (never the value).
_CREDENTIAL_FIELD = re.compile(
    r"(^|_)(key|key_id|secret|secrets|token|password|passwd|credentials?|storage_options|client_kwargs)$",
    re.IGNORECASE,
)
CREDENTIALS_HINT = (
    "credentials never go in the catalog: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, "
    "~/.aws/credentials) and, for an S3-compatible store, AWS_ENDPOINT_URL in the environment"
)


def _credential_fields(value: object, where: str) -> list[str]:
    """Dotted names of the credential-like fields in a mapping (recursively)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            if _CREDENTIAL_FIELD.search(str(key)):
                found.append(name)
            found.extend(_credential_fields(item, name))
    return found


def _zone_text(value: object) -> str | None:
    """A zone as written: a path or a URL without credentials in it."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        raise ValueError("must be a directory or a URL such as s3://bucket/prefix")
    if is_url(text):
        parts = urlsplit(text)
        if "@" in parts.netloc or parts.query:
            raise ValueError(f"a zone URL holds no user, password or query; {CREDENTIALS_HINT}")
        if parts.scheme != "file" and not parts.netloc:
            raise ValueError(f"{parts.scheme}:// URL names no bucket")
        if parts.scheme != "file":
            check_protocol(parts.scheme)
    return text


class Zones(BaseModel):
    """Where the zones are: directories (relative ones resolved against the catalog file's directory),
    `file://` URLs, or prefixes on object storage such as `s3://bucket/prefix`."""

    model_config = ConfigDict(extra="forbid")
    raw: str = Field(description="landing zone holding the personal data as it arrives")
    clean: str = Field(description="tokenized Parquet copies, one directory per dataset")
    quarantine: str | None = Field(default=None, description="sealed unreadable records")
    reports: str | None = Field(default=None, description="scan reports; default beside clean")

    _locations = field_validator("raw", "clean", "quarantine", "reports", mode="before")(
        lambda value: _zone_text(value)
    )


def days(duration: str) -> int:
    """The number of days of a duration written `<N>d` (`30d`, `730d`)."""
    return int(_DAYS.fullmatch(duration).group(1))


def _duration(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not _DAYS.fullmatch(text):
        raise ValueError(f"{value!r} is not a duration in days such as 30d")
    return text


class Retention(BaseModel):
    """How long a dataset's data is kept: raw files after they landed, clean rows after their date."""

    model_config = ConfigDict(extra="forbid")
    raw: str | None = Field(default=None, description="raw files go this long after they landed (mtime)")
    clean: str | None = Field(default=None, description="clean rows go this long after their date")
    date_column: str | None = Field(
        default=None, description="the clean rows' date column; default: the date in the partition's name"
    )

    _durations = field_validator("raw", "clean", mode="before")(lambda value: _duration(value))


class ClosedSubjects(BaseModel):
    """Where the end of a customer relationship is recorded: a date column of a dataset with a subject key."""

    model_config = ConfigDict(extra="forbid")
    dataset: str
    column: str


class SubjectsPolicy(BaseModel):
    """What happens once a customer relationship has ended (the catalog's `subjects`)."""

    model_config = ConfigDict(extra="forbid")
    closed: ClosedSubjects
    erase_after: str = Field(description="closed this long ago, a subject is due for erasure")
    auto_erase: bool = Field(default=False, description="retention files and runs the erasures itself")

    _durations = field_validator("erase_after", mode="before")(lambda value: _duration(value))


class Dataset(BaseModel):
    """One dataset the flows manage."""

    model_config = ConfigDict(extra="forbid")
    path: str = Field(description="glob under the raw zone, e.g. crm/customers*.csv")
    format: DatasetFormat = Field(description="csv | jsonl | parquet | text (one record a line)")
    subject_key: str | None = Field(default=None, description="column/field identifying the customer")
    erasure: ErasurePolicy = Field(description="what erasure does to this dataset's rows")
    rectification: RectificationPolicy = Field(
        default="update", description="update: corrections replace old values; keep: records kept as issued"
    )
    retention: Retention | None = Field(default=None, description="how long raw files and clean rows stay")
    columns: dict[str, str] = Field(default_factory=dict, description="declared column kinds")
    format_preserving: bool = Field(default=False, description="format-shaped surrogates")
    encoding: str = Field(
        default="utf-8", description="text encoding of csv/jsonl/text files: utf-8, latin-1, cp1252, …"
    )
    description: str | None = None

    @field_validator("path")
    @classmethod
    def _relative_glob(cls, value: str) -> str:
        if not value or Path(value).is_absolute() or ".." in Path(value).parts:
            raise ValueError("must be a non-empty glob relative to the raw zone")
        return value

    @field_validator("encoding")
    @classmethod
    def _ascii_compatible(cls, value: str) -> str:
        try:
            name = codecs.lookup(value).name
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        if '\n,;|"{}:\t\r'.encode(name, errors="replace") != b'\n,;|"{}:\t\r':
            raise ValueError(
                f"{value!r} is not ASCII-compatible (records split on the byte \\n): convert to UTF-8"
            )
        return name

    @field_validator("columns")
    @classmethod
    def _known_kinds(cls, value: dict[str, str]) -> dict[str, str]:
        for column, kind in value.items():
            if kind not in COLUMN_KINDS:
                raise ValueError(f"column {column!r}: kind must be one of {', '.join(COLUMN_KINDS)}")
        return value


class Catalog(BaseModel):
    """The whole catalog file."""

    model_config = ConfigDict(extra="forbid")
    zones: Zones
    vault: str = Field(description="vault URL: sqlite:///path or postgresql://user@host/db")
    datasets: dict[str, Dataset] = Field(min_length=1)
    subjects: SubjectsPolicy | None = Field(default=None, description="when a relationship has ended")
    runner: RunnerSettings | None = Field(
        default=None, description="where per-partition work runs (flows.pipeline.task_runners)"
    )
    base_dir: Path = Field(default=Path("."), exclude=True, description="directory of the catalog file")

    @model_validator(mode="before")
    @classmethod
    def _no_credentials(cls, data: object) -> object:
        if isinstance(data, dict):
            top = {k: v for k, v in data.items() if k not in ("datasets", "subjects", "base_dir")}
            found = _credential_fields(top, "")
            if found:
                raise ValueError(f"field {', '.join(repr(f) for f in found)}: {CREDENTIALS_HINT}")
        return data

    @field_validator("vault")
    @classmethod
    def _vault_url(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("datasets")
    @classmethod
    def _dataset_names(cls, value: dict[str, Dataset]) -> dict[str, Dataset]:
        for name in value:
            if not name.replace("_", "").replace("-", "").isalnum():
                raise ValueError(f"dataset name {name!r} may hold only letters, digits, '_' and '-'")
        return value

    @model_validator(mode="after")
    def _closed_dataset(self) -> Catalog:
        if self.subjects is not None:
            name = self.subjects.closed.dataset
            if name not in self.datasets:
                raise ValueError(f"subjects.closed.dataset {name!r} is not a dataset of the catalog")
            if not self.datasets[name].subject_key:
                raise ValueError(f"subjects.closed.dataset {name!r} has no subject_key")
        return self

    def _zone(self, value: str | None, default: str) -> Location:
        """A zone's location: a local `Path` (as before URLs), or a `ZonePath` on object storage."""
        if value is None:
            return self.clean_dir.parent / default
        return zone_location(value, self.base_dir)

    @property
    def raw_dir(self) -> Location:
        return self._zone(self.zones.raw, "raw")

    @property
    def clean_dir(self) -> Location:
        return self._zone(self.zones.clean, "clean")

    @property
    def quarantine_dir(self) -> Location:
        return self._zone(self.zones.quarantine, "quarantine")

    @property
    def reports_dir(self) -> Location:
        return self._zone(self.zones.reports, "reports")

    @property
    def vault_url(self) -> str:
        """The vault URL with a relative SQLite path resolved against the catalog's directory."""
        prefix = "sqlite:///"
        if self.vault.startswith(prefix) and not self.vault[len(prefix) :].startswith("/"):
            rest = self.vault[len(prefix) :]
            if rest and rest != ":memory:":
                return prefix + str((self.base_dir / rest).resolve())
        return self.vault

    def dataset(self, name: str) -> Dataset:
        """The dataset called `name`; a CatalogError lists the known names otherwise."""
        try:
            return self.datasets[name]
        except KeyError:
            known = ", ".join(sorted(self.datasets))
            raise CatalogError(f"dataset {name!r} is not in the catalog (known: {known})") from None

    def selected(self, names: list[str] | None) -> list[str]:
        """The dataset names to process: `names` checked against the catalog, or all of them in order."""
        if not names:
            return list(self.datasets)
        for name in names:
            self.dataset(name)
        return list(names)

    def input_files(self, name: str) -> list[Location]:
        """The raw files of a dataset, sorted so that every run sees them in the same order."""
        pattern = self.dataset(name).path
        return sorted(p for p in self.raw_dir.glob(pattern) if is_remote(p) or p.is_file())  # remote: files

    def raw_files(self, name: str) -> list[str]:
        """The dataset's raw files by their names in the zone, each file once: a link inside the zone and
        its target are one file (read twice, both would write one clean file and one manifest entry)."""
        return list(dict.fromkeys(self.relative_to_raw(p) for p in self.input_files(name)))

    def relative_to_raw(self, path: Location) -> str:
        """A raw file's name in the zone: its target's path for a link inside the zone, the link's own path
        for one that points outside (which is never read: `inside_raw`)."""
        target, root = path.resolve(), self.raw_dir.resolve()
        if target.is_relative_to(root):
            return target.relative_to(root).as_posix()
        return path.relative_to(self.raw_dir).as_posix()

    def inside_raw(self, path: Location) -> bool:
        """False for a link (or a path through one) that leads out of the raw zone: such a file is not the
        zone's to read — it could be anything on the machine — so the flows refuse it by name."""
        return path.resolve().is_relative_to(self.raw_dir.resolve())

    def check_inside_raw(self, dataset: str, path: Location) -> None:
        """PipelineError naming the dataset and the file when `path` leads out of the raw zone."""
        from flows.pipeline.errors import PipelineError

        if not self.inside_raw(path):
            raise PipelineError(
                f"dataset {dataset}, file {self.relative_to_raw(path)}: a link to a file outside the raw "
                "zone; not read"
            )


def _describe(error: dict) -> str:
    location = [str(part) for part in error["loc"]]
    if len(location) >= 2 and location[0] == "datasets":
        where = f"dataset {location[1]!r}" + (f", field {'.'.join(location[2:])!r}" if location[2:] else "")
    else:
        where = f"field {'.'.join(location)!r}" if location else "catalog"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def parse_catalog(data: object, base_dir: Path) -> Catalog:
    """Validate an already-parsed catalog document; errors name the dataset and field."""
    if not isinstance(data, dict):
        raise CatalogError("catalog: the document must be a mapping with zones, vault and datasets")
    try:
        return Catalog.model_validate({**data, "base_dir": base_dir})
    except ValidationError as exc:
        problems = "; ".join(_describe(error) for error in exc.errors())
        raise CatalogError(f"invalid catalog: {problems}") from None


def load_catalog(path: str | Path = "catalog.yaml") -> Catalog:
    """Read and validate `catalog.yaml`; relative zone and vault paths are taken from its directory."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {path}: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CatalogError(f"catalog {path} is not valid YAML{where}") from None
    return parse_catalog(data, path.resolve().parent)
