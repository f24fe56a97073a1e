"""Qogam settings: one module, read from the environment.

Every variable is listed and explained in `.env.example`. Development (`DEBUG=true`) may run
with no environment at all; production must set at least SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from qogam.core.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("QOGAM_VAR_DIR", str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env_secret(
        "SECRET_KEY", "development-only-key-never-used-in-production-4f9a2c7e1b"
    )
else:
    SECRET_KEY = env_secret("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_htmx",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "import_export",
    # Qogam, in the order imports may run (docs/architecture.md).
    "qogam.core",
    "qogam.organisations",
    "qogam.notifications",
    "qogam.accounts",
    "qogam.sdg",
    "qogam.partners",
    "qogam.needs",
    "qogam.projects",
    "qogam.volunteering",
    "qogam.councils",
    "qogam.research",
    "qogam.coverage",
    "qogam.staff",
    "qogam.strategy",
    "qogam.indicators",
    "qogam.network",
    "qogam.reports",
    "qogam.portal",
    "qogam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qogam.accounts.middleware.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "qogam.accounts.middleware.TenantScopeMiddleware",
]

ROOT_URLCONF = "qogam.urls"
WSGI_APPLICATION = "qogam.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "qogam.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------

_default_db = f"sqlite:///{VAR_DIR / 'qogam.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_db)
try:
    # Persistent connections: each process keeps its connection this many seconds (0: one per
    # request, e.g. behind PgBouncer in transaction mode); checked before reuse.
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=env_int("CONN_MAX_AGE", 60))
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions make SQLite writers queue instead of failing with "database is
    # locked" halfway through; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Seconds a writer waits for the write lock before "database is locked".
        "timeout": env_int("QOGAM_SQLITE_TIMEOUT", 20),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )

# --- People and access ------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Sessions in the database, shared by every web process on every machine (never in files).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

# --- Languages --------------------------------------------------------------------------------

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "qogam_language"
# Our strings, then the Kazakh and Russian that Django's and other apps' catalogues lack.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
# Django ships no Kazakh date formats; ours live in qogam/formats/kk/formats.py.
FORMAT_MODULE_PATH = ["qogam.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Almaty")

MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("kk", "ru", "en")
# The content languages a form insists on; the rest fall back, visibly, kk -> ru -> en.
CONTENT_REQUIRED_LANGUAGES = env_list("CONTENT_REQUIRED_LANGUAGES", ["kk"])

# --- Files ------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
# Map tiles: a tile server the campus can reach (its own, or OpenStreetMap's by default).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
# Uploads: the largest file a person may attach, in megabytes.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 10)
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("STATIC_FROM_FINDERS", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads on S3-compatible object storage (AWS S3, MinIO, Ceph...) when S3_BUCKET is set, so that
# web and worker processes on several machines share them. Files stay private: no public ACL,
# signed URLs only, and the app streams each one through a view that checks who may read it
# (qogam/core/uploads.py reads through the storage API, never a file system path).
S3_BUCKET = env_str("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            # Unset: boto3's own chain (AWS_* variables, instance role).
            "access_key": env_secret("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", ""),
            # "path" for servers without per-bucket host names (MinIO); unset: boto3 decides.
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "") or None,
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            # As on disk: a new upload with a taken name gets a new name, never overwrites.
            "file_overwrite": False,
            # A file read back (to stream it) stays in memory up to this size, then spools.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG or env_bool("STATIC_FROM_FINDERS", False)
if WHITENOISE_USE_FINDERS:
    # Files come from the apps' folders; the empty root only keeps WhiteNoise from warning.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- E-mail -----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Qogam <noreply@qogam.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background work --------------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_str("TASKS_BACKEND", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Cache ----------------------------------------------------------------------------------

# Rate limits count in the cache, so several web processes need a shared one (Redis).
# A view over its limit answers 429 with this page.
RATELIMIT_VIEW = "qogam.core.errors.rate_limited"
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long the public portal keeps a page for anonymous visitors; 0 turns it off. Any change
# of what it shows throws its pages away at once (qogam/portal/cache.py) — in every process only
# when they share the cache, so by default pages are kept only with Redis and never in DEBUG.
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 600 if REDIS_URL and not DEBUG else 0)

# --- Security ---------------------------------------------------------------------------------

# Licence of the public portal's open data (its JSON, CSV headers and data page).
PORTAL_DATA_LICENCE = env_str("PORTAL_DATA_LICENCE", "CC BY 4.0")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits count per client address, which the proxy passes in this header.
    RATELIMIT_IP_META_KEY = env_str("CLIENT_IP_HEADER", "HTTP_X_REAL_IP")

# Open Badges credentials: each university's private signing key is stored encrypted with a key
# derived from this secret (qogam/volunteering/credentials.py). Changing it retires the stored
# keys (their public halves still check what they signed) and new keys are made on next use.
CREDENTIAL_KEY_SECRET = env_secret("CREDENTIAL_KEY_SECRET", SECRET_KEY)

# No inline script or style anywhere: every asset is a file served by the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MAP_TILE_URL.split("/{")[0]] if MAP_TILE_URL else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging ----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Audit ------------------------------------------------------------------------------------

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False
