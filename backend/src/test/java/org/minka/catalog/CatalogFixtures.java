package org.minka.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real portal responses saved under src/test/resources/catalog/ckan (see SOURCES.md). */
public final class CatalogFixtures {

    public static final List<String> FILES =
            List.of(
                    "ckan_dataset_dict_ckanext_dcat_legacy.json",
                    "dcat_us_1_1_catalog_sample.json",
                    "dcat_us_catalog_pod_ckanext_dcat.jsonld",
                    "dkan_package_show_fixture_minimal.json",
                    "dkan_package_show_opendata_bonn_de.json",
                    "package_search_demo_ckan_org.json",
                    "package_show_demo_ckan_org.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CatalogFixtures() {}

    public static byte[] bytes(String file) {
        try (InputStream in = CatalogFixtures.class.getResourceAsStream("/catalog/ckan/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static JsonNode json(String file) {
        return JSON.readTree(bytes(file));
    }
}
