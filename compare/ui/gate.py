"""The password at the door of an exposed dashboard.

`news-compare dashboard` serves 127.0.0.1 only unless told ``--host``; then, and whenever a
password is set, every page waits behind this gate. A server listening beyond this machine
without a password shows nothing but how to set one.
"""

from __future__ import annotations

import hashlib
import hmac

import streamlit as st
from streamlit import runtime

from compare.config import PASSWORD_ENV
from compare.urls import is_loopback_host

_SIGNED_IN = "signed_in"  # session state: a digest of the password the session signed in with


def listening_beyond_this_machine() -> str | None:
    """The address a running server listens on, when other machines can reach it; else None.

    Streamlit listens on every address when none is set. No server runs under AppTest (whose
    stand-in for the runtime is not a :class:`Runtime`), nor when the script runs bare."""
    if not runtime.exists() or type(runtime.Runtime.instance()) is not runtime.Runtime:
        return None
    address = st.get_option("server.address") or ""
    return None if is_loopback_host(address) else (address or "every address of this machine")


def admitted(password: str) -> bool:
    """Whether this session may see the dashboard; draws the sign-in form (or the refusal) if not."""
    if not password:
        exposed = listening_beyond_this_machine()
        if exposed:
            st.error(f"This dashboard listens on {exposed} and has no password, so it shows nothing. Set "
                     f"${PASSWORD_ENV} (or `dashboard_password` in feeds.toml's [settings]) and start it again, "
                     "or serve it on 127.0.0.1 only (`news-compare dashboard` without --host).")
            return False
        return True
    # A digest, not the password; one that changes signs every session out.
    key = hashlib.sha256(password.encode("utf-8")).hexdigest()
    if st.session_state.get(_SIGNED_IN) == key:
        return True
    st.header("news-compare")
    with st.form("sign_in"):
        given = st.text_input("Password", type="password", key="password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if hmac.compare_digest(given.encode("utf-8"), password.encode("utf-8")):
            st.session_state[_SIGNED_IN] = key
            st.rerun()
        st.error("Wrong password.")
    return False


def sign_out_button() -> None:
    """A sidebar button that ends this session's sign-in (shown only when a password is set)."""
    if st.session_state.get(_SIGNED_IN):
        st.sidebar.button("Sign out", key="sign_out", on_click=lambda: st.session_state.pop(_SIGNED_IN, None))
