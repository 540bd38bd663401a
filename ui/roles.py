"""The maintainer gate in front of the views that change the index or show other users' questions."""
from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from assistant.access import Route, is_maintainer_email, maintainer_route, verify_password
from assistant.config import Settings
from ui.safe import escape_markdown

log = logging.getLogger(__name__)

# Failed password attempts a session may make before it must reload the page.
MAX_ATTEMPTS = 5
HOW_TO_CONFIGURE = (
    "Set a maintainer password: run `python -m assistant hash-password` and put the hash in "
    "`ASSISTANT_MAINTAINER_PASSWORD_HASH` (or the Streamlit secret `maintainer_password_hash`), or configure "
    "Streamlit's login (`[auth]` in secrets.toml) with `ASSISTANT_MAINTAINER_EMAILS`."
)


def _secret(name: str) -> Any:
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all is the common case, and Streamlit raises for it
        return None


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def current_route(settings: Settings) -> Route:
    password_hash = settings.maintainer_password_hash or str(_secret("maintainer_password_hash") or "")
    return maintainer_route(password_hash, _oidc_configured(), st.get_option("server.address"))


def maintainer_gate(settings: Settings, action: str) -> bool:
    """True when this session may do maintainer actions; otherwise shows how to sign in and returns False."""
    route = current_route(settings)
    state = st.session_state
    if route is Route.LOCAL:
        return True
    if route is Route.PASSWORD and state.get("maintainer"):
        st.button("Sign out as maintainer", key="maintainer-signout", on_click=lambda: state.update(maintainer=False))
        return True
    allowed = settings.maintainer_emails or str(_secret("maintainer_emails") or "")
    if route is Route.OIDC and st.user.is_logged_in and is_maintainer_email(st.user.get("email"), allowed):
        return True
    st.subheader(action)
    if route is Route.LOCKED:
        st.info(f"{action} is for the maintainers of this deployment. It accepts connections from other machines "
                f"and has no maintainer sign-in configured, so the view is closed. {HOW_TO_CONFIGURE}")
    elif route is Route.OIDC:
        _oidc_sign_in()
    else:
        _password_sign_in(settings)
    return False


def _oidc_sign_in() -> None:
    if not st.user.is_logged_in:
        st.info("This view is for the maintainers of this deployment. Log in to continue.")
        st.button("Log in", on_click=st.login, key="maintainer-login")
        return
    st.warning(f"Signed in as {escape_markdown(str(st.user.get('email')))}, who is not a maintainer of this deployment.")
    st.button("Log out", on_click=st.logout, key="maintainer-logout")


def _password_sign_in(settings: Settings) -> None:
    state = st.session_state
    attempts = state.get("maintainer_attempts", 0)
    if attempts >= MAX_ATTEMPTS:
        st.error("Too many wrong passwords in this session; reload the page to try again.")
        return
    with st.form("maintainer-signin", border=False):
        password = st.text_input("Maintainer password", type="password", key="maintainer-password")
        sent = st.form_submit_button("Sign in")
    if not sent:
        st.caption("This view is for the maintainers of this deployment.")
        return
    stored = settings.maintainer_password_hash or str(_secret("maintainer_password_hash") or "")
    if verify_password(password, stored):
        state.maintainer = True
        st.rerun()
    state.maintainer_attempts = attempts + 1
    log.warning("maintainer sign-in failed (%d of %d in this session)", attempts + 1, MAX_ATTEMPTS)
    st.error("Wrong password.")
