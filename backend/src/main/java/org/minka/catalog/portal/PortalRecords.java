package org.minka.catalog.portal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Normalises CKAN/DKAN {@code package_show} records and DCAT-US data.json entries. */
public final class PortalRecords {

    private static final Set<String> ACCESS_LEVELS =
            Set.of("public", "restricted public", "non-public");

    private PortalRecords() {}

    /**
     * The dataset object of a {@code package_show} answer: CKAN's {@code result} object, DKAN's
     * one-element {@code result} array, or a bare dataset dict. Null when there is none.
     */
    public static JsonNode unwrapPackageShow(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        if (root.has("result")) {
            JsonNode result = root.get("result");
            if (result.isArray()) {
                return result.isEmpty() || !result.get(0).isObject() ? null : result.get(0);
            }
            return result.isObject() ? result : null;
        }
        if (root.has("success")) {
            return null;
        }
        return root.has("title") || root.has("name") ? root : null;
    }

    /** A snapshot from a CKAN or DKAN dataset dict. */
    public static DatasetSnapshot fromCkan(JsonNode d) {
        JsonNode org = d.path("organization");
        JsonNode groups = d.path("groups");
        JsonNode firstGroup = groups.isArray() && !groups.isEmpty() ? groups.get(0) : null;
        String publisher = null;
        String publisherId = null;
        if (org.isObject() && text(org, "title") != null) {
            publisher = text(org, "title");
            publisherId = text(org, "name");
        } else if (firstGroup != null && text(firstGroup, "title") != null) {
            publisher = text(firstGroup, "title");
            publisherId = text(firstGroup, "name");
            if (publisherId != null && publisherId.startsWith("group/")) {
                publisherId = publisherId.substring("group/".length());
            }
        }
        Set<String> themes = new LinkedHashSet<>();
        if (groups.isArray()) {
            for (JsonNode g : groups) {
                String t = g.isObject() ? first(text(g, "title"), text(g, "name")) : text(g);
                if (t != null) {
                    themes.add(PortalValues.htmlToText(t));
                }
            }
        }
        String extraTheme = extra(d, "theme");
        if (extraTheme != null) {
            themes.add(extraTheme);
        }
        String extraCategory = extra(d, "category");
        if (extraCategory != null) {
            themes.add(extraCategory);
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : iterable(d.path("tags"))) {
            String tag = t.isObject() ? first(text(t, "display_name"), text(t, "name")) : text(t);
            if (tag != null) {
                tags.add(tag);
            }
        }
        String licenseId = text(d, "license_id");
        String licenseTitle = text(d, "license_title");
        String licenseUrl = text(d, "license_url");
        String normalisedLicence = Licences.normalise(licenseId, licenseTitle, licenseUrl);
        if (normalisedLicence == null
                && (licenseId != null || licenseTitle != null)
                && d.path("isopen").isBoolean()
                && d.path("isopen").booleanValue()) {
            normalisedLicence = "other-open";
        }
        JsonNode priv = d.path("private");
        String accessRights = null;
        boolean accessVocabulary = false;
        if (priv.isBoolean()) {
            accessRights = priv.booleanValue() ? "non-public" : "public";
            accessVocabulary = true;
        } else if (text(priv) != null) {
            accessRights = text(priv);
        }
        String rights = first(licenseUrl, extra(d, "rights"));
        String email = first(email(text(d, "maintainer_email")), email(text(d, "author_email")));
        List<DatasetSnapshot.Resource> resources = new ArrayList<>();
        for (JsonNode r : iterable(d.path("resources"))) {
            resources.add(ckanResource(r));
        }
        String issuedRaw = text(d, "metadata_created");
        String modifiedRaw = text(d, "metadata_modified");
        String slug = text(d, "name");
        return new DatasetSnapshot(
                first(text(d, "id"), slug),
                slug,
                first(text(d, "title"), slug),
                PortalValues.htmlToText(first(text(d, "notes"), text(d, "description"), "")),
                publisher,
                publisherId,
                normalisedLicence,
                first(licenseTitle, licenseId),
                licenseUrl,
                tags,
                List.copyOf(themes),
                extra(d, "spatial"),
                extra(d, "temporal"),
                PortalValues.parseDate(issuedRaw),
                PortalValues.parseDate(modifiedRaw),
                issuedRaw,
                modifiedRaw,
                email,
                accessRights,
                accessVocabulary,
                rights,
                first(
                        extra(d, "accrualPeriodicity"),
                        extra(d, "frequency"),
                        extra(d, "frequency-of-update")),
                httpUrl(text(d, "url")),
                resources);
    }

