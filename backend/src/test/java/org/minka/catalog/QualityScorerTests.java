package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.PortalRecords;
import org.minka.catalog.quality.QualityReport;
import org.minka.catalog.quality.QualityReport.Rating;
import org.minka.catalog.quality.QualityReport.Status;
import org.minka.catalog.quality.QualityScorer;

/** The reference samples of DOMAIN.md 2.3 score what it says, offline (URLs present, unchecked). */
class QualityScorerTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static DatasetSnapshot ckan(String file) {
        return PortalRecords.fromCkan(PortalRecords.unwrapPackageShow(CatalogFixtures.json(file)));
    }

    private static int points(QualityReport report, String dimension) {
        return report.dimensions().stream()
                .filter(d -> d.name().equals(dimension))
                .findFirst()
                .orElseThrow()
                .points();
    }

    private static QualityReport.Check check(QualityReport report, String indicator) {
        return report.dimensions().stream()
                .flatMap(d -> d.checks().stream())
                .filter(c -> c.indicator().equals(indicator))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void scoreWhenDemoCkanPackageThen300GoodThreeStars() {
        QualityReport report =
                QualityScorer.score(ckan("package_show_demo_ckan_org.json"), Map.of(), NOW);

        assertThat(report.total()).isEqualTo(300);
        assertThat(report.max()).isEqualTo(405);
        assertThat(report.rating()).isEqualTo(Rating.GOOD);
        assertThat(report.stars()).isEqualTo(3);
        assertThat(points(report, "Findability")).isEqualTo(30);
        assertThat(points(report, "Accessibility")).isEqualTo(100);
        assertThat(points(report, "Interoperability")).isEqualTo(100);
        assertThat(points(report, "Reusability")).isEqualTo(55);
        assertThat(points(report, "Contextuality")).isEqualTo(15);
        assertThat(report.urlsNotChecked()).isEqualTo(1);
        assertThat(check(report, "accessURL reachable").status()).isEqualTo(Status.NOT_CHECKED);
        assertThat(check(report, "accessURL reachable").reason()).contains("not checked");
        assertThat(check(report, "contact point").status()).isEqualTo(Status.FAILED);
        assertThat(check(report, "contact point").reason()).contains("email");
    }

    @Test
    void scoreWhenDkanBonnRecordThen260GoodOneStar() {
        QualityReport report =
                QualityScorer.score(ckan("dkan_package_show_opendata_bonn_de.json"), Map.of(), NOW);

        assertThat(report.total()).isEqualTo(260);
        assertThat(report.rating()).isEqualTo(Rating.GOOD);
        assertThat(report.stars()).isEqualTo(1);
        assertThat(check(report, "access rights vocabulary").reason()).contains("Veröffentlicht");
        assertThat(check(report, "downloadURL").points()).isZero();
        assertThat(check(report, "publisher").reason()).contains("Stadtwerke Bonn");
    }

    @Test
    void scoreWhenCkanextDcatLegacyDictThen205Sufficient() {
        QualityReport report =
                QualityScorer.score(
                        ckan("ckan_dataset_dict_ckanext_dcat_legacy.json"), Map.of(), NOW);

        assertThat(report.total()).isEqualTo(205);
        assertThat(report.rating()).isEqualTo(Rating.SUFFICIENT);
        assertThat(report.stars()).isZero();
        assertThat(check(report, "spatial").points()).isEqualTo(20);
        assertThat(check(report, "temporal").points()).isZero();
        assertThat(check(report, "licence").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void scoreWhenUrlsCheckedAndUnreachableThenReachabilityPointsLost() {
        DatasetSnapshot demo = ckan("package_show_demo_ckan_org.json");
        String url = demo.resources().get(0).accessUrl();

        QualityReport failed = QualityScorer.score(demo, Map.of(url, false), NOW);
        QualityReport passed = QualityScorer.score(demo, Map.of(url, true), NOW);

        assertThat(failed.total()).isEqualTo(220);
        assertThat(failed.rating()).isEqualTo(Rating.SUFFICIENT);
        assertThat(check(failed, "accessURL reachable").status()).isEqualTo(Status.FAILED);
        assertThat(passed.total()).isEqualTo(300);
        assertThat(check(passed, "accessURL reachable").status()).isEqualTo(Status.PASSED);
        assertThat(passed.urlsNotChecked()).isZero();
    }

    @Test
    void scoreWhenEveryCheckThenPointsAddUpPerDimension() {
        QualityReport report =
                QualityScorer.score(ckan("package_show_demo_ckan_org.json"), Map.of(), NOW);

        assertThat(report.dimensions())
                .extracting(QualityReport.Dimension::max)
                .containsExactly(100, 100, 110, 75, 20);
        for (QualityReport.Dimension d : report.dimensions()) {
            assertThat(d.points())
                    .isEqualTo(d.checks().stream().mapToInt(QualityReport.Check::points).sum());
            assertThat(d.checks()).allSatisfy(c -> assertThat(c.reason()).isNotBlank());
        }
        assertThat(report.dimensions().stream().mapToInt(QualityReport.Dimension::points).sum())
                .isEqualTo(report.total());
    }

    @Test
    void freshnessWhenPeriodDeclaredThenComparedWithOneAndAHalfPeriods() {
        DatasetSnapshot dcat =
                PortalRecords.fromDcatUs(
                        CatalogFixtures.json("dcat_us_catalog_pod_ckanext_dcat.jsonld")
                                .get("dataset")
                                .get(0));
        assertThat(dcat.accrualPeriodicity()).isEqualTo("R/P1Y");
        Instant modified = dcat.modified();

        QualityReport fresh =
                QualityScorer.score(dcat, Map.of(), modified.plus(java.time.Duration.ofDays(500)));
        QualityReport stale =
                QualityScorer.score(dcat, Map.of(), modified.plus(java.time.Duration.ofDays(600)));

        assertThat(fresh.freshness().status()).isEqualTo(QualityReport.FreshnessStatus.FRESH);
        assertThat(fresh.freshness().periodDays()).isEqualTo(365);
        assertThat(stale.freshness().status()).isEqualTo(QualityReport.FreshnessStatus.STALE);
        QualityReport noPeriod =
                QualityScorer.score(ckan("package_show_demo_ckan_org.json"), Map.of(), NOW);
        assertThat(noPeriod.freshness().status()).isEqualTo(QualityReport.FreshnessStatus.UNKNOWN);
    }
}
