/**
 * Per-user notifications: an inbox with unread counts, and a server-sent events stream fed through
 * PostgreSQL LISTEN/NOTIFY, so that every instance delivers what any instance raised. Other modules
 * raise notifications through {@link org.minka.notification.Notifier}; this module knows none of
 * them.
 */
package org.minka.notification;
