/**
 * Reading open-data portals: a reactive client with time-outs, retries, a browser-like User-Agent
 * and a response size cap, and the normalisers that turn CKAN, DKAN and DCAT-US records into one
 * snapshot shape.
 */
package org.minka.catalog.portal;
