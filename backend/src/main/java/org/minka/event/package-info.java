/**
 * Events (editions), their phase windows and the clock that says which phase is in force,
 * challenges tied to datasets, and per-event memberships with the permission checks that other
 * modules call ({@link org.minka.event.EventAccess}).
 */
package org.minka.event;
