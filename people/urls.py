from django.urls import path

from people.views import file_views, import_views, merge_views, search_views

app_name = "people"

urlpatterns = [
    path("", search_views.search, name="search"),
    path("inscrire/", search_views.register, name="register"),
    path("<int:pk>/", file_views.person_file, name="file"),
    path("<int:pk>/modifier/", file_views.edit, name="edit"),
    path("<int:pk>/notes/ajouter/", file_views.note_add, name="note_add"),
    path("<int:pk>/referent/", file_views.referent, name="referent"),
    path("<int:pk>/situation/", file_views.situation, name="situation"),
    path("<int:pk>/notice/", file_views.notice_print, name="notice"),
    path("<int:pk>/accords/", file_views.consents, name="consents"),
    path(
        "<int:pk>/accords/<int:consent_pk>/retirer/",
        file_views.consent_withdraw,
        name="consent_withdraw",
    ),
]
urlpatterns += [
    path("<int:pk>/fusionner/", merge_views.merge_choose, name="merge_choose"),
    path("<int:pk>/fusionner/<int:other_pk>/", merge_views.merge, name="merge"),
]
urlpatterns += [
    path("import/", import_views.upload, name="import"),
    path("import/<int:pk>/", import_views.detail, name="import_detail"),
    path("import/<int:pk>/colonnes/", import_views.mapping, name="import_mapping"),
    path("import/<int:pk>/importer/", import_views.run, name="import_run"),
    path("import/<int:pk>/abandonner/", import_views.abandon_view, name="import_abandon"),
    path(
        "import/<int:pk>/lignes-refusees.xlsx",
        import_views.refused_download,
        name="import_refused",
    ),
]
