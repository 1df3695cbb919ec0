"""Views of the public site, one module per screen family."""
