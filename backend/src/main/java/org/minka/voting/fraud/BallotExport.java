package org.minka.voting.fraud;

import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every ballot of an event as CSV for offline review, streamed row by row from the database. It
 * holds hashes, never identities: the voter is an HMAC-SHA256 of their id under the event's key
 * (the key that hashes addresses), the same for all of one voter's ballots in one export and
 * unlinkable to the user without that key; addresses and user agents are the stored HMACs.
 */
@Service
class BallotExport {

    static final String HEADER =
            Csv.line(
                    "ballot_id",
                    "challenge_id",
                    "submission_id",
                    "version_number",
                    "voter_hash",
                    "ip_hash",
                    "ua_hash",
                    "key_generation",
                    "cast_at",
                    "retracted_at",
                    "status",
                    "invalidated_at",
                    "invalid_reason",
                    "flags");

    private final EventAccess events;
    private final DatabaseClient db;

    BallotExport(EventAccess events, DatabaseClient db) {
        this.events = events;
        this.db = db;
    }

    /** An event without a key (no ballot cast through the API) exports an empty voter_hash. */
    private static final byte[] NO_KEY = new byte[0];

    /** The CSV lines, header first, once the caller is known to organize the event. */
    Mono<Flux<String>> csv(UUID eventId, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(key(eventId))
                .defaultIfEmpty(NO_KEY)
                .map(key -> Flux.concat(Flux.just(HEADER), lines(eventId, key)));
    }

    private Mono<byte[]> key(UUID eventId) {
        return db.sql("select secret from voting_keys where event_id = :event")
                .bind("event", eventId)
                .map(row -> bytes(row.get("secret", ByteBuffer.class)))
                .one();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] raw = new byte[buffer.remaining()];
        buffer.duplicate().get(raw);
        return raw;
    }

    private static final String BALLOTS =
            """
            select b.id, b.challenge_id, b.submission_id, b.version_number, b.voter_id,
                   b.ip_hash, b.ua_hash, b.key_generation, b.cast_at, b.retracted_at, b.status,
                   b.invalidated_at, b.invalid_reason,
                   (select string_agg(distinct f.kind, ' ' order by f.kind)
                    from voting_fraud_flag_ballots fb
                    join voting_fraud_flags f on f.id = fb.flag_id
                    where fb.ballot_id = b.id) as flags
            from voting_ballots b
            where b.event_id = :event
            order by b.cast_at, b.id
            """;

    private Flux<String> lines(UUID eventId, byte[] key) {
        Mac mac = key.length == 0 ? null : mac(key);
        return db.sql(BALLOTS).bind("event", eventId).map(row -> line(row, mac)).all();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The voter's pseudonym: HMAC-SHA256 of "voter:" and the id, in hex. */
    static String voterHash(Mac mac, UUID voterId) {
        if (mac == null) {
            return null;
        }
        byte[] input = ("voter:" + voterId).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(mac.doFinal(input));
    }

    private static String line(Readable row, Mac mac) {
        return Csv.line(
                row.get("id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class),
                voterHash(mac, row.get("voter_id", UUID.class)),
                FraudFacts.hex(row.get("ip_hash", ByteBuffer.class)),
                FraudFacts.hex(row.get("ua_hash", ByteBuffer.class)),
                row.get("key_generation", Integer.class),
                row.get("cast_at", Instant.class),
                row.get("retracted_at", Instant.class),
                row.get("status", String.class),
                row.get("invalidated_at", Instant.class),
                row.get("invalid_reason", String.class),
                row.get("flags", String.class));
    }
}
