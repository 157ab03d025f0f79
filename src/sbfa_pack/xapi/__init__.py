"""xAPI for Tin Can and cmi5 packages: activity IRIs, checked definitions, the runtime profile."""

from .activities import XAPI_VERSION, Activity, activities, plain
from .iri import Iris, iris
from .statements import STATE_ID, VERBS, check_profile, profile

__all__ = ["STATE_ID", "VERBS", "XAPI_VERSION", "Activity", "Iris", "activities", "check_profile", "iris",
           "plain", "profile"]
