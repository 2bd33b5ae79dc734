"""How evidence records read on public pages: a role's dates as a newspaper gives them."""

from django import template
from django.utils.dateformat import format as date_format

from explainers.bibliography import stated_when

register = template.Library()


@register.filter
def role_dates(role) -> str:
    """ "since January 2025" for a role held now, "2019–2024" for one held over years, "January–May
    2024" within a year, "" when neither date is known."""
    start, end = role.started_on, role.ended_on
    if start and end:
        if (start.year, start.month) == (end.year, end.month):
            return date_format(start, "F Y")
        if start.year == end.year:
            return f"{date_format(start, 'F')}–{date_format(end, 'F Y')}"
        return f"{start.year}–{end.year}"
    if start:
        return f"since {date_format(start, 'F Y')}"
    if end:
        return f"until {date_format(end, 'F Y')}"
    return ""


@register.filter
def printed_day(source):
    """The calendar day a source gives itself, as it printed it: "Updated: May 27, 04:37 IST" is
    27 May, although that instant falls on 26 May in the site's time zone."""
    return stated_when(source)[1]
