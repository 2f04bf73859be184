/**
 * Judging: rubrics, conflicts of interest, assignments, scores and their per-judge normalisation,
 * finalists ranked by the Schulze method, and pairwise judging with Crowd Bradley-Terry.
 */
package org.minka.judging;
