"""Render the admin page, its generated config and the self-hosted Decap bundle."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pelican.generators import Generator

from i18n import use_language
from sadewa import decap, timing
from sadewa.cachefiles import read_record, write_record

log = logging.getLogger(__name__)

SITE = "domestic"
FOLDER = "admin"
BUNDLE = Path("node_modules") / "decap-cms" / "dist"
# The main script and the chunks it loads on demand (source maps left out).
BUNDLE_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm")
CONFIG = f"{SITE}/{FOLDER}/config.yml"
CONFIG_RECORD = "admin-config"  # what the last config.yml was made of, and its digest
DEFAULTS = {
    "SADEWA_ADMIN_REPO": "dinkop-jateng/sadewa-catalog",  # owner/name on GitHub
    "SADEWA_ADMIN_BRANCH": "main",
    "SADEWA_ADMIN_AUTH_URL": None,  # the OAuth proxy Decap's GitHub login goes through; None: Decap's default
}
# The git host's API and Decap's local server (any port on this machine).
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-eval'; "  # Decap compiles its config schema (ajv) at run time
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com; "
    "connect-src 'self' blob: https://api.github.com http://127.0.0.1:* http://localhost:*; "
    "font-src 'self' data:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def bundle_files(root: Path) -> list[Path]:
    folder = root / BUNDLE
    return sorted({p for pattern in BUNDLE_FILES for p in folder.glob(pattern)})


def repository_path(folder: Path) -> str:
    """The catalog folder as the git repository names it (builds run from its root)."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return folder.name


class AdminGenerator(Generator):
    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        settings = self.settings
        if SITE not in (settings.get("SADEWA_SITES") or [SITE]) or settings.get("SADEWA_ADMIN") is False:
            return
        files = bundle_files(Path.cwd())
        if not files:
            log.warning("admin: %s is missing (run `make` with npm installed); /admin/ is left out of this build", BUNDLE)
            return
        self.write_config(writer, Path(settings["SADEWA_PRODUCTS"]))
        for path in files:
            data = path.read_bytes()
            writer.write_file_from(f"{SITE}/{FOLDER}/{path.name}", path, digest=hashlib.blake2b(data, digest_size=16).hexdigest())
        use_language(self.env, settings, "id")
        html = self.get_template("admin").render(self.context, csp=CSP, lang="id")
        writer.write_text(f"{SITE}/{FOLDER}/index.html", html)

    def write_config(self, writer, products: Path) -> None:
        """config.yml, made again only when what it is made of changed: the
        SMEs (a collection each, named as the loaded catalog names them),
        the schema, the settings."""
        option = {key: self.settings.get(key, default) for key, default in DEFAULTS.items()}
        site_url, folder = self.settings["SADEWA_SITE_URLS"][SITE], repository_path(products)
        smes = [(sme.slug, sme.name) for sme in self.context["SADEWA_CATALOG"].smes]
        record = Path(self.settings.get("CACHE_PATH", ".cache")) / CONFIG_RECORD
        key = _config_key([option, site_url, folder, smes])
        last = read_record(record)
        if last.get("key") == key and writer.previous.get(CONFIG) == last.get("digest") and writer.keep_previous([CONFIG]):
            timing.count("admin config kept", 1)
            return
        config = decap.config(
            products, folder, repo=option["SADEWA_ADMIN_REPO"], branch=option["SADEWA_ADMIN_BRANCH"],
            site_url=site_url, auth_url=option["SADEWA_ADMIN_AUTH_URL"], smes=smes,
        )
        writer.write_text(CONFIG, decap.render(config), check_links=False)
        write_record(record, {"key": key, "digest": writer.files[CONFIG]})


def _config_key(inputs: list) -> str:
    """A digest of what config.yml is made of: our code (the schema gives
    the fields) and ``inputs`` (the settings and the SMEs)."""
    digest = hashlib.blake2b(json.dumps(inputs, sort_keys=True).encode(), digest_size=16)
    for module in sorted(Path(decap.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()