    private static DatasetSnapshot.Resource ckanResource(JsonNode r) {
        String url = httpUrl(text(r, "url"));
        String declared = text(r, "format");
        String format = Formats.normalise(declared);
        String mime = first(text(r, "mimetype"), text(r, "mimetype_inner"));
        String sniffed = Formats.fromUrl(url);
        if (sniffed == null && Formats.isMediaType(mime)) {
            sniffed = Formats.normalise(mime);
        }
        String effective = sniffed != null ? sniffed : format;
        boolean upload = "upload".equals(text(r, "url_type"));
        boolean file =
                url != null
                        && (upload
                                || (effective != null && !Formats.NOT_FILES.contains(effective)));
        String sizeRaw = text(r, "size");
        return new DatasetSnapshot.Resource(
                first(text(r, "name"), text(r, "title")),
                PortalValues.htmlToText(text(r, "description")),
                url,
                file ? url : null,
                declared,
                format,
                sniffed,
                mime,
                PortalValues.parseSize(sizeRaw),
                sizeRaw,
                PortalValues.parseDate(first(text(r, "last_modified"), text(r, "created"))));
    }

    /** A snapshot from one DCAT-US (Project Open Data v1.1) dataset entry. */
    public static DatasetSnapshot fromDcatUs(JsonNode d) {
        List<String> tags = strings(d.path("keyword"));
        List<String> themes = strings(d.path("theme"));
        String license = text(d, "license");
        String accessLevel = text(d, "accessLevel");
        String email = null;
        JsonNode contact = d.path("contactPoint");
        if (contact.isObject()) {
            String hasEmail = text(contact, "hasEmail");
            if (hasEmail != null && hasEmail.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                hasEmail = hasEmail.substring("mailto:".length());
            }
            email = email(hasEmail);
        }
        List<DatasetSnapshot.Resource> resources = new ArrayList<>();
        for (JsonNode r : iterable(d.path("distribution"))) {
            String download = httpUrl(text(r, "downloadURL"));
            String access = first(httpUrl(text(r, "accessURL")), download);
            String mime = text(r, "mediaType");
            String declared = text(r, "format");
            String format = Formats.normalise(declared);
            String sniffed = Formats.fromUrl(first(download, access));
            if (sniffed == null && Formats.isMediaType(mime)) {
                sniffed = Formats.normalise(mime);
            }
            String sizeRaw = text(r, "byteSize");
            resources.add(
                    new DatasetSnapshot.Resource(
                            text(r, "title"),
                            PortalValues.htmlToText(text(r, "description")),
                            access,
                            download,
                            declared,
                            format,
                            sniffed,
                            mime,
                            PortalValues.parseSize(sizeRaw),
                            sizeRaw,
                            null));
        }
        String issuedRaw = text(d, "issued");
        String modifiedRaw = text(d, "modified");
        JsonNode publisher = d.path("publisher");
        String identifier = first(text(d, "identifier"), text(d, "@id"));
        return new DatasetSnapshot(
                identifier,
                null,
                first(text(d, "title"), identifier),
                PortalValues.htmlToText(first(text(d, "description"), "")),
                publisher.isObject() ? text(publisher, "name") : text(publisher),
                null,
                Licences.normalise(license),
                license,
                httpUrl(license),
                tags,
                themes,
                text(d.path("spatial")),
                text(d.path("temporal")),
                PortalValues.parseDate(issuedRaw),
                PortalValues.parseDate(modifiedRaw),
                issuedRaw,
                modifiedRaw,
                email,
                accessLevel,
                accessLevel != null && ACCESS_LEVELS.contains(accessLevel.toLowerCase(Locale.ROOT)),
                text(d, "rights"),
                text(d, "accrualPeriodicity"),
                httpUrl(text(d, "landingPage")),
                resources);
    }

    private static String extra(JsonNode d, String key) {
        for (JsonNode e : iterable(d.path("extras"))) {
            String k = text(e, "key");
            if (k != null && k.equalsIgnoreCase(key)) {
                String v = text(e, "value");
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode n : node) {
                String s = text(n);
                if (s != null) {
                    out.add(s);
                }
            }
        } else if (text(node) != null) {
            out.add(text(node));
        }
        return out;
    }

    /** The value as text when it is a non-blank scalar; null for blanks, objects and arrays. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        String s = node.isString() ? node.stringValue() : node.asString();
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String text(JsonNode node, String field) {
        return node == null ? null : text(node.get(field));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String email(String value) {
        return value != null && value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? value : null;
    }

    private static String httpUrl(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? value : null;
    }
}
