from django.urls import reverse

from organisations.models import Site


def test_centre_list_groups_municipal_and_associative_centres(client, db):
    content = client.get(reverse("directory:centre_list")).content.decode()
    assert "Les centres sociaux municipaux" in content
    assert "Le centre social associatif" in content
    for name in ["Grand Air", "Espéranto", "Lounès Matoub", "SFM Montreuil"]:
        assert f"Centre social {name}" in content
    assert 'href="tel:+33171868010"' in content


def test_centre_list_costs_a_constant_number_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(5) as before:
        client.get(reverse("directory:centre_list"))
    centre = Site.objects.first().centre
    for n in range(20):
        Site.objects.create(
            centre=centre,
            name=f"Site {n}",
            slug=f"site-{n}",
            address="1 rue",
            postal_code="93100",
            city="Montreuil",
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("directory:centre_list"))
