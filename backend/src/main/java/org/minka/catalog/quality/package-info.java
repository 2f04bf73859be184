/** The metadata-quality score (MQA points, rating, 5-star level, freshness) of a snapshot. */
package org.minka.catalog.quality;
