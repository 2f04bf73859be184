/**
 * Results and awards: an embargoed draft built from judging and voting, disqualification with
 * re-ranking, publication now or at a set time, awards (places, People's Choice, distinctions,
 * entity awards), certificates for a whole event, and the results as open data (DCAT-US).
 */
package org.minka.results;
