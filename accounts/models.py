from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django_otp.models import Device


class Role(models.TextChoices):
    RECEPTION = "reception", "Agent d’accueil"
    COORDINATOR = "coordinator", "Coordinateur·rice du secteur insertion"
    COUNSELLOR = "counsellor", "Conseiller·ère en insertion socioprofessionnelle (CIP)"
    DIRECTOR = "director", "Directeur·rice de centre social"
    STEERING = "steering", "Pilotage (Ville)"
    PARTNER = "partner", "Partenaire"
    ADMINISTRATOR = "administrator", "Administrateur·rice"
    MODERATOR = "moderator", "Modérateur·rice du site public"


# Roles whose work is tied to one social centre: a membership of these roles names it.
CENTRE_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR, Role.DIRECTOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A professional who logs in. Residents never have an account."""

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rice·s"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Membership(models.Model):
    """One role held by a user in an organisation, and for centre roles in one centre.

    The CIP of Aurore holds one counsellor membership per centre she serves.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name="organisation",
    )
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="centre social",
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "rattachement"
        verbose_name_plural = "rattachements"
        ordering = ["user", "role", "centre"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "centre", "role"],
                name="membership_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(centre__isnull=False)
                | ~Q(role__in=sorted(r.value for r in CENTRE_ROLES)),
                name="membership_centre_role_has_centre",
            ),
        ]

    def __str__(self):
        where = self.centre.name if self.centre_id else self.organisation.name
        return f"{self.get_role_display()} – {where}"


class MembershipApproval(models.Model):
    """A membership granted in the admin that opens people's files (or the admin itself).

    It stays inactive until a second administrator — neither the one who asked nor the
    member — approves it (accounts/approvals.py). The rows are the audit trail of grants.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "En attente d’approbation"
        APPROVED = "approved", "Approuvé"
        REFUSED = "refused", "Refusé"

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="approvals", verbose_name="rattachement"
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name="demandé par"
    )
    requested_at = models.DateTimeField("demandé le", auto_now_add=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidé par",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)

    class Meta:
        verbose_name = "approbation de rattachement"
        verbose_name_plural = "approbations de rattachements"
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "-requested_at"], name="approval_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(status="pending"),
                name="approval_one_pending_per_membership",
            )
        ]

    def __str__(self):
        return f"{self.membership} – {self.get_status_display()}"


class LoginSession(models.Model):
    """The sessions a user opened, so that deactivating the account ends every one of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "session ouverte"
        verbose_name_plural = "sessions ouvertes"

    def __str__(self):
        return f"Session de {self.user}"


class DemoDevice(Device):
    """Second factor of the demo accounts: a fixed code printed by `make run`.

    Accepted only while settings.DEMO_SECOND_FACTOR is on (development); production refuses
    the setting, and the accounts.E001 check reports it.
    """

    class Meta:
        verbose_name = "code de démonstration"
        verbose_name_plural = "codes de démonstration"

    def verify_token(self, token):
        from django.conf import settings

        from accounts.demo import DEMO_SECOND_FACTOR_CODE

        return bool(settings.DEMO_SECOND_FACTOR) and str(token).strip() == DEMO_SECOND_FACTOR_CODE
