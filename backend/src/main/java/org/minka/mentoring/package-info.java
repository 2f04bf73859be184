/**
 * Mentoring: help requests that teams open on a challenge, claimed by one of its mentors and
 * answered in a comment thread. Comment threads on submissions will live here too.
 */
package org.minka.mentoring;
