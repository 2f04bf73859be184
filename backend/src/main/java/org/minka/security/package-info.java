/**
 * The stateless resource-server chain, tokens turned into a {@link org.minka.security.CurrentUser}
 * (users are upserted from the token), and 401/403 bodies from the shared problem factory. Knows no
 * event.
 */
package org.minka.security;
