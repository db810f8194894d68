"""Identity side of the sandbox: issuer, account service, legacy Ory/EdDSA, OnPremise Wawi.

The lead's app factory creates one ``IdentityState`` per app and mounts
``identity_blueprint(state=...)`` and ``onpremise_blueprint(registry=OnPremiseRegistry())``.
"""

from jtlapp.sandbox.identity.blueprint import identity_blueprint
from jtlapp.sandbox.identity.flows import pkce_challenge
from jtlapp.sandbox.identity.keys import EdKeyRing, KeyRing
from jtlapp.sandbox.identity.minting import IssuedToken, TokenMinter
from jtlapp.sandbox.identity.onpremise import (
    OnPremiseRegistry,
    RegistrationStatus,
    onpremise_blueprint,
)
from jtlapp.sandbox.identity.principal import CallCounter, Principal, PrincipalKind
from jtlapp.sandbox.identity.state import IdentityState
from jtlapp.sandbox.identity.tokens import token_introspect

__all__ = [
    "CallCounter",
    "EdKeyRing",
    "IdentityState",
    "IssuedToken",
    "KeyRing",
    "OnPremiseRegistry",
    "Principal",
    "PrincipalKind",
    "RegistrationStatus",
    "TokenMinter",
    "identity_blueprint",
    "onpremise_blueprint",
    "pkce_challenge",
    "token_introspect",
]
