package org.minka.catalog.quality;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.DatasetSnapshot.Resource;
import org.minka.catalog.portal.Formats;
import org.minka.catalog.portal.Licences;
import org.minka.catalog.quality.QualityReport.Check;
import org.minka.catalog.quality.QualityReport.Dimension;
import org.minka.catalog.quality.QualityReport.Freshness;
import org.minka.catalog.quality.QualityReport.FreshnessStatus;
import org.minka.catalog.quality.QualityReport.Status;

/**
 * The data.europa.eu MQA points table applied to a snapshot with the CKAN/DKAN field rules of
 * DOMAIN.md 2.2 and 2.3 (max 405). Reachability points count only for URLs that a check has seen
 * answer; a present URL not checked yet leaves its points pending ("not checked").
 */
public final class QualityScorer {

    public static final int MAX = 405;

    private QualityScorer() {}

    /**
     * Scores a snapshot. {@code reachable} maps checked URLs to whether they answered 2xx/3xx; URLs
     * missing from it are "not checked".
     */
    public static QualityReport score(
            DatasetSnapshot s, Map<String, Boolean> reachable, Instant now) {
        List<Resource> rs = s.resources();
        int[] unchecked = {0};
        List<Dimension> dims = new ArrayList<>();

        dims.add(
                dimension(
                        "Findability",
                        List.of(
                                presence(
                                        "keyword",
                                        30,
                                        !s.tags().isEmpty(),
                                        s.tags().size() + " tags",
                                        "no tags"),
                                presence(
                                        "theme",
                                        30,
                                        !s.themes().isEmpty(),
                                        "themes: " + String.join(", ", s.themes()),
                                        "no groups or theme/category"),
                                presence(
                                        "spatial",
                                        20,
                                        s.spatial() != null,
                                        "spatial coverage given",
                                        "no spatial coverage"),
                                presence(
                                        "temporal",
                                        20,
                                        s.temporal() != null,
                                        "temporal coverage given",
                                        "no temporal coverage"))));

        dims.add(
                dimension(
                        "Accessibility",
                        List.of(
                                reach(
                                        "accessURL reachable",
                                        50,
                                        rs,
                                        Resource::accessUrl,
                                        reachable,
                                        unchecked),
                                share(
                                        "downloadURL",
                                        20,
                                        rs,
                                        r -> r.downloadUrl() != null,
                                        "resources with a file URL (not a page or API)"),
                                reach(
                                        "downloadURL reachable",
                                        30,
                                        rs,
                                        Resource::downloadUrl,
                                        reachable,
                                        null))));

        dims.add(dimension("Interoperability", interoperability(s)));

        dims.add(
                dimension(
                        "Reusability",
                        List.of(
                                presence(
                                        "licence",
                                        20,
                                        s.licenseText() != null || s.licenseId() != null,
                                        "licence: "
                                                + (s.licenseText() != null
                                                        ? s.licenseText()
                                                        : s.licenseId()),
                                        "no licence"),
                                presence(
                                        "licence vocabulary",
                                        10,
                                        Licences.isOpen(s.licenseId()),
                                        "maps to Open Definition id " + s.licenseId(),
                                        s.licenseId() == null
                                                ? "licence does not map to an Open Definition id"
                                                : s.licenseId()
                                                        + " does not conform to the Open Definition"),
                                presence(
                                        "access rights",
                                        10,
                                        s.accessRights() != null,
                                        "access rights: " + s.accessRights(),
                                        "no access rights"),
                                presence(
                                        "access rights vocabulary",
                                        5,
                                        s.accessRightsFromVocabulary(),
                                        "from the access-rights vocabulary",
                                        s.accessRights() == null
                                                ? "no access rights"
                                                : "'"
                                                        + s.accessRights()
                                                        + "' is a label, not a vocabulary value"),
                                presence(
                                        "contact point",
                                        20,
                                        s.contactEmail() != null,
                                        "contact " + s.contactEmail(),
                                        "no valid maintainer or author email"),
                                presence(
                                        "publisher",
                                        10,
                                        s.publisherName() != null,
                                        "publisher " + s.publisherName(),
                                        "no organization or group"))));

        dims.add(
                dimension(
                        "Contextuality",
                        List.of(
                                presence(
                                        "rights",
                                        5,
                                        s.rights() != null,
                                        "rights statement given",
                                        "no licence URL or rights"),
                                share(
                                        "byteSize",
                                        5,
                                        rs,
                                        r -> r.sizeBytes() != null,
                                        "resources with a size"),
                                presence(
                                        "issued",
                                        5,
                                        s.issuedRaw() != null,
                                        "issued " + s.issuedRaw(),
                                        "no creation date"),
                                presence(
                                        "modified",
                                        5,
                                        s.modifiedRaw() != null,
                                        "modified " + s.modifiedRaw(),
                                        "no modification date"))));

        int total = dims.stream().mapToInt(Dimension::points).sum();
        int[] stars = stars(s);
        return new QualityReport(
                total,
                MAX,
                QualityReport.Rating.of(total),
                dims,
                stars[0],
                starsReason(stars[0]),
                freshness(s, now),
                unchecked[0],
                pending(dims));
    }

