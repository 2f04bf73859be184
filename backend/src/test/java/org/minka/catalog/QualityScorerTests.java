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

/**
 * The reference samples of DOMAIN.md 2.3 score what it says once their URLs were checked and
 * answered; until then the reachability points are pending, not counted.
 */
class QualityScorerTests {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static DatasetSnapshot ckan(String file) {
        return PortalRecords.fromCkan(PortalRecords.unwrapPackageShow(CatalogFixtures.json(file)));
    }

    /** Every resource URL of the snapshot, as a reachability check that saw them all answer. */
    private static Map<String, Boolean> answered(DatasetSnapshot s) {
        Map<String, Boolean> seen = new java.util.HashMap<>();
        for (DatasetSnapshot.Resource r : s.resources()) {
            for (String u : new String[] {r.accessUrl(), r.downloadUrl()}) {
                if (u != null) {
                    seen.put(u, true);
                }
            }
        }
        return seen;
    }

    private static QualityReport checked(String file) {
        DatasetSnapshot s = ckan(file);
        return QualityScorer.score(s, answered(s), NOW);
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
    void scoreWhenDemoCkanPackageCheckedThen300GoodThreeStars() {
        QualityReport report = checked("package_show_demo_ckan_org.json");

        assertThat(report.total()).isEqualTo(300);
        assertThat(report.max()).isEqualTo(405);
        assertThat(report.rating()).isEqualTo(Rating.GOOD);
        assertThat(report.stars()).isEqualTo(3);
        assertThat(points(report, "Findability")).isEqualTo(30);
        assertThat(points(report, "Accessibility")).isEqualTo(100);
        assertThat(points(report, "Interoperability")).isEqualTo(100);
        assertThat(points(report, "Reusability")).isEqualTo(55);
        assertThat(points(report, "Contextuality")).isEqualTo(15);
        assertThat(report.urlsNotChecked()).isZero();
        assertThat(report.pointsPending()).isZero();
        assertThat(check(report, "contact point").status()).isEqualTo(Status.FAILED);
        assertThat(check(report, "contact point").reason()).contains("email");
    }

    @Test
    void scoreWhenDkanBonnRecordCheckedThen260GoodOneStar() {
        QualityReport report = checked("dkan_package_show_opendata_bonn_de.json");

        assertThat(report.total()).isEqualTo(260);
        assertThat(report.rating()).isEqualTo(Rating.GOOD);
        assertThat(report.stars()).isEqualTo(1);
        assertThat(check(report, "access rights vocabulary").reason()).contains("Veröffentlicht");
        assertThat(check(report, "downloadURL").points()).isZero();
        assertThat(check(report, "publisher").reason()).contains("Stadtwerke Bonn");
    }

    @Test
    void scoreWhenCkanextDcatLegacyDictCheckedThen205Sufficient() {
        QualityReport report = checked("ckan_dataset_dict_ckanext_dcat_legacy.json");

        assertThat(report.total()).isEqualTo(205);
        assertThat(report.rating()).isEqualTo(Rating.SUFFICIENT);
        assertThat(report.stars()).isZero();
        assertThat(check(report, "spatial").points()).isEqualTo(20);
        assertThat(check(report, "temporal").points()).isZero();
        assertThat(check(report, "licence").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void scoreWhenUrlsNotCheckedThenReachabilityPointsPendingNotCounted() {
        DatasetSnapshot demo = ckan("package_show_demo_ckan_org.json");

        QualityReport unchecked = QualityScorer.score(demo, Map.of(), NOW);
        QualityReport answered = QualityScorer.score(demo, answered(demo), NOW);

        assertThat(unchecked.total()).isEqualTo(220);
        assertThat(unchecked.pointsPending()).isEqualTo(80);
        assertThat(unchecked.total() + unchecked.pointsPending()).isEqualTo(answered.total());
        assertThat(unchecked.urlsNotChecked()).isEqualTo(1);
        QualityReport.Check access = check(unchecked, "accessURL reachable");
        assertThat(access.status()).isEqualTo(Status.NOT_CHECKED);
        assertThat(access.points()).isZero();
        assertThat(access.pending()).isEqualTo(50);
        assertThat(access.reason()).contains("not checked").contains("50 points pending");
        assertThat(check(unchecked, "downloadURL reachable").pending()).isEqualTo(30);
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
