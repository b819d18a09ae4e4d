"""Who may create an account: anyone, people holding an invitation, or only admins.

The mode is the admins' choice on the users page, stored in the site settings;
until they choose, REGISTRATION from the environment applies. The first account
of an empty instance can always be created, whatever the mode.
"""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import AccountLink, LinkPurpose, SiteSettings, User, utcnow
from ..passwords import hash_password
from .errors import N_, EmailTaken, RegistrationClosed, WrongInvitee
from .links import add_link, find_link, mark_used
from .preferences import proposed_zone
from .users import commit_unique_email, has_users, new_user, normalise_email

OPEN, INVITE, CLOSED = "open", "invite", "closed"
SETTINGS_ID = 1


def registration_mode(default: str) -> str:
    """The mode in force: the admins' choice, else `default` (REGISTRATION)."""
    chosen = db.session.execute(
        select(SiteSettings.registration).where(SiteSettings.id == SETTINGS_ID)
    ).scalar_one_or_none()
    return chosen or default


def set_registration_mode(mode: str) -> None:
    if mode not in (OPEN, INVITE, CLOSED):
        raise ValueError(f"Unknown registration mode {mode!r}")
    settings = db.session.get(SiteSettings, SETTINGS_ID)
    if settings is None:
        db.session.add(SiteSettings(id=SETTINGS_ID, registration=mode))
    else:
        settings.registration = mode
    try:
        db.session.commit()
    except IntegrityError:  # another admin created the row at the same moment: change it instead
        db.session.rollback()
        set_registration_mode(mode)


def invitation_for(mode: str, secret: str | None) -> AccountLink | None:
    """The invitation a registration in `mode` would use (None when it needs none);
    RegistrationClosed or InvalidLink when this visitor may not register."""
    if mode == OPEN or not has_users():
        return None
    if mode == CLOSED:
        raise RegistrationClosed(N_("Registration is closed. Ask an administrator to create an account for you."))
    if not secret:
        raise RegistrationClosed(N_("Registration is by invitation only. Ask an administrator for an invitation link."))
    return find_link(LinkPurpose.INVITATION, secret)


def register(
    email: str, password: str, mode: str, invitation_secret: str | None = None, time_zone: str | None = None
) -> User | None:
    """A new account, or None when the email is taken: the caller must answer the same either way.
    `time_zone` is the one the browser proposed; one we do not know (or none) makes it UTC.

    The invitation, if one is needed, is used in the same transaction as the account is created,
    so a taken email leaves it usable and two people cannot both use it.
    """
    db.session.rollback()  # end the mode's read: no transaction stays open during the slow hash
    password_hash = hash_password(password)
    invitation = invitation_for(mode, invitation_secret)
    if invitation is not None and invitation.email and invitation.email != normalise_email(email):
        raise WrongInvitee(N_("This invitation is for another email address."), "email")
    if invitation is not None:
        mark_used(invitation.id)
    user = new_user(email, password_hash)
    user.time_zone = proposed_zone(time_zone)
    try:
        commit_unique_email(user.email)
    except EmailTaken:
        return None
    return user


def invite(admin: User, email: str | None) -> tuple[AccountLink, str]:
    """A new invitation, bound to `email` if given; its secret is returned this once."""
    link, secret = add_link(LinkPurpose.INVITATION, email=normalise_email(email) if email else None, created_by=admin)
    db.session.commit()
    return link, secret


def open_invitations() -> list[AccountLink]:
    """Unused, unexpired invitations, newest first, with who made them (one statement)."""
    return list(
        db.session.execute(
            select(AccountLink)
            .options(joinedload(AccountLink.created_by))
            .where(AccountLink.purpose == LinkPurpose.INVITATION)
            .where(AccountLink.used_at.is_(None), AccountLink.expires_at > utcnow())
            .order_by(AccountLink.id.desc())
        ).scalars()
    )


def revoke_invitation(invitation_id: int) -> None:
    db.session.execute(
        delete(AccountLink).where(AccountLink.id == invitation_id, AccountLink.purpose == LinkPurpose.INVITATION)
    )
    db.session.commit()
