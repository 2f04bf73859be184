package org.minka.catalog.portal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps licence ids, titles and URLs, often free text, to Open Definition licence ids. */
public final class Licences {

    /** Open Definition ids of licences that conform to the Open Definition. */
    public static final Set<String> OPEN =
            Set.of(
                    "cc-by",
                    "cc-by-sa",
                    "cc-zero",
                    "odc-by",
                    "odc-odbl",
                    "odc-pddl",
                    "other-open",
                    "other-pd",
                    "other-at",
                    "gfdl",
                    "uk-ogl");

    private record Rule(String id, List<String> needles) {}

    // Order matters: the more specific texts come first.
    private static final List<Rule> RULES =
            List.of(
                    new Rule("odc-pddl", List.of("pddl", "public domain dedication and license")),
                    new Rule(
                            "cc-nc",
                            List.of(
                                    "cc-by-nc",
                                    "cc by nc",
                                    "noncommercial",
                                    "non-commercial",
                                    "non commercial",
                                    "no comercial")),
                    new Rule(
                            "cc-zero",
                            List.of(
                                    "cc0",
                                    "cc-zero",
                                    "cc zero",
                                    "publicdomain/zero",
                                    "public domain dedication",
                                    "dominio publico",
                                    "dominio público")),
                    new Rule(
                            "cc-by-sa",
                            List.of(
                                    "cc-by-sa",
                                    "cc by-sa",
                                    "cc by sa",
                                    "licenses/by-sa",
                                    "share-alike",
                                    "sharealike",
                                    "share alike",
                                    "compartir igual",
                                    "compartirigual")),
                    new Rule(
                            "cc-by",
                            List.of(
                                    "cc-by",
                                    "cc by",
                                    "licenses/by/",
                                    "creative commons attribution",
                                    "creative commons atribucion",
                                    "creative commons reconocimiento",
                                    "atribucion 4.0",
                                    "reconocimiento 4.0")),
                    new Rule(
                            "odc-odbl",
                            List.of("odbl", "open database license", "open database licence")),
                    new Rule(
                            "odc-by", List.of("odc-by", "odc by", "open data commons attribution")),
                    new Rule(
                            "uk-ogl",
                            List.of(
                                    "open government licence",
                                    "open government license",
                                    "uk-ogl")),
                    new Rule("gfdl", List.of("gfdl", "gnu free documentation")),
                    new Rule("other-pd", List.of("other-pd", "public domain")),
                    new Rule("other-open", List.of("other-open", "other (open)")),
                    new Rule("other-at", List.of("other-at", "other (attribution)")),
                    new Rule(
                            "other-closed",
                            List.of(
                                    "other-closed",
                                    "other (not open)",
                                    "all rights reserved",
                                    "todos los derechos reservados")));

    private Licences() {}

    /**
     * The Open Definition id for a licence given by id, title or URL (the first that maps wins), or
     * null when none of them is recognised.
     */
    public static String normalise(String... candidates) {
        for (String candidate : candidates) {
            String id = normaliseOne(candidate);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static String normaliseOne(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text =
                Normalizer.normalize(raw.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "")
                        .replace('_', '-')
                        .replaceAll("\\s+", " ");
        if (OPEN.contains(text) || text.equals("cc-nc") || text.equals("other-closed")) {
            return text;
        }
        if (text.equals("cc-by-4.0") || text.equals("cc-by-3.0") || text.equals("cc-by 4.0")) {
            return "cc-by";
        }
        for (Rule rule : RULES) {
            for (String needle : rule.needles()) {
                if (text.contains(needle)) {
                    return rule.id();
                }
            }
        }
        return null;
    }

    /** Whether the id conforms to the Open Definition. */
    public static boolean isOpen(String id) {
        return id != null && OPEN.contains(id);
    }
}
