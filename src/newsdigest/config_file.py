"""The config file: defaults a user sets once, in TOML.

It lives in the platform's config folder (``~/.config/newsdigest/config.toml`` on Linux) or
where ``NEWSDIGEST_CONFIG`` says. Precedence: a command-line option over an environment
variable over the file over the built-in default. Secrets are never read from it: the API
key and the SMTP password come from the environment only (a file is copied, shared, backed up).

    model = "qwen2.5-7b-instruct"
    base_url = "http://127.0.0.1:8080/v1"
    timeout = 300

    [digest]
    cache = "~/news/cache.sqlite3"

    [smtp]
    host = "smtp.example.org"
    user = "me"
    from = "digest@example.org"
    to = ["desk@example.org"]
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from newsdigest.errors import ConfigError

ENV = "NEWSDIGEST_CONFIG"


@dataclass(frozen=True)
class Setting:
    """A setting the file may hold: its type, the option of summarize/digest it is the default
    of, and the environment variable that overrides it."""

    kind: type | tuple[type, ...]
    option: str  # the command's parameter name (for the model's settings, the ``Settings`` field)
    env: str | None = None


MODEL = {
    "backend": Setting(str, "backend"),
    "model": Setting(str, "model", "NEWSDIGEST_MODEL"),
    "base_url": Setting(str, "base_url", "NEWSDIGEST_BASE_URL"),
    "model_path": Setting(str, "model_path", "NEWSDIGEST_MODEL_PATH"),
    "n_ctx": Setting(int, "n_ctx"),
    "threads": Setting(int, "threads"),
    "prompt": Setting(str, "prompt"),
    "mode": Setting(str, "mode"),
    "reasks": Setting(int, "reasks"),
    "max_tokens": Setting(int, "max_tokens"),
    "timeout": Setting((int, float), "timeout_s"),
    "retries": Setting(int, "transport_retries"),
}
DIGEST = {
    "cache": Setting(str, "cache"),
    "concurrency": Setting(int, "concurrency"),
    "crosscheck_limit": Setting(int, "crosscheck_limit"),
}
SMTP = {
    "host": Setting(str, "smtp_host"),
    "port": Setting(int, "smtp_port"),
    "user": Setting(str, "smtp_user"),
    "starttls": Setting(bool, "smtp_starttls"),
    "ssl": Setting(bool, "smtp_ssl"),
    "from": Setting(str, "mail_from"),
    "to": Setting(list, "to"),
}
TABLES: dict[str | None, dict[str, Setting]] = {None: MODEL, "digest": DIGEST, "smtp": SMTP}
_SECRETS = {"api_key", "openai_api_key", "password", "smtp_password"}
# Settings whose environment variable overrides the file: config.resolve reads these, in that order.
ENV_BACKED = {name: s.env for name, s in MODEL.items() if s.env}


def path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV):
        return Path(env[ENV]).expanduser()
    import platformdirs

    return platformdirs.user_config_path("newsdigest") / "config.toml"


def load(env: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """The file's settings by table (``None``: the top level), checked; empty without a file.
    A file that ``NEWSDIGEST_CONFIG`` names must exist."""
    env = os.environ if env is None else env
    where = path(env)
    try:
        data = where.read_bytes()
    except FileNotFoundError:
        if env.get(ENV):
            raise ConfigError(f"{ENV} names {where}, which does not exist", hint=f"create it or unset {ENV}") from None
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {where}: {exc.strerror}") from exc
    import tomllib

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"the config file {where} is not valid TOML: {exc}") from exc
    return _checked(document, where)


def _checked(document: dict[str, Any], where: Path) -> dict[str, dict[str, Any]]:
    settings: dict[str | None, dict[str, Any]] = {table: {} for table in TABLES}
    for key, value in document.items():
        table, entries = (key, value) if isinstance(value, dict) else (None, {key: value})
        if table not in TABLES:
            raise ConfigError(f"{where}: unknown table [{table}]", hint="use the top level, [digest] or [smtp]")
        for name, entry in entries.items():
            label = f"{table}.{name}" if table else name
            if name.lower() in _SECRETS:
                raise ConfigError(f"{where}: {label} is a secret, which the config file must not hold",
                                  hint="set OPENAI_API_KEY or NEWSDIGEST_SMTP_PASSWORD in the environment")
            setting = TABLES[table].get(name)
            if setting is None:
                raise ConfigError(f"{where}: unknown setting {label!r}",
                                  hint=f"choose from: {', '.join(TABLES[table])}")
            if not isinstance(entry, setting.kind) or (isinstance(entry, bool) and setting.kind is not bool):
                raise ConfigError(f"{where}: {label} = {entry!r} is not a {_kind_name(setting.kind)}")
            settings[table][name] = str(Path(entry).expanduser()) if name in ("cache", "model_path") else entry
    return {table or "": values for table, values in settings.items()}  # type: ignore[misc]


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "string", int: "whole number", float: "number", bool: "true or false", list: "list"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)


def config_defaults(settings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The file's model settings as ``Settings`` fields, but those an environment variable can
    set, which ``config.resolve`` reads (flag, then environment, then file)."""
    return {MODEL[k].option: v for k, v in settings.get("", {}).items() if k not in ENV_BACKED}


def command_defaults(settings: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The file's settings as defaults of each command's options (click's ``default_map``), so
    that an option given on the command line wins. Those an environment variable can set are
    left to ``config.resolve`` (flag, then environment, then file)."""
    model = config_defaults(settings)
    digest = {TABLES[t][k].option: v for t in ("digest", "smtp") for k, v in settings.get(t, {}).items()}
    return {"summarize": model, "digest": {**model, **digest}, "config": {k: v for k, v in model.items() if k == "backend"}}


def source(name: str, *, flag: bool, env: Mapping[str, str], settings: dict[str, dict[str, Any]], table: str = "") -> str:
    """Where a setting's value comes from, for ``newsdigest config``."""
    if flag:
        return "option"
    variable = ENV_BACKED.get(name) if not table else None
    if variable and env.get(variable):
        return f"env {variable}"
    if name == "base_url" and not table and env.get("OPENAI_BASE_URL"):
        return "env OPENAI_BASE_URL"
    if name in settings.get(table, {}):
        return "file"
    return "default"
