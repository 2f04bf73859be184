/**
 * Citizens' registrations for an event (profile and consent), teams with captains and rotating join
 * codes, and the size and per-citizen caps, enforced by the database under concurrency.
 */
package org.minka.team;
