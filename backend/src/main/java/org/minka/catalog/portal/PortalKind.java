package org.minka.catalog.portal;

/** How a portal is read: CKAN's Action API, DKAN's CKAN-compatible API, or a DCAT-US data.json. */
public enum PortalKind {
    CKAN,
    DKAN,
    DCAT_US
}
