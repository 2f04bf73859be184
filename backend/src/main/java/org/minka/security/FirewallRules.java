package org.minka.security;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * Spring Security's strict firewall with its own rules for header names, header values and
 * parameter names, checked by a loop over the code points instead of a regular expression on every
 * header read. The rules are the defaults': a name is assigned characters that are not control
 * characters ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), a header value may also hold tabs
 * ({@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}), and parameter values are not checked. The
 * regular expressions were 6 % of the app's CPU in {@code make bench-vote}; {@code
 * FirewallRulesTests} checks every character against them.
 *
 * <p>The firewalled exchange also keeps its request: the strict firewall wraps the request anew at
 * each {@code getRequest()}, and WebFlux's handler lookup asks for it several times for each of the
 * ~200 mappings (10 % of the app's CPU). The kept request is the firewall's own, so every header
 * read is still checked.
 */
final class FirewallRules {

    private FirewallRules() {}

    /** The strict firewall with these rules, keeping each exchange's firewalled request. */
    static ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall strict = strict();
        return exchange -> strict.getFirewalledExchange(exchange).map(RequestKept::new);
    }

    /** The strict firewall, with these rules. */
    static StrictServerWebExchangeFirewall strict() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(FirewallRules::name);
        firewall.setAllowedHeaderValues(FirewallRules::headerValue);
        firewall.setAllowedParameterNames(FirewallRules::name);
        return firewall;
    }

    /** Assigned characters that are not control characters (null passes, as in the defaults). */
    static boolean name(String text) {
        return allowed(text, false);
    }

    /** Like a name, and tabs too. */
    static boolean headerValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tabs) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (!allowed(codePoint, tabs)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static boolean allowed(int codePoint, boolean tabs) {
        int type = Character.getType(codePoint);
        if (type == Character.UNASSIGNED) {
            return false;
        }
        return type != Character.CONTROL || (tabs && codePoint == '\t');
    }

    /** An exchange that asks its delegate for the request once. */
    static final class RequestKept extends ServerWebExchangeDecorator {

        private ServerHttpRequest request;

        RequestKept(ServerWebExchange delegate) {
            super(delegate);
        }

        @Override
        public ServerHttpRequest getRequest() {
            ServerHttpRequest kept = request;
            if (kept == null) {
                kept = getDelegate().getRequest();
                request = kept;
            }
            return kept;
        }
    }
}
