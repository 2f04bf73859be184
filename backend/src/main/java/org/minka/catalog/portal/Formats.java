package org.minka.catalog.portal;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Normalises declared formats and sniffs formats from URLs and media types. */
public final class Formats {

    /** Formats of the EU file-type vocabulary that portals commonly use. */
    public static final Set<String> VOCABULARY =
            Set.of(
                    "CSV", "TSV", "JSON", "GEOJSON", "XML", "ODS", "RDF", "TTL", "JSONLD", "KML",
                    "KMZ", "GML", "GPKG", "PARQUET", "TXT", "XLS", "XLSX", "SHP", "PDF", "HTML",
                    "ZIP", "DOC", "DOCX", "ODT", "N3", "NT", "WMS", "WFS", "SPARQL", "PNG", "JPEG",
                    "GZIP", "RAR", "7Z", "DBF", "MDB", "SAV", "DTA", "RSS", "ATOM", "YAML");

    /** Non-proprietary formats (DOMAIN.md 2.3). */
    public static final Set<String> NON_PROPRIETARY =
            Set.of(
                    "CSV", "TSV", "JSON", "GEOJSON", "XML", "ODS", "RDF", "TTL", "JSONLD", "KML",
                    "GML", "GPKG", "PARQUET", "TXT");

    /** Machine-readable formats: the non-proprietary ones plus spreadsheets, shapes and APIs. */
    public static final Set<String> MACHINE_READABLE =
            Set.of(
                    "CSV", "TSV", "JSON", "GEOJSON", "XML", "ODS", "RDF", "TTL", "JSONLD", "KML",
                    "GML", "GPKG", "PARQUET", "TXT", "XLS", "XLSX", "SHP", "API");

    /** Formats that name W3C linked-data standards (the fourth star). */
    public static final Set<String> LINKED_DATA =
            Set.of("RDF", "TTL", "JSONLD", "N3", "NT", "SPARQL");

    /** Formats of pages and services rather than files (not a download URL). */
    static final Set<String> NOT_FILES = Set.of("HTML", "API", "WMS", "WFS", "SPARQL");

    private static final Map<String, String> ALIASES =
            Map.ofEntries(
                    Map.entry("TEXT/CSV", "CSV"),
                    Map.entry("APPLICATION/CSV", "CSV"),
                    Map.entry("TEXT/TAB-SEPARATED-VALUES", "TSV"),
                    Map.entry("APPLICATION/JSON", "JSON"),
                    Map.entry("APPLICATION/GEO+JSON", "GEOJSON"),
                    Map.entry("APPLICATION/VND.GEO+JSON", "GEOJSON"),
                    Map.entry("APPLICATION/LD+JSON", "JSONLD"),
                    Map.entry("JSON-LD", "JSONLD"),
                    Map.entry("TEXT/XML", "XML"),
                    Map.entry("APPLICATION/XML", "XML"),
                    Map.entry("TEXT/HTML", "HTML"),
                    Map.entry("HTM", "HTML"),
                    Map.entry("WEB PAGE", "HTML"),
                    Map.entry("TEXT/PLAIN", "TXT"),
                    Map.entry("TEXT", "TXT"),
                    Map.entry("APPLICATION/PDF", "PDF"),
                    Map.entry("APPLICATION/ZIP", "ZIP"),
                    Map.entry("APPLICATION/X-ZIP-COMPRESSED", "ZIP"),
                    Map.entry("APPLICATION/GZIP", "GZIP"),
                    Map.entry("GZ", "GZIP"),
                    Map.entry("APPLICATION/VND.MS-EXCEL", "XLS"),
                    Map.entry("EXCEL", "XLS"),
                    Map.entry(
                            "APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET",
                            "XLSX"),
                    Map.entry("APPLICATION/VND.OASIS.OPENDOCUMENT.SPREADSHEET", "ODS"),
                    Map.entry("APPLICATION/RDF+XML", "RDF"),
                    Map.entry("RDF/XML", "RDF"),
                    Map.entry("RDF+XML", "RDF"),
                    Map.entry("TEXT/TURTLE", "TTL"),
                    Map.entry("TURTLE", "TTL"),
                    Map.entry("APPLICATION/VND.GOOGLE-EARTH.KML+XML", "KML"),
                    Map.entry("APPLICATION/GML+XML", "GML"),
                    Map.entry("ESRI SHAPEFILE", "SHP"),
                    Map.entry("SHAPEFILE", "SHP"),
                    Map.entry("APPLICATION/VND.APACHE.PARQUET", "PARQUET"),
                    Map.entry("IMAGE/PNG", "PNG"),
                    Map.entry("IMAGE/JPEG", "JPEG"),
                    Map.entry("JPG", "JPEG"),
                    Map.entry("REST", "API"),
                    Map.entry("WEB SERVICE", "API"),
                    Map.entry("ARCGIS GEOSERVICES REST API", "API"));

    private Formats() {}

    /**
     * The normalised name of a declared format or media type ("text/csv", ".CSV", "csv" give CSV),
     * or null when blank.
     */
    public static String normalise(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        String f = declared.trim().toUpperCase(Locale.ROOT);
        if (f.startsWith(".")) {
            f = f.substring(1);
        }
        int params = f.indexOf(';');
        if (params > 0) {
            f = f.substring(0, params).trim();
        }
        String alias = ALIASES.get(f);
        if (alias != null) {
            return alias;
        }
        if (f.contains("/")) {
            String subtype = f.substring(f.indexOf('/') + 1);
            if (subtype.startsWith("X-")) {
                subtype = subtype.substring(2);
            }
            return ALIASES.getOrDefault(subtype, subtype);
        }
        return f;
    }

    /** The format a URL's file extension gives, or null when the last path segment has none. */
    public static String fromUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String path;
        try {
            path = URI.create(url.trim().replace(" ", "%20")).getPath();
        } catch (IllegalArgumentException ex) {
            return null;
        }
        if (path == null) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        if (dot < 0 || dot == last.length() - 1) {
            return null;
        }
        String ext = last.substring(dot + 1);
        if (!ext.matches("[A-Za-z0-9]{1,8}")) {
            return null;
        }
        String normalised = normalise(ext);
        return VOCABULARY.contains(normalised) ? normalised : null;
    }

    /** Whether the text looks like an IANA media type (type/subtype). */
    public static boolean isMediaType(String value) {
        return value != null
                && value.trim()
                        .matches(
                                "(?i)(application|audio|font|image|model|multipart|text|video)/[a-z0-9][a-z0-9!#$&^_.+-]*(;.*)?");
    }
}
