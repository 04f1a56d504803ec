"""Billing notifications: renewal reminders, auto-renewal and the schedule they make for a product (SPEC §6)."""

from .errors import (
    AutoRenewalTooLate,
    DueDateOutOfRange,
    InvalidLeadTime,
    InvalidNotificationRules,
    InvalidZone,
    LeadTimeBeyondTwoMonths,
    NoLeadTime,
    WindowEndsBeforeStart,
)
from .events import PreferenceEvent, PreferenceEventKind, RegisteredOrganisation
from .lead_time import LeadTime
from .notification import AUTO_RENEWAL_KINDS, Notification, NotificationKind
from .preferences import (
    AUTO_RENEWAL_DAYS,
    DEFAULT_LEAD_TIMES,
    NotificationRules,
    ProductPreferences,
    ReminderPreferences,
    lead_times,
)
from .registry import BillingNotifications
from .schedule import auto_renewal_deadline, notification_schedule, start_of_day

__all__ = [
    "AUTO_RENEWAL_DAYS",
    "AUTO_RENEWAL_KINDS",
    "DEFAULT_LEAD_TIMES",
    "AutoRenewalTooLate",
    "BillingNotifications",
    "DueDateOutOfRange",
    "InvalidLeadTime",
    "InvalidNotificationRules",
    "InvalidZone",
    "LeadTime",
    "LeadTimeBeyondTwoMonths",
    "NoLeadTime",
    "Notification",
    "NotificationKind",
    "NotificationRules",
    "PreferenceEvent",
    "PreferenceEventKind",
    "ProductPreferences",
    "RegisteredOrganisation",
    "ReminderPreferences",
    "WindowEndsBeforeStart",
    "auto_renewal_deadline",
    "lead_times",
    "notification_schedule",
    "start_of_day",
]
