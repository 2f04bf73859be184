/**
 * Recognition (Stage I): campaigns over the open data that public entities publish, entity scores
 * and rankings (national, by region, by entity type), dataset feedback from datathon teams to the
 * entities, and training courses for officials and citizens. It sits above catalog and knows no
 * event except through the data it reads.
 */
package org.minka.recognition;
