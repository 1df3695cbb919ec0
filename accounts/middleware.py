from accounts.acting import acting_centre_for


class ActingMembershipMiddleware:
    """Puts the centre the user acts for on the request (chosen once, kept in session).

    A CIP serves three centres: what she creates (a visit, an appointment) belongs to
    the centre she acts for. Reading scope is not narrowed by it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_centre = acting_centre_for(request)
        return self.get_response(request)
