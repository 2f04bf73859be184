package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.Formats;
import org.minka.catalog.portal.Licences;
import org.minka.catalog.portal.PortalRecords;
import org.minka.catalog.portal.PortalValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Normalising real CKAN, DKAN and DCAT-US records, and the quirks of each. */
class PortalRecordsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void unwrapWhenCkanObjectDkanArrayOrBareDictThenDataset() {
        JsonNode ckan =
                PortalRecords.unwrapPackageShow(
                        CatalogFixtures.json("package_show_demo_ckan_org.json"));
        JsonNode dkan =
                PortalRecords.unwrapPackageShow(
                        CatalogFixtures.json("dkan_package_show_opendata_bonn_de.json"));
        JsonNode bare =
                PortalRecords.unwrapPackageShow(
                        CatalogFixtures.json("ckan_dataset_dict_ckanext_dcat_legacy.json"));

        assertThat(ckan.get("id").stringValue()).isEqualTo("17be64bb-da74-4195-9bb8-565c39846af2");
        assertThat(dkan.get("id").stringValue()).isEqualTo("42db3b50-1904-4123-98a3-6e71d381362a");
        assertThat(bare.get("id").stringValue()).isEqualTo("756d6426-d52d-492a-a263-599ad1caa123");
        assertThat(
                        PortalRecords.unwrapPackageShow(
                                JSON.readTree("{\"success\":true,\"result\":[]}")))
                .isNull();
        assertThat(
                        PortalRecords.unwrapPackageShow(
                                JSON.readTree(
                                        "{\"success\":false,\"error\":{\"message\":\"Not found\"}}")))
                .isNull();
    }

    @Test
    void fromCkanWhenDemoPackageThenOrganizationLicenceAndResources() {
        DatasetSnapshot s =
                PortalRecords.fromCkan(
                        PortalRecords.unwrapPackageShow(
                                CatalogFixtures.json("package_show_demo_ckan_org.json")));

        assertThat(s.publisherName()).isEqualTo("SDB");
        assertThat(s.publisherPortalId()).isEqualTo("sdb");
        assertThat(s.licenseId()).isEqualTo("cc-by");
        assertThat(s.tags()).containsExactly("2016", "RASE", "età");
        assertThat(s.issued()).isEqualTo(Instant.parse("2017-07-05T19:28:19.620158Z"));
        assertThat(s.accessRights()).isEqualTo("public");
        DatasetSnapshot.Resource r = s.resources().get(0);
        assertThat(r.format()).isEqualTo("CSV");
        assertThat(r.sniffedFormat()).isEqualTo("CSV");
        assertThat(r.downloadUrl()).endsWith("20161231_rase.csv");
        assertThat(r.sizeBytes()).isNull();
    }

    @Test
    void fromCkanWhenDkanRecordThenPublisherFromGroupsAndFreeTextLicence() {
        DatasetSnapshot s =
                PortalRecords.fromCkan(
                        PortalRecords.unwrapPackageShow(
                                CatalogFixtures.json("dkan_package_show_opendata_bonn_de.json")));

        assertThat(s.publisherName()).isEqualTo("Stadtwerke Bonn");
        assertThat(s.publisherPortalId()).isEqualTo("stadtwerke-bonn");
        assertThat(s.licenseId()).isEqualTo("cc-by");
        assertThat(s.accessRights()).isEqualTo("Veröffentlicht");
        assertThat(s.accessRightsFromVocabulary()).isFalse();
        assertThat(s.modified()).isEqualTo(Instant.parse("2016-03-02T16:34:05Z"));
        DatasetSnapshot.Resource r = s.resources().get(0);
        assertThat(r.modified()).isEqualTo(Instant.parse("2016-03-02T14:08:35Z"));
        assertThat(r.sizeRaw()).isNull();
        assertThat(r.downloadUrl()).isNull();
        assertThat(r.accessUrl()).startsWith("https://opendata.bonn.de/dataset/");
    }

    @Test
    void fromCkanWhenDrupalQuirksThenParsedLenientlyAndRawKept() {
        String record =
                """
                {"help":"","success":true,"result":[{"id":"abc","name":"vacunas","title":"Vacunas",
                 "notes":"<p>Registro de <b>vacunaci&oacute;n</b></p><script>alert(1)</script>",
                 "license_title":"Creative Commons Atribución 4.0","license_id":"",
                 "metadata_created":"Lun, 14/05/2024 - 10:20","metadata_modified":"Date changed \\t2024-06-01T08:00:00-05:00",
                 "private":"Publicado","groups":[{"title":"Ministerio de Salud","name":"group/minsa"}],
                 "resources":[{"name":"vacunas.csv","format":"CSV","mimetype":"text/csv",
                   "url":"https://www.datosabiertos.gob.pe/sites/default/files/vacunas.zip","size":"19.7 MB"}]}]}
                """;
        DatasetSnapshot s =
                PortalRecords.fromCkan(PortalRecords.unwrapPackageShow(JSON.readTree(record)));

        assertThat(s.description()).isEqualTo("Registro de vacunación");
        assertThat(s.licenseId()).isEqualTo("cc-by");
        assertThat(s.licenseText()).isEqualTo("Creative Commons Atribución 4.0");
        assertThat(s.issued()).isEqualTo(Instant.parse("2024-05-14T15:20:00Z"));
        assertThat(s.issuedRaw()).isEqualTo("Lun, 14/05/2024 - 10:20");
        assertThat(s.modified()).isEqualTo(Instant.parse("2024-06-01T13:00:00Z"));
        assertThat(s.publisherName()).isEqualTo("Ministerio de Salud");
        assertThat(s.publisherPortalId()).isEqualTo("minsa");
        DatasetSnapshot.Resource r = s.resources().get(0);
        assertThat(r.sizeBytes()).isEqualTo(20656947L);
        assertThat(r.format()).isEqualTo("CSV");
        assertThat(r.sniffedFormat()).isEqualTo("ZIP");
        assertThat(r.formatMismatch()).isTrue();
    }

    @Test
    void fromDcatUsWhenSampleThenDistributionsAndContact() {
        JsonNode entry =
                CatalogFixtures.json("dcat_us_1_1_catalog_sample.json").get("dataset").get(0);
        DatasetSnapshot s = PortalRecords.fromDcatUs(entry);

        assertThat(s.portalDatasetId()).isEqualTo("http://dx.doi.org/10.7927/H45X26V8");
        assertThat(s.publisherName()).isEqualTo("Widget Services");
        assertThat(s.contactEmail()).isEqualTo("jane.doe@agency.gov");
        assertThat(s.accessRightsFromVocabulary()).isTrue();
        assertThat(s.tags()).containsExactly("widget", "manufacturing", "factory");
        assertThat(s.resources()).hasSize(4);
        assertThat(s.resources().get(0).format()).isNull();
        assertThat(s.resources().get(0).sniffedFormat()).isEqualTo("CSV");
        assertThat(s.resources().get(3).downloadUrl()).isNull();
        assertThat(s.resources().get(3).accessUrl())
                .isEqualTo("https://data.agency.gov/api/widgets-statistics/");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Creative Commons Attribution|cc-by",
                "cc-by|cc-by",
                "https://creativecommons.org/licenses/by/4.0/|cc-by",
                "Creative Commons Attribution Share-Alike|cc-by-sa",
                "CC0 1.0 Universal|cc-zero",
                "Open Data Commons Attribution License|odc-by",
                "Open Data Commons Open Database License (ODbL)|odc-odbl",
                "Open Data Commons Public Domain Dedication and License (PDDL)|odc-pddl",
                "Creative Commons Non-Commercial (Any)|cc-nc",
                "Licencia Abierta de Uso de Datos|"
            })
    void licencesWhenFreeTextThenOpenDefinitionIds(String text, String id) {
        assertThat(Licences.normalise(text)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "19.7 MB|20656947",
                "512|512",
                "1,5 KB|1536",
                "2 GB|2147483648",
                "n/a|",
                "''|"
            })
    void sizesWhenHumanTextThenBytes(String text, Long bytes) {
        assertThat(PortalValues.parseSize(text)).isEqualTo(bytes);
    }

    @Test
    void formatsWhenDeclaredOrSniffedThenNormalised() {
        assertThat(Formats.normalise("text/csv")).isEqualTo("CSV");
        assertThat(Formats.normalise(".XLSX")).isEqualTo("XLSX");
        assertThat(Formats.normalise("text/html")).isEqualTo("HTML");
        assertThat(Formats.fromUrl("https://x.gob.pe/files/data.csv?download=1")).isEqualTo("CSV");
        assertThat(Formats.fromUrl("https://x.gob.pe/dataset/abc")).isNull();
        assertThat(PortalValues.parseDate("2012-05-10"))
                .isEqualTo(Instant.parse("2012-05-10T00:00:00Z"));
        assertThat(PortalValues.parseDate("yesterday")).isNull();
    }
}
