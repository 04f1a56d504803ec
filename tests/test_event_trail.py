"""Every aggregate's events are its audit trail: who, what and when, for exactly the changes made.

For the programme, the tagging, the billing notifications, the tender board and a security account, random commands —
allowed or not, in time order or backdated, by people of either side or nobody registered — are run one after the
other. The law, per aggregate:

* a command that changes the aggregate returns at least one event, and one that changes nothing returns none;
* every event it returns is dated by the command's ``at``, names the person the command names as ``by`` (the account's
  own person for a security command that names nobody else), is of a kind that command makes, and — where it holds
  the value before and after — shows a change (but a tag's attachment, which changes which products carry the tag);
* a refused command returns nothing and leaves the aggregate — and the programme it reads — as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, Money
from infomanager_core.access import EventKind, Grant, HeldProduct, Organisation, PaymentMeans, Person, Programme, Role
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.notifications import BillingNotifications, LeadTime, PreferenceEventKind, ReminderPreferences
from infomanager_core.security import Account, Avatar, SecurityEventKind
from infomanager_core.tags import TagEventKind, Tagging
from infomanager_core.tenders import Contact, TenderBoard, TenderEventKind
from tests.refusals import state_of
from tests.security.support import PASSWORD, new_account

PEOPLE = ("paula", "adam", "uma", "ulla", "carl", "cleo", "fred", "ghost")
LEGAL_REPRESENTATIVE = {"agency": "paula", "bakery": "carl", "cafe": "fred"}
#: The kinds whose ``before`` and ``after`` are the same value: an attachment changes which products carry a tag, not
#: the tag.
UNCHANGED = {TagEventKind.ATTACHED, TagEventKind.DETACHED}
STEPS = 12


@attrs.frozen
class Step:
    """One command to run, with who and when it names, and the kinds of event it may make."""

    name: str
    run: Callable[[], object]
    by: str | None
    at: datetime
    kinds: frozenset[object]


def check(step: Step, *registries: object) -> None:
    """``step`` obeys the law of the module on ``registries`` (the aggregate first, then what it reads)."""
    before = [state_of(registry) for registry in registries]
    try:
        result = step.run()
    except InfomanagerError:
        assert [state_of(registry) for registry in registries] == before, step.name
        return
    events = getattr(result, "events", result)
    assert isinstance(events, tuple), step.name
    changed = [state_of(registry) for registry in registries] != before
    assert bool(events) == changed, (step.name, events)
    for event in events:
        assert event.at == step.at, (step.name, event)
        assert event.by == step.by, (step.name, event)
        assert event.what in step.kinds, (step.name, event)
        was, now = getattr(event, "before", None), getattr(event, "after", None)  # a tender event holds neither
        if event.what not in UNCHANGED:
            assert was is None or now is None or was != now, (step.name, event)


Commands = dict[str, tuple[Callable[[], object], str | None, set[Any]]]


def pick(data: st.DataObject, n: int, at: datetime, commands: Commands) -> Step:
    """The ``n``-th step: one of ``commands`` (name → what to run, who it names, the kinds of event it may make)."""
    name = data.draw(st.sampled_from(sorted(commands)), label=f"command {n}")
    run, by, kinds = commands[name]
    return Step(name, run, by, at, frozenset(kinds))


def moments(n: int) -> st.SearchStrategy[datetime]:
    """The moment of the ``n``-th command: mostly later than the one before, sometimes earlier (refused as backdated)."""
    return st.integers(-1, 1).map(lambda hours: MONDAY + timedelta(hours=n + hours))


# -- the access programme ------------------------------------------------------------------------------------------


def access_step(data: st.DataObject, p: Programme, n: int) -> Step:
    org, other = data.draw(st.sampled_from((("agency", "cafe"), ("agency", "bakery"), ("cafe", "agency"))))
    by = data.draw(st.sampled_from((LEGAL_REPRESENTATIVE[org], LEGAL_REPRESENTATIVE[other], "adam", "ghost")))
    person = data.draw(st.sampled_from(("uma", "ulla", "cleo", "fred", "adam", "ghost")))
    staff, manager = (
        data.draw(st.sampled_from(("uma", "ulla", "cleo"))),
        data.draw(st.sampled_from(("paula", "adam", "uma"))),
    )
    at = data.draw(moments(n))
    role = data.draw(st.sampled_from(Role))
    invitation = f"invitation-{data.draw(st.integers(2, 3))}"
    partnership = f"partnership-{data.draw(st.integers(1, 2))}"
    grant = data.draw(st.sampled_from((Grant.full(), Grant.full(PaymentMeans.PARTNER), Grant.limited({"web-2"}))))
    nobody = data.draw(st.sampled_from((None, by)))
    commands: Commands = {
        "register_person": (
            lambda: p.register_person(Person(f"new-{n}"), by=nobody, at=at),
            nobody,
            {EventKind.PERSON_REGISTERED},
        ),
        "register_organisation": (
            lambda: p.register_organisation(
                Organisation(id=f"org-{n}", name="New", country="CH", members={person: Role.LEGAL_REPRESENTATIVE}),
                by=nobody,
                at=at,
            ),
            nobody,
            {EventKind.ORGANISATION_REGISTERED},
        ),
        "add_product": (
            lambda: p.add_product(org, HeldProduct(id=f"p-{n}", code="web", family="web-hosting"), by=nobody, at=at),
            nobody,
            {EventKind.PRODUCT_ADDED},
        ),
        "add_member": (lambda: p.add_member(org, person, role, by=by, at=at), by, {EventKind.MEMBER_ADDED}),
        "change_role": (lambda: p.change_role(org, person, role, by=by, at=at), by, {EventKind.ROLE_CHANGED}),
        "remove_member": (
            lambda: p.remove_member(org, person, by=by, at=at),
            by,
            {EventKind.MEMBER_REMOVED, EventKind.CLIENT_UNASSIGNED},
        ),
        "invite": (
            lambda: p.invite(partner=org, client=other, grant=grant, by=by, at=at),
            by,
            {EventKind.INVITATION_SENT},
        ),
        "authorise": (
            lambda: p.authorise(client=org, partner=other, grant=grant, by=by, at=at),
            by,
            {EventKind.INVITATION_SENT},
        ),
        "accept": (
            lambda: p.accept(invitation, by=by, at=at),
            by,
            {EventKind.INVITATION_ACCEPTED, EventKind.PARTNERSHIP_STARTED},
        ),
        "refuse": (lambda: p.refuse(invitation, by=by, at=at), by, {EventKind.INVITATION_REFUSED}),
        "cancel": (lambda: p.cancel(invitation, by=by, at=at), by, {EventKind.INVITATION_CANCELLED}),
        "change_access": (
            lambda: p.change_access(partnership, grant, by=by, at=at),
            by,
            {EventKind.ACCESS_CHANGED},
        ),
        "change_payment_means": (
            lambda: p.change_payment_means(partnership, data.draw(st.sampled_from(PaymentMeans)), by=by, at=at),
            by,
            {EventKind.ACCESS_CHANGED},
        ),
        "add_managed_products": (
            lambda: p.add_managed_products(partnership, ["web-2"], by=by, at=at),
            by,
            {EventKind.ACCESS_CHANGED},
        ),
        "remove_managed_products": (
            lambda: p.remove_managed_products(partnership, ["web-1"], by=by, at=at),
            by,
            {EventKind.ACCESS_CHANGED},
        ),
        "assign_client": (
            lambda: p.assign_client(partner="agency", client="bakery", person=staff, by=manager, at=at),
            manager,
            {EventKind.CLIENT_ASSIGNED},
        ),
        "unassign_client": (
            lambda: p.unassign_client(partner="agency", client="bakery", person=staff, by=manager, at=at),
            manager,
            {EventKind.CLIENT_UNASSIGNED},
        ),
        "end": (
            lambda: p.end(partnership, by=by, at=at),
            by,
            {EventKind.PARTNERSHIP_ENDED, EventKind.CLIENT_UNASSIGNED},
        ),
    }
    return pick(data, n, at, commands)


@given(st.data())
def test_the_programme_returns_exactly_the_events_of_its_changes_each_naming_who_and_when(data: st.DataObject) -> None:
    programme = example_programme()
    for n in range(STEPS):
        check(access_step(data, programme, n), programme)
    programme.check_invariants()


# -- tags -----------------------------------------------------------------------------------------------------------


def tag_step(data: st.DataObject, tagging: Tagging, n: int) -> Step:
    by = data.draw(st.sampled_from(("carl", "cleo", "fred", "uma", "paula", "ghost")))
    at = data.draw(moments(n))
    tag = f"tag-{data.draw(st.integers(1, 3))}"
    product = data.draw(st.sampled_from(("web-1", "web-2", "cafe-web")))
    name = data.draw(st.sampled_from(("Shop", "shop", "Mail", "VIP")))
    colour = data.draw(st.integers(0, 3))
    commands: dict[str, tuple[Callable[[], object], set[TagEventKind]]] = {
        "create": (
            lambda: tagging.create(data.draw(st.sampled_from(("bakery", "cafe"))), name, colour=colour, by=by, at=at),
            {TagEventKind.CREATED},
        ),
        "rename": (lambda: tagging.rename(tag, name, by=by, at=at), {TagEventKind.RENAMED}),
        "recolour": (lambda: tagging.recolour(tag, colour, by=by, at=at), {TagEventKind.RECOLOURED}),
        "attach": (lambda: tagging.attach(tag, product, by=by, at=at), {TagEventKind.ATTACHED}),
        "detach": (lambda: tagging.detach(tag, product, by=by, at=at), {TagEventKind.DETACHED}),
        "delete": (lambda: tagging.delete(tag, by=by, at=at), {TagEventKind.DETACHED, TagEventKind.DELETED}),
    }
    return pick(data, n, at, {name: (run, by, made) for name, (run, made) in commands.items()})


@given(st.data())
def test_the_tagging_returns_exactly_the_events_of_its_changes_each_naming_who_and_when(data: st.DataObject) -> None:
    programme = example_programme()
    tagging = Tagging(programme)
    tagging.create("bakery", "Shop", colour=1, by="carl", at=MONDAY)
    tagging.attach("tag-1", "web-1", by="carl", at=MONDAY)
    for n in range(STEPS):
        check(tag_step(data, tagging, n), tagging, programme)
    tagging.check_invariants()


# -- billing notifications ------------------------------------------------------------------------------------------

ZURICH = ZoneInfo("Europe/Zurich")


def notification_step(data: st.DataObject, registry: BillingNotifications, n: int) -> Step:
    by = data.draw(st.sampled_from(PEOPLE))
    at = data.draw(moments(n))
    organisation = data.draw(st.sampled_from(("bakery", "cafe", "dental")))
    product = data.draw(st.sampled_from(("web-1", "cafe-web", "web-2")))
    due = data.draw(st.sampled_from((date(2026, 4, 30), date(2026, 1, 12), date(2026, 6, 30))))
    reminders = data.draw(
        st.sampled_from((ReminderPreferences(), ReminderPreferences(enabled=False), None))
        | st.just(ReminderPreferences(lead_times=[LeadTime(days=3)]))
    )
    kinds = PreferenceEventKind
    commands: dict[str, tuple[Callable[[], object], set[PreferenceEventKind]]] = {
        "add_organisation": (
            lambda: registry.add_organisation(organisation, zone=ZURICH, by=by, at=at),
            {kinds.ORGANISATION_ADDED},
        ),
        "add_product": (
            lambda: registry.add_product(product, organisation=organisation, due=due, by=by, at=at),
            {kinds.PRODUCT_ADDED},
        ),
        "set_reminders": (
            lambda: registry.set_reminders(organisation, reminders or ReminderPreferences(), by=by, at=at),
            {kinds.REMINDERS_CHANGED},
        ),
        "set_product_reminders": (
            lambda: registry.set_product_reminders(product, reminders, by=by, at=at),
            {kinds.PRODUCT_REMINDERS_CHANGED},
        ),
        "switch_auto_renewal": (
            lambda: registry.switch_auto_renewal(product, data.draw(st.booleans()), by=by, at=at),
            {kinds.AUTO_RENEWAL_SWITCHED_ON, kinds.AUTO_RENEWAL_SWITCHED_OFF},
        ),
        "set_due_date": (
            lambda: registry.set_due_date(product, due, by=by, at=at),
            {kinds.DUE_DATE_CHANGED},
        ),
    }
    return pick(data, n, at, {name: (run, by, made) for name, (run, made) in commands.items()})


@given(st.data())
def test_the_notifications_return_exactly_the_events_of_their_changes_each_naming_who_and_when(
    data: st.DataObject,
) -> None:
    registry = BillingNotifications()
    for organisation, product in (("bakery", "web-1"), ("cafe", "cafe-web")):
        registry.add_organisation(organisation, zone=ZURICH, by="carl", at=MONDAY)
        registry.add_product(product, organisation=organisation, due=date(2026, 4, 30), by="carl", at=MONDAY)
    for n in range(STEPS):
        check(notification_step(data, registry, n), registry)
    registry.check_invariants()


# -- calls for tender -----------------------------------------------------------------------------------------------


def tender_step(data: st.DataObject, board: TenderBoard, tokens: list[str], n: int) -> Step:
    by = data.draw(st.sampled_from(("carl", "fred", "paula", "adam", None) * 2 + ("cleo", "ghost")))
    at = data.draw(moments(n))
    client = data.draw(st.sampled_from(("bakery", "cafe")))
    partner = data.draw(st.sampled_from(("agency", "agency", "cafe")))
    call = f"call-{data.draw(st.integers(1, 3))}"
    proposal = f"proposal-{data.draw(st.integers(1, 3))}"
    kinds = TenderEventKind

    def submit() -> object:
        contact = Contact(name="C", email="c@d.example")
        confirmation = board.submit(client, title="A shop", description="Bread.", contact=contact, by=by, at=at)
        tokens.append(confirmation.token)
        return confirmation

    commands: dict[str, tuple[Callable[[], object], set[TenderEventKind]]] = {
        "opt_in": (lambda: board.opt_in(partner, by=by, at=at), {kinds.OPTED_IN}),
        "opt_out": (lambda: board.opt_out(partner, by=by, at=at), {kinds.OPTED_OUT}),
        "submit": (submit, {kinds.SUBMITTED, kinds.EXCERPT_SENT}),
        "open": (lambda: board.open(call, partner=partner, by=by, at=at), {kinds.OPENED}),
        "cancel": (
            lambda: board.cancel(data.draw(st.sampled_from(tokens)), by=by, at=at),
            {kinds.CANCELLED},
        ),
        "answer": (
            lambda: board.answer(call, partner=partner, text="A shop.", price=Money("10.00", "CHF"), by=by, at=at),
            {kinds.ANSWERED},
        ),
        "accept": (lambda: board.accept(proposal, client=client, by=by, at=at), {kinds.ACCEPTED}),
        "decline": (lambda: board.decline(proposal, client=client, by=by, at=at), {kinds.DECLINED}),
    }
    return pick(data, n, at, {name: (run, by, made) for name, (run, made) in commands.items()})


@given(st.data())
def test_the_tender_board_returns_exactly_the_events_of_its_changes_each_naming_who_and_when(
    data: st.DataObject,
) -> None:
    programme = example_programme()
    board = TenderBoard(programme)
    board.opt_in("agency", by="paula", at=MONDAY)
    contact = Contact(name="Carl", email="carl@bakery.example")
    issued = board.submit("bakery", title="A shop", description="Bread.", contact=contact, by="carl", at=MONDAY).token
    board.answer("call-1", partner="agency", text="A shop.", by="adam", at=MONDAY)
    if data.draw(st.booleans(), label="opted out at first"):
        board.opt_out("agency", by="paula", at=MONDAY)
    tokens = ["call-1.guess", issued]  # and every token issued later: a cancellation is tried with any of them
    for n in range(STEPS):
        check(tender_step(data, board, tokens, n), board, programme)
    board.check_invariants()


# -- a security account ---------------------------------------------------------------------------------------------


def account_step(data: st.DataObject, account: Account, n: int) -> Step:
    other = "purple monkey dishwasher"
    at = data.draw(moments(n))
    password = data.draw(st.sampled_from((PASSWORD, other)))
    new = other if password == PASSWORD else PASSWORD
    support = data.draw(st.sampled_from(("support-ana", "carl")))
    method = data.draw(st.sampled_from([m.id for m in account.two_factor_methods] or ["method-1"]))
    credential = data.draw(st.sampled_from([c.id for c in account.application_passwords] or ["app-password-1"]))
    verification = data.draw(st.sampled_from([v.id for v in account.identity_verifications] or ["verification-1"]))
    kinds = SecurityEventKind
    credentials = {kinds.APPLICATION_PASSWORD_REVOKED, kinds.API_TOKEN_REVOKED}
    removal = {kinds.TWO_FACTOR_METHOD_REMOVED, kinds.DEVICE_NOTIFIED, kinds.TWO_FACTOR_OFF}
    added = {kinds.TWO_FACTOR_METHOD_ADDED, kinds.TWO_FACTOR_ON}
    commands: Commands = {
        "change_password": (
            lambda: account.change_password(password, new, new, at=at),
            "carl",
            {kinds.PASSWORD_CHANGED},
        ),
        "update_profile": (
            lambda: account.update_profile(first_name=data.draw(st.sampled_from(("Carl", "Carlo"))), at=at),
            "carl",
            {kinds.PROFILE_CHANGED},
        ),
        "set_avatar": (
            lambda: account.set_avatar(Avatar(image="img-1", media_type="image/png", width=300, height=300), at=at),
            "carl",
            {kinds.AVATAR_CHANGED},
        ),
        "remove_avatar": (lambda: account.remove_avatar(at=at), "carl", {kinds.AVATAR_REMOVED}),
        "create_application_password": (
            lambda: account.create_application_password("Mail", at=at),
            "carl",
            {kinds.APPLICATION_PASSWORD_CREATED},
        ),
        "revoke_all_application_passwords": (
            lambda: account.revoke_all_application_passwords(at=at),
            "carl",
            credentials,
        ),
        "create_api_token": (
            lambda: account.create_api_token("CI", scopes={"mail"}, at=at),
            "carl",
            {kinds.API_TOKEN_CREATED},
        ),
        "revoke_all_api_tokens": (lambda: account.revoke_all_api_tokens(at=at), "carl", credentials),
        "add_kauth": (lambda: account.add_kauth("iphone", at=at), "carl", added),
        "add_otp_app": (lambda: account.add_otp_app("Authy", at=at), "carl", added),
        "add_security_key": (lambda: account.add_security_key("key-1", label="YubiKey", at=at), "carl", added),
        "add_sms": (lambda: account.add_sms("+41 79 123 45 67", at=at), "carl", added),
        "turn_two_factor_off": (lambda: account.turn_two_factor_off(password=password, at=at), "carl", removal),
        "revoke_application_password": (
            lambda: account.revoke_application_password(credential, at=at),
            "carl",
            {kinds.APPLICATION_PASSWORD_REVOKED},
        ),
        "generate_backup_codes": (
            lambda: account.generate_backup_codes(at=at, count=2),
            "carl",
            {kinds.BACKUP_CODES_GENERATED, *added},
        ),
        "remove_two_factor_method": (
            lambda: account.remove_two_factor_method(method, password=password, at=at),
            "carl",
            removal,
        ),
        "issue_kauth_code": (lambda: account.issue_kauth_code(at=at), "carl", {kinds.KAUTH_CODE_ISSUED}),
        "compromise_change_password": (
            lambda: account.compromise_change_password(password, new, new, at=at),
            "carl",
            {kinds.PROCEDURE_STARTED, kinds.PASSWORD_CHANGED, kinds.PROCEDURE_STEP_DONE},
        ),
        "compromise_revoke_credentials": (
            lambda: account.compromise_revoke_credentials(at=at),
            "carl",
            {*credentials, kinds.PROCEDURE_STEP_DONE},
        ),
        "compromise_review_settings": (
            lambda: account.compromise_review_settings(at=at),
            "carl",
            {kinds.PROCEDURE_STEP_DONE, kinds.PROCEDURE_COMPLETED},
        ),
        "submit_identity_verification": (
            lambda: account.submit_identity_verification(documents=["doc-1"], selfie="img-2", at=at),
            "carl",
            {kinds.VERIFICATION_SUBMITTED, kinds.VERIFICATION_DATA_DELETED},
        ),
        "approve_identity_verification": (
            lambda: account.approve_identity_verification(verification, by=support, at=at),
            support,
            {kinds.VERIFICATION_APPROVED, kinds.VERIFICATION_DATA_DELETED, *removal, kinds.RECOVERED},
        ),
        "purge_verification_data": (
            lambda: account.purge_verification_data(at=at),
            None,
            {kinds.VERIFICATION_DATA_DELETED},
        ),
        "reject_identity_verification": (
            lambda: account.reject_identity_verification(verification, by=support, reason="Blurred.", at=at),
            support,
            {kinds.VERIFICATION_REJECTED, kinds.VERIFICATION_DATA_DELETED},
        ),
    }
    return pick(data, n, at, commands)


@given(st.data())
def test_an_account_returns_exactly_the_events_of_its_changes_each_naming_who_and_when(data: st.DataObject) -> None:
    opened = MONDAY - timedelta(hours=72)  # the request submitted then lapses as the commands begin
    account = new_account(opened)
    account.compromise_change_password(PASSWORD, "purple monkey dishwasher", "purple monkey dishwasher", at=opened)
    account.add_kauth("iphone-carl", at=opened)
    account.submit_identity_verification(documents=["passport"], selfie="selfie", at=opened)
    for n in range(STEPS):
        check(account_step(data, account, n), account)
    account.check_invariants()
