from notifications.inbox import unread_count


def inbox(request):
    """The navigation's counter, computed only when a page shows it (staff pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": lambda: unread_count(user)}
