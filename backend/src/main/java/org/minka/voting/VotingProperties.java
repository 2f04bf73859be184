package org.minka.voting;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code minka.voting.*}: limits on casts, the email domains refused besides the shipped list, and
 * the pace of the tally stream.
 *
 * @param rateLimitEnabled whether casts are limited per voter and per client address (on top of the
 *     write limits of {@code minka.rate-limit})
 * @param castsPerVoter casts and retracts per window by one voter
 * @param castsPerIp casts and retracts per window from one client address
 * @param window the length of a counting window
 * @param blockedDomains email domains refused besides {@code voting/disposable-email-domains.txt}
 *     (a domain also blocks its subdomains)
 * @param tallyInterval how often tally changes are sent on (at most one update per stream and one
 *     NOTIFY per event and instance per interval)
 * @param heartbeat how often a tally stream sends a comment to keep proxies from closing it
 * @param keyRotationEvery how often the HMAC keys of archived events are rotated (and ended
 *     rate-limit windows of casts purged)
 * @param inFlightPerVoter casts and retracts of one voter that run at once on an instance (the
 *     others wait in memory, so one voter never holds more pooled connections than this)
 * @param queuedPerVoter casts and retracts of one voter that may wait on an instance; more are
 *     refused with a 429 at once
 */
@ConfigurationProperties("minka.voting")
record VotingProperties(
        @DefaultValue("true") boolean rateLimitEnabled,
        @DefaultValue("30") int castsPerVoter,
        @DefaultValue("300") int castsPerIp,
        @DefaultValue("1m") Duration window,
        @DefaultValue List<String> blockedDomains,
        @DefaultValue("500ms") Duration tallyInterval,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10m") Duration keyRotationEvery,
        @DefaultValue("2") int inFlightPerVoter,
        @DefaultValue("64") int queuedPerVoter) {

    VotingProperties {
        blockedDomains =
                blockedDomains == null
                        ? List.of()
                        : blockedDomains.stream().filter(d -> !d.isBlank()).toList();
        if (castsPerVoter < 1 || castsPerIp < 1 || tallyInterval.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException(
                    "minka.voting: casts-per-voter and casts-per-ip positive, tally-interval > 0");
        }
        if (inFlightPerVoter < 1 || queuedPerVoter < 0) {
            throw new IllegalArgumentException(
                    "minka.voting: in-flight-per-voter >= 1, queued-per-voter >= 0");
        }
    }
}
