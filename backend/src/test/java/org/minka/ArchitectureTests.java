package org.minka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * Structure rules the build enforces on src/main. The modules are derived from the packages by
 * Spring Modulith (each direct sub-package of {@code org.minka} is a module, its sub-packages are
 * internal); {@link #modulesHaveNoCyclesAndUseOnlyEachOthersApi} checks them, and {@link
 * #moduleDependenciesFollowTheLayers} checks that they point one way.
 */
class ArchitectureTests {

    /** The modules as Spring Modulith sees them; also the model behind the generated diagram. */
    static final ApplicationModules MODULES = ApplicationModules.of(MinkaApplication.class);

    /**
     * The layers, lowest first: a module may depend only on modules listed before it. {@code
     * common} and {@code security} are shared by everyone; notification hears from every domain
     * module and knows none of them; then catalog <- event <- team <- submission <- mentoring.
     */
    static final List<String> LAYERS =
            List.of(
                    "common",
                    "security",
                    "storage",
                    "notification",
                    "certificate",
                    "catalog",
                    "recognition",
                    "event",
                    "team",
                    "submission",
                    "mentoring",
                    "judging",
                    "voting",
                    "results");

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.minka");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void moduleDependenciesFollowTheLayers() {
        assertThat(layerViolations(MODULES))
                .as("module -> dependency that is not below it in ArchitectureTests.LAYERS")
                .isEmpty();
    }

    @Test
    void layersNameEveryModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrderElementsOf(LAYERS);
    }

    static List<String> layerViolations(ApplicationModules modules) {
        List<String> violations = new ArrayList<>();
        for (ApplicationModule module : modules) {
            String name = module.getIdentifier().toString();
            module.getDirectDependencies(modules)
                    .uniqueModules()
                    .map(dependency -> dependency.getIdentifier().toString())
                    .filter(dependency -> LAYERS.indexOf(dependency) >= LAYERS.indexOf(name))
                    .forEach(dependency -> violations.add(name + " -> " + dependency));
        }
        return violations;
    }

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
    void thirdPartyParsersAndClientsStayInTheirModules() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.minka.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.minio..")
                .because("only the storage module talks to the MinIO SDK")
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
}
