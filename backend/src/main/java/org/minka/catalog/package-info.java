/**
 * The open-data catalog: publishers (public entities) and their members, registered portal sources,
 * datasets linked from CKAN, DKAN and DCAT-US portals with their snapshots, and the
 * metadata-quality score of each dataset.
 */
package org.minka.catalog;
