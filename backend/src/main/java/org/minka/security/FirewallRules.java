package org.minka.security;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall with its own rules for header names, header values and
 * parameter names, checked by a loop over the code points instead of a regular expression on every
 * header read. The rules are the defaults': a name is assigned characters that are not control
 * characters ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}), a header value may also hold tabs
 * ({@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}), and parameter values are not checked. The
 * regular expressions were 6 % of the app's CPU in {@code make bench-vote}; {@code
 * FirewallRulesTests} checks every character against them.
 */
final class FirewallRules {

    private FirewallRules() {}

    /** The strict firewall, with these rules. */
    static StrictServerWebExchangeFirewall firewall() {
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
}
