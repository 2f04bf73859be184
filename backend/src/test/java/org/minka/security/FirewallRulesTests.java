package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.server.ServerWebExchange;

/** The firewall's rules, character by character, against Spring Security's regular expressions. */
class FirewallRulesTests {

    // the defaults of StrictServerWebExchangeFirewall (Spring Security 7)
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE =
            Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointWhenAloneThenSameVerdictAsTheRegularExpressions() {
        List<String> differ = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            if (FirewallRules.name(one) != NAME.matcher(one).matches()) {
                differ.add("name U+" + Integer.toHexString(cp));
            }
            if (FirewallRules.headerValue(one) != VALUE.matcher(one).matches()) {
                differ.add("value U+" + Integer.toHexString(cp));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void stringsWhenMixedThenSameVerdictAsTheRegularExpressions() {
        String[] samples = {
            "",
            "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
            "application/json; charset=utf-8",
            "a\tb",
            "a\u0000b",
            "a\u007fb",
            "a\u0085b",
            "Ñandú café",
            "emoji \uD83D\uDE00 ok",
            "lone \uD800 high",
            "lone \uDC00 low",
            "reversed \uDE00\uD83D pair",
            "unassigned \u0378",
            "line\nbreak",
            "carriage\rreturn",
            "\u2028separator"
        };
        for (String s : samples) {
            assertThat(FirewallRules.name(s)).as(s).isEqualTo(NAME.matcher(s).matches());
            assertThat(FirewallRules.headerValue(s)).as(s).isEqualTo(VALUE.matcher(s).matches());
        }
        assertThat(FirewallRules.name(null)).isTrue();
        assertThat(FirewallRules.headerValue(null)).isTrue();
    }

    @Test
    void firewalledExchangeWhenAskedTwiceThenSameRequestAndHeaderReadsStillChecked() {
        MockServerWebExchange raw =
                MockServerWebExchange.from(
                        MockServerHttpRequest.get("/api/v1/events")
                                .header("X-Fine", "a\tb")
                                .header("X-Bad", "a\u0085b"));

        ServerWebExchange exchange = FirewallRules.firewall().getFirewalledExchange(raw).block();

        assertThat(exchange.getRequest()).isSameAs(exchange.getRequest());
        assertThat(exchange.getRequest().getHeaders().getFirst("X-Fine")).isEqualTo("a\tb");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> exchange.getRequest().getHeaders().getFirst("X-Bad"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }

    @Test
    void firewalledExchangeWhenUrlHasEncodedSlashThenRejected() {
        MockServerWebExchange raw =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/events/a%2Fb"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FirewallRules.firewall().getFirewalledExchange(raw).block())
                .isInstanceOf(ServerExchangeRejectedException.class);
    }
}
