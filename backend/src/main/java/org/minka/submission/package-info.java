/**
 * Submissions of teams to the challenges they entered: drafts, immutable numbered versions, and
 * artifacts (files and notebooks) in object storage with validation, previews and a reaper.
 */
package org.minka.submission;
