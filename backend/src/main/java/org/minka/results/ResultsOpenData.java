package org.minka.results;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The published results as open data: a DCAT-US 1.1 catalog (Project Open Data's data.json) with
 * one dataset and its CSV and JSON distributions, and the CSV itself (UTF-8, RFC 4180, one row per
 * ranked submission). bureauCode and programCode are required by the schema but are US federal
 * codes; a non-federal publisher gives {@code 000:00} and {@code 000:000}.
 */
final class ResultsOpenData {

    static final String CSV_HEADER =
            "challenge_id,challenge,place,team,score,peoples_choice_votes,datasets";

    private ResultsOpenData() {}

    static String csv(List<ResultsViews.Row> rows) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (ResultsViews.Row r : rows) {
            out.append(r.challengeId())
                    .append(',')
                    .append(field(r.challenge()))
                    .append(',')
                    .append(r.place())
                    .append(',')
                    .append(field(r.team()))
                    .append(',')
                    .append(r.score() == null ? "" : r.score().toString())
                    .append(',')
                    .append(r.peoplesChoiceVotes())
                    .append(',')
                    .append(field(String.join(" ", r.datasets())))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** The licence's URL: Creative Commons' page for CC ids, SPDX's for others. */
    static String licenceUrl(String spdx) {
        String lower = spdx.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("cc-by") && lower.matches("cc-by(-sa|-nd|-nc|-nc-sa|-nc-nd)?-4\\.0")) {
            return "https://creativecommons.org/licenses/"
                    + lower.substring(3, lower.length() - 4)
                    + "/4.0/";
        }
        if (lower.equals("cc0-1.0")) {
            return "https://creativecommons.org/publicdomain/zero/1.0/";
        }
        return "https://spdx.org/licenses/" + spdx + ".html";
    }

    static Map<String, Object> catalog(
            String base,
            String title,
            ResultsRows.Edition edition,
            ResultsProperties properties,
            List<ResultsViews.Row> rows) {
        String results = base + "/api/v1/events/" + edition.eventId() + "/results";
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("@context", "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld");
        catalog.put("@id", results + "/data.json");
        catalog.put("@type", "dcat:Catalog");
        catalog.put("conformsTo", "https://project-open-data.cio.gov/v1.1/schema");
        catalog.put("describedBy", "https://project-open-data.cio.gov/v1.1/schema/catalog.json");
        catalog.put("dataset", List.of(dataset(results, title, edition, properties, rows)));
        return catalog;
    }

    private static Map<String, Object> dataset(
            String results,
            String title,
            ResultsRows.Edition edition,
            ResultsProperties properties,
            List<ResultsViews.Row> rows) {
        String issued = edition.publishAt().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@type", "dcat:Dataset");
        d.put("title", "Resultados: " + title);
        d.put("description", description(title, rows));
        d.put("keyword", List.of("datatón", "resultados", "premios", "datos abiertos"));
        d.put("modified", issued);
        d.put("issued", issued);
        d.put("publisher", Map.of("@type", "org:Organization", "name", properties.publisher()));
        d.put(
                "contactPoint",
                Map.of(
                        "@type",
                        "vcard:Contact",
                        "fn",
                        properties.contactName(),
                        "hasEmail",
                        "mailto:" + properties.contactEmail()));
        d.put("identifier", results);
        d.put("accessLevel", "public");
        d.put("bureauCode", List.of("000:00"));
        d.put("programCode", List.of("000:000"));
        d.put("license", licenceUrl(edition.licence()));
        d.put("landingPage", results);
        d.put("language", List.of("es"));
        d.put(
                "distribution",
                List.of(
                        distribution(
                                results + "/results.csv", "text/csv", "CSV", "Resultados (CSV)"),
                        distribution(
                                results + "/results.json",
                                "application/json",
                                "JSON",
                                "Resultados (JSON)")));
        return d;
    }

    private static String description(String title, List<ResultsViews.Row> rows) {
        String challenges =
                rows.stream()
                        .map(ResultsViews.Row::challenge)
                        .distinct()
                        .collect(Collectors.joining(", "));
        return "Resultados publicados de "
                + title
                + ": una fila por entrega clasificada"
                + " (reto, puesto, equipo, puntaje, votos del Premio del Público, datos usados)."
                + (challenges.isEmpty() ? "" : " Retos: " + challenges + ".");
    }

    private static Map<String, Object> distribution(
            String url, String mediaType, String format, String title) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@type", "dcat:Distribution");
        d.put("downloadURL", url);
        d.put("mediaType", mediaType);
        d.put("format", format);
        d.put("title", title);
        return d;
    }
}
