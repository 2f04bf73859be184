package org.minka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Structure rules the build enforces on src/main. */
class ArchitectureTests {

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.minka");

    @Test
    void mainCodeNeverBlocksOnReactiveTypes() {
        noClasses()
                .should()
                .callMethodWhere(
                        DescribedPredicate.describe(
                                "a blocking method of a Reactor type (block*, toIterable, toStream)",
                                call -> {
                                    var target = call.getTarget();
                                    String name = target.getName();
                                    boolean reactive =
                                            target.getOwner()
                                                    .isAssignableTo(
                                                            org.reactivestreams.Publisher.class);
                                    return reactive
                                            && (name.startsWith("block")
                                                    || name.equals("toIterable")
                                                    || name.equals("toStream"));
                                }))
                .because("src/main is non-blocking end to end; use operators, not .block()")
                .check(MAIN);
    }

    @Test
    void mainCodeNeverSleepsOrWaitsOnFutures() {
        noClasses()
                .should()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .callMethod(java.util.concurrent.Future.class, "get")
                .orShould()
                .callMethod(java.util.concurrent.CompletableFuture.class, "join")
                .orShould()
                .callMethod(java.util.concurrent.CompletableFuture.class, "get")
                .check(MAIN);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("org.minka.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void moduleDependenciesPointOneWay() {
        noClasses()
                .that()
                .resideInAPackage("org.minka.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.minka.security..", "org.minka.storage..", "org.minka.event..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("org.minka.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.minka.event..", "org.minka.storage..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.minka.common..",
                        "org.minka.security..",
                        "org.minka.event..",
                        "org.minka.team..",
                        "org.minka.notification..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.minka.mentoring..")
                .because("mentoring builds on teams and events, never the other way")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("org.minka.notification..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.minka.event..", "org.minka.team..", "org.minka.storage..")
                .because("every module may raise notifications, so notification knows none of them")
                .check(MAIN);
        noClasses()
                .that()
                .resideOutsideOfPackage("org.minka.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.minio..")
                .because("only the storage module talks to the MinIO SDK")
                .check(MAIN);
    }

    @Test
    void catalogDependsOnNoDomainModuleAbove() {
        noClasses()
                .that()
                .resideInAPackage("org.minka.catalog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.minka.event..", "org.minka.team..", "org.minka.storage..")
                .because("event builds on catalog (DESIGN.md), never the other way round")
                .check(MAIN);
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.minka.catalog..", "org.minka.submission..", "org.minka.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jsoup..")
                .because(
                        "only the catalog (portal HTML to text), submissions (notebook outputs)"
                                + " and common.SafeMarkdown (user markdown) parse HTML")
                .check(MAIN);
    }

    @Test
    void controllersAndRepositoriesAreModuleInternals() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(MAIN);
        classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(MAIN);
    }

    // submission module
    @Test
    void submissionsBuildOnTeamsOnlyThroughTeamLookup() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.minka.common..",
                        "org.minka.security..",
                        "org.minka.storage..",
                        "org.minka.event..",
                        "org.minka.team..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.minka.submission..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("org.minka.submission..")
                .should()
                .dependOnClassesThat(
                        DescribedPredicate.describe(
                                "team classes other than TeamLookup",
                                c ->
                                        c.getPackageName().equals("org.minka.team")
                                                && !c.getSimpleName().equals("TeamLookup")))
                .check(MAIN);
    }

    @Test
    void mentoringReadsSubmissionsOnlyThroughSubmissionAccess() {
        noClasses()
                .that()
                .resideInAPackage("org.minka.mentoring..")
                .should()
                .dependOnClassesThat(
                        DescribedPredicate.describe(
                                "submission classes other than SubmissionAccess",
                                c ->
                                        c.getPackageName().equals("org.minka.submission")
                                                && !c.getName()
                                                        .startsWith(
                                                                "org.minka.submission.SubmissionAccess")))
                .check(MAIN);
    }
}