    private static int pending(List<Dimension> dims) {
        return dims.stream().flatMap(d -> d.checks().stream()).mapToInt(Check::pending).sum();
    }

    private static List<Check> interoperability(DatasetSnapshot s) {
        List<Check> best = null;
        int bestPoints = -1;
        for (Resource r : s.resources()) {
            String effective = r.effectiveFormat();
            String label = r.name() != null ? r.name() : r.accessUrl();
            List<Check> checks =
                    List.of(
                            presence(
                                    "format",
                                    20,
                                    r.format() != null,
                                    "declared format " + r.declaredFormat() + mismatch(r),
                                    "no declared format"),
                            presence(
                                    "media type",
                                    10,
                                    r.mediaType() != null,
                                    "media type " + r.mediaType(),
                                    "no media type"),
                            presence(
                                    "format vocabulary",
                                    10,
                                    (effective != null && Formats.VOCABULARY.contains(effective))
                                            || Formats.isMediaType(r.mediaType()),
                                    effective + " is a known file type",
                                    "format not in the file-type vocabulary"),
                            presence(
                                    "non-proprietary",
                                    20,
                                    effective != null
                                            && Formats.NON_PROPRIETARY.contains(effective),
                                    effective + " is non-proprietary",
                                    (effective == null ? "unknown format" : effective)
                                            + " is not a non-proprietary format"),
                            presence(
                                    "machine readable",
                                    20,
                                    effective != null
                                            && Formats.MACHINE_READABLE.contains(effective),
                                    effective + " is machine readable",
                                    (effective == null ? "unknown format" : effective)
                                            + " is not machine readable"));
            int points = checks.stream().mapToInt(Check::points).sum();
            if (points > bestPoints) {
                bestPoints = points;
                String where = " (best resource: " + label + ")";
                best =
                        checks.stream()
                                .map(
                                        c ->
                                                new Check(
                                                        c.indicator(),
                                                        c.points(),
                                                        c.max(),
                                                        c.status(),
                                                        c.reason() + where))
                                .toList();
            }
        }
        List<Check> out = new ArrayList<>();
        if (best == null) {
            for (String[] i :
                    new String[][] {
                        {"format", "20"},
                        {"media type", "10"},
                        {"format vocabulary", "10"},
                        {"non-proprietary", "20"},
                        {"machine readable", "20"}
                    }) {
                out.add(new Check(i[0], 0, Integer.parseInt(i[1]), Status.FAILED, "no resources"));
            }
        } else {
            out.addAll(best);
        }
        boolean dcat =
                s.title() != null
                        && !s.description().isBlank()
                        && s.resources().stream().anyMatch(r -> r.accessUrl() != null);
        out.add(
                presence(
                        "DCAT-AP compliance",
                        30,
                        dcat,
                        "title, description and a resource with an http(s) URL",
                        "needs a title, a description and a resource with an http(s) URL"));
        return out;
    }

    private static String mismatch(Resource r) {
        return r.formatMismatch() ? " (the URL shows " + r.sniffedFormat() + ")" : "";
    }

    private static Dimension dimension(String name, List<Check> checks) {
        return new Dimension(
                name,
                checks.stream().mapToInt(Check::points).sum(),
                checks.stream().mapToInt(Check::max).sum(),
                checks);
    }

    private static Check presence(String indicator, int max, boolean ok, String yes, String no) {
        return ok
                ? new Check(indicator, max, max, Status.PASSED, yes)
                : new Check(indicator, 0, max, Status.FAILED, no);
    }

    private static Check share(
            String indicator, int max, List<Resource> rs, Predicate<Resource> test, String what) {
        if (rs.isEmpty()) {
            return new Check(indicator, 0, max, Status.FAILED, "no resources");
        }
        long n = rs.stream().filter(test).count();
        int points = (int) Math.round((double) max * n / rs.size());
        Status status = n == rs.size() ? Status.PASSED : n == 0 ? Status.FAILED : Status.PARTIAL;
        return new Check(indicator, points, max, status, n + " of " + rs.size() + " " + what);
    }

