package org.minka.event;

import org.minka.security.CurrentUser;
import org.minka.security.SignInListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Binds email invitations to the user who signs in with that address, once it is verified. */
@Component
class PendingInvitationBinder implements SignInListener {

    private final MembershipRepository memberships;

    PendingInvitationBinder(MembershipRepository memberships) {
        this.memberships = memberships;
    }

    @Override
    public Mono<Void> onSignIn(CurrentUser user) {
        if (!user.emailVerified() || user.email() == null) {
            return Mono.empty();
        }
        return memberships.bindPending(user.id(), user.email()).then();
    }
}
