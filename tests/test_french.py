"""French as people read it: elision, agreement, and no "de" before a vowel on any page."""

import re
from html import unescape
from importlib import import_module

import pytest
from django.apps import apps
from django.template import Context, Template
from django.urls import reverse

from parcours.french import agreed, de, elide, elides_before
from people.models import Person


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Inès", "d’Inès"),
        ("Élodie", "d’Élodie"),
        ("Espace 40", "d’Espace 40"),
        ("Hélène", "d’Hélène"),
        ("Hamid", "de Hamid"),  # aspirated h
        ("Hugo", "de Hugo"),
        ("Yasmine", "de Yasmine"),  # consonant y
        ("Yves", "d’Yves"),
        ("Claire Dubois", "de Claire Dubois"),
        ("Omar Somi", "d’Omar Somi"),
        ("Aurore", "d’Aurore"),
        ("accompagnement", "d’accompagnement"),
        ("Ulysse", "d’Ulysse"),
        ("", "de "),
    ],
)
def test_de_elides_before_a_vowel_or_a_mute_h(word, expected):
    assert de(word) == expected


def test_other_articles_elide_and_keep_their_case():
    assert elide("le", "Espéranto") == "l’Espéranto"
    assert elide("que", "Inès") == "qu’Inès"
    assert elide("Le", "Hall") == "Le Hall"
    assert elide("De", "Élodie") == "D’Élodie"
    assert not elides_before("«Hamid»")


def test_template_filters():
    person = Person(first_name="Élodie", last_name="N'Diaye", sex="F")
    rendered = Template(
        "{% load french %}Demande {{ person.first_name|de }} – {{ person|born }} – "
        "{{ 'Espéranto'|elide:'le' }} – {{ person|agree:'inscrit,inscrite' }}"
    ).render(Context({"person": person}))
    assert rendered == "Demande d’Élodie – née – l’Espéranto – inscrite"


def test_born_follows_the_recorded_sex_and_is_inclusive_only_when_unknown():
    assert agreed("né", "née", "F") == "née"
    assert agreed("né", "née", "M") == "né"
    assert agreed("né", "née", "") == "né·e"


def test_a_name_with_html_stays_escaped():
    rendered = Template("{% load french %}{{ name|de }}").render(Context({"name": "<b>Inès</b>"}))
    assert rendered == "de &lt;b&gt;Inès&lt;/b&gt;"


# --- Every page of the demo story ------------------------------------------------------------

VOWEL_AFTER_DE = re.compile(r"(?<![\w’'])de ([AEIOUÉÈÊËÀÂÎÏÔÛÙaeiouéèêëàâîïôûù][\w’'-]*)")
SPACE_BEFORE_COMMA = re.compile(r"\S+ ,")


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Inline tags vanish ("<a>X</a>," reads "X,"); block tags separate words.
    html = re.sub(r"</?(?:a|strong|em|span|abbr|code|b|i)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _load_demo():
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError:
            continue
        module.load()


def _staff_urls(user):
    from parcours.permissions import persons_visible_to, requests_visible_to

    urls = [reverse("dashboard:home"), reverse("notifications:inbox")]
    for name in (
        "reception:desk",
        "reception:reception_queue",
        "reception:coordinator_queue",
        "reception:counsellor_queue",
        "reception:request_list",
        "people:search",
    ):
        urls.append(reverse(name))
    for request_ in requests_visible_to(user).order_by("pk")[:15]:
        urls.append(reverse("reception:request_detail", kwargs={"pk": request_.pk}))
    for person in persons_visible_to(user).order_by("pk")[:25]:
        urls.append(reverse("people:file", kwargs={"pk": person.pk}))
    return urls


@pytest.mark.django_db
def test_no_page_of_the_demo_story_says_de_before_a_vowel_nor_a_space_before_a_comma(client):
    from accounts.demo import DEMO_DOMAIN
    from accounts.models import User
    from organisations.models import Centre

    _load_demo()
    found, scanned = {}, 0
    pages = [reverse("directory:centre_list"), reverse("directory:contact_request")]
    pages += [
        reverse("directory:centre_detail", kwargs={"slug": c.slug}) for c in Centre.objects.all()
    ]
    for url in pages:
        text = _text(client.get(url).content.decode())
        for match in [*VOWEL_AFTER_DE.finditer(text), *SPACE_BEFORE_COMMA.finditer(text)]:
            found.setdefault(match.group(0), url)
    for local in ("accueil.grandair", "coordination.grandair", "cip", "direction.grandair"):
        user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
        client.force_login(user)
        for url in _staff_urls(user):
            response = client.get(url)
            if response.status_code != 200:
                continue
            scanned += 1
            text = _text(response.content.decode())
            for match in [*VOWEL_AFTER_DE.finditer(text), *SPACE_BEFORE_COMMA.finditer(text)]:
                found.setdefault(match.group(0), f"{local} {url}")
    assert scanned > 60  # the files, requests and queues of four roles were read
    assert found == {}
