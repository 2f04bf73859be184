package org.minka.catalog.portal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Portal reading settings; loads jsoup's entity tables at startup, not on a request thread. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PortalProperties.class, OutboundProperties.class})
class PortalConfiguration {

    PortalConfiguration() {
        PortalValues.htmlToText("<p>warm&nbsp;up &eacute;</p>");
    }
}