    private static Check reach(
            String indicator,
            int max,
            List<Resource> rs,
            java.util.function.Function<Resource, String> url,
            Map<String, Boolean> reachable,
            int[] uncheckedCounter) {
        if (rs.isEmpty()) {
            return new Check(indicator, 0, max, Status.FAILED, "no resources");
        }
        int ok = 0;
        int failed = 0;
        int missing = 0;
        int unchecked = 0;
        for (Resource r : rs) {
            String u = url.apply(r);
            if (u == null) {
                missing++;
            } else if (!reachable.containsKey(u)) {
                unchecked++;
            } else if (Boolean.TRUE.equals(reachable.get(u))) {
                ok++;
            } else {
                failed++;
            }
        }
        if (uncheckedCounter != null) {
            uncheckedCounter[0] += unchecked;
        }
        int points = (int) Math.round((double) max * ok / rs.size());
        int pending = (int) Math.round((double) max * (ok + unchecked) / rs.size()) - points;
        StringBuilder reason = new StringBuilder();
        reason.append(ok).append(" of ").append(rs.size()).append(" resources pass");
        if (unchecked > 0) {
            reason.append("; ")
                    .append(unchecked)
                    .append(" URL(s) present but not checked yet, ")
                    .append(pending)
                    .append(" points pending");
        }
        if (failed > 0) {
            reason.append("; ").append(failed).append(" did not answer 2xx/3xx");
        }
        if (missing > 0) {
            reason.append("; ").append(missing).append(" without an http(s) URL");
        }
        Status status =
                unchecked > 0
                        ? Status.NOT_CHECKED
                        : ok == rs.size()
                                ? Status.PASSED
                                : ok == 0 ? Status.FAILED : Status.PARTIAL;
        return new Check(indicator, points, max, status, reason.toString(), pending);
    }

    private static int[] stars(DatasetSnapshot s) {
        if (!Licences.isOpen(s.licenseId())) {
            return new int[] {0};
        }
        int best = 1;
        for (Resource r : s.resources()) {
            String f = r.effectiveFormat();
            if (f == null) {
                continue;
            }
            int level = 1;
            if (Formats.LINKED_DATA.contains(f)) {
                level = 4;
            } else if (Formats.NON_PROPRIETARY.contains(f)) {
                level = 3;
            } else if (Formats.MACHINE_READABLE.contains(f)) {
                level = 2;
            }
            best = Math.max(best, level);
        }
        return new int[] {best};
    }

    private static String starsReason(int stars) {
        return switch (stars) {
            case 0 -> "no open licence";
            case 1 -> "open licence, but no structured format";
            case 2 -> "open licence and a structured but proprietary format";
            case 3 -> "open licence and a non-proprietary format";
            default ->
                    "open licence and a W3C linked-data format (the fifth star needs links to other data)";
        };
    }

    static Freshness freshness(DatasetSnapshot s, Instant now) {
        if (s.modified() == null) {
            return new Freshness(
                    FreshnessStatus.UNKNOWN, null, null, "no readable modification date");
        }
        long days = Math.max(0, Duration.between(s.modified(), now).toDays());
        Long period = periodDays(s.accrualPeriodicity());
        if (period == null) {
            return new Freshness(
                    FreshnessStatus.UNKNOWN,
                    days,
                    null,
                    s.accrualPeriodicity() == null
                            ? "no declared update frequency"
                            : "update frequency '"
                                    + s.accrualPeriodicity()
                                    + "' has no fixed period");
        }
        boolean fresh = days <= period * 1.5;
        return new Freshness(
                fresh ? FreshnessStatus.FRESH : FreshnessStatus.STALE,
                days,
                period,
                days + " days since modified; declared period " + period + " days (limit 1.5x)");
    }

    /** Days in a declared update period (ISO 8601 "R/P1M" or words), or null when none. */
    public static Long periodDays(String periodicity) {
        if (periodicity == null) {
            return null;
        }
        String p = periodicity.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("r/")) {
            p = p.substring(2);
        }
        if (p.startsWith("p")) {
            try {
                if (p.contains("t")) {
                    return Math.max(1, Duration.parse(p.toUpperCase(Locale.ROOT)).toDays());
                }
                Period period = Period.parse(p.toUpperCase(Locale.ROOT));
                return period.getYears() * 365L + period.getMonths() * 30L + period.getDays();
            } catch (DateTimeParseException ex) {
                return null;
            }
        }
        return switch (p) {
            case "daily", "diario", "diaria" -> 1L;
            case "weekly", "semanal" -> 7L;
            case "monthly", "mensual" -> 30L;
            case "quarterly", "trimestral" -> 91L;
            case "biannual", "semestral" -> 182L;
            case "annual", "annually", "yearly", "anual" -> 365L;
            default -> null;
        };
    }
}
