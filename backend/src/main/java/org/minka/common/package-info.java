/**
 * Shared building blocks: problem types and the one error factory, request ids, cursor paging, HTTP
 * caching helpers, the clock and the append-only audit log.
 */
package org.minka.common;
