/**
 * Voting: the public's ballots in the VOTING phase, with caps held by PostgreSQL, who may vote,
 * audit hashes, tallies streamed live to every instance, and People's Choice from the valid tally.
 */
package org.minka.voting;
