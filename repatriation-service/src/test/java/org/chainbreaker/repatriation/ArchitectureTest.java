package org.chainbreaker.repatriation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.chainbreaker.platform.architecture.ServiceLayers;

@AnalyzeClasses(
        packages = "org.chainbreaker.repatriation",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest static final ArchTests layers = ArchTests.in(ServiceLayers.class);

    @ArchTest
    static final ArchRule the_fugitive_service_is_reached_only_through_the_upstream_package =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("..repatriation.upstream..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.chainbreaker.fugitives.v1..")
                    .because(
                            "calls to other services go through one guarded client that forwards the caller's token");
}
