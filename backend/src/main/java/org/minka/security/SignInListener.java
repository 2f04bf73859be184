package org.minka.security;

import reactor.core.publisher.Mono;

/**
 * Told when a user's record was created or refreshed from a token, so other modules can bind
 * pending invitations (for example by verified email) without security knowing about them.
 */
public interface SignInListener {

    Mono<Void> onSignIn(CurrentUser user);
}
