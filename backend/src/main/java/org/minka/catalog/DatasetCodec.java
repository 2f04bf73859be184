package org.minka.catalog;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.quality.QualityReport;
import org.minka.catalog.quality.QualityScorer;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stored JSON of a dataset (snapshot, reachability, changes) and its score now. */
@Component
class DatasetCodec {

    private static final TypeReference<Map<String, Boolean>> REACHABILITY =
            new TypeReference<>() {};
    private static final TypeReference<List<Dataset.Change>> CHANGES = new TypeReference<>() {};

    private final JsonMapper json;
    private final Clock clock;

    DatasetCodec(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    DatasetSnapshot snapshot(String text) {
        return json.readValue(text, DatasetSnapshot.class);
    }

    Map<String, Boolean> reachability(String text) {
        return text == null ? Map.of() : json.readValue(text, REACHABILITY);
    }

    List<Dataset.Change> changes(String text) {
        return json.readValue(text, CHANGES);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    /** The score of the snapshot now, given what the reachability checks saw. */
    QualityReport score(DatasetSnapshot s, Map<String, Boolean> reachable) {
        return QualityScorer.score(s, reachable, clock.instant());
    }

    /** What is stored for a dataset read from its portal, with its score. */
    DatasetRepository.Stored stored(
            UUID portalId, UUID publisherId, QualityReport report, PortalClient.Fetched fetched) {
        DatasetSnapshot s = fetched.snapshot();
        return new DatasetRepository.Stored(
                portalId,
                s.portalDatasetId(),
                s.slug(),
                publisherId,
                s.title(),
                s.publisherName(),
                s.licenseId(),
                s.themes(),
                formats(s),
                report.total(),
                report.rating(),
                report.stars(),
                write(s),
                write(fetched.raw()),
                write(report));
    }

    /** The resource URLs a reachability check looks at. */
    static Set<String> urlsOf(DatasetSnapshot s) {
        Set<String> urls = new LinkedHashSet<>();
        for (DatasetSnapshot.Resource r : s.resources()) {
            if (r.accessUrl() != null) {
                urls.add(r.accessUrl());
            }
            if (r.downloadUrl() != null) {
                urls.add(r.downloadUrl());
            }
        }
        return urls;
    }

    private static List<String> formats(DatasetSnapshot s) {
        Set<String> formats = new LinkedHashSet<>();
        for (DatasetSnapshot.Resource r : s.resources()) {
            if (r.format() != null) {
                formats.add(r.format());
            }
            if (r.sniffedFormat() != null) {
                formats.add(r.sniffedFormat());
            }
        }
        return List.copyOf(formats);
    }
}
