from django.urls import path

from accounts import approvals, views, views_security

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe-oublie/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe-oublie/envoye/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reinitialisation/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("centre/", views.choose_centre, name="choose_centre"),
    path("securite/", views_security.security, name="security"),
    path("second-facteur/", views_security.second_factor_verify, name="second_factor_verify"),
    path(
        "second-facteur/configurer/",
        views_security.second_factor_setup,
        name="second_factor_setup",
    ),
    path(
        "second-facteur/codes-de-secours/",
        views_security.recovery_codes,
        name="recovery_codes",
    ),
    path("confirmer-mot-de-passe/", views_security.reauthenticate, name="reauthenticate"),
    path("adresse-e-mail/", views_security.email_change, name="email_change"),
    path("rattachements/", approvals.approval_list, name="approvals"),
    path("rattachements/<int:pk>/decision/", approvals.decide_view, name="approval_decide"),
]
