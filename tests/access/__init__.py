"""Who may open each URL: one rule per URL name, gathered from the modules of this package.

Each domain declares its URLs in `tests/access/<domain>.py` as `RULES = {"ns:name": Rule(...)}`.
`tests/test_url_access.py` walks the URLconf and fails on a URL with no rule, then checks
each rule against the anonymous visitor and every role the rule does not name.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    roles: frozenset = field(default_factory=frozenset)
    public: bool = False
    # Builds the objects the URL needs and returns its kwargs; receives the allowed user.
    kwargs: Callable | None = None
    # Status codes that count as "allowed" for a role in `roles` (a POST-only view: 405).
    ok_status: tuple = (200,)
    # False when the kwargs name no object of a centre (e.g. an export format): the same role
    # elsewhere then reads its own centre's page, and the outsider test does not apply.
    object_scoped: bool = True


def all_rules() -> dict[str, Rule]:
    rules = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, rule in getattr(module, "RULES", {}).items():
            assert name not in rules, f"Two rules for {name}"
            rules[name] = rule
    return rules
