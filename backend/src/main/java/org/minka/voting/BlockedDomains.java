package org.minka.voting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Email domains whose voters are refused: the shipped list of disposable-mail providers ({@code
 * voting/disposable-email-domains.txt}) plus {@code minka.voting.blocked-domains}. A blocked domain
 * also blocks its subdomains. Read once, at start-up.
 */
@Component
class BlockedDomains {

    static final String RESOURCE = "voting/disposable-email-domains.txt";

    private final Set<String> domains;

    BlockedDomains(VotingProperties properties) {
        Set<String> all = new HashSet<>(shipped());
        properties.blockedDomains().forEach(d -> all.add(normal(d)));
        this.domains = Set.copyOf(all);
    }

    /** Whether the address's domain, or a domain above it, is blocked. */
    boolean blocks(String email) {
        if (email == null) {
            return false;
        }
        int at = email.lastIndexOf('@');
        String domain = normal(email.substring(at + 1));
        while (!domain.isEmpty()) {
            if (domains.contains(domain)) {
                return true;
            }
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return false;
    }

    int size() {
        return domains.size();
    }

    private static String normal(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static Collection<String> shipped() {
        ClassLoader loader = BlockedDomains.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(BlockedDomains::normal)
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
