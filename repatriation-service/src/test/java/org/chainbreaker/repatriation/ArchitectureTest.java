package org.chainbreaker.repatriation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.chainbreaker.repatriation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_knows_no_framework_transport_or_sql = noClasses()
            .that().resideInAPackage("..repatriation.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "io.grpc..", "com.google.protobuf..", "java.sql..", "javax.sql..",
                    "org.chainbreaker.repatriation.v1..", "org.chainbreaker.fugitives.v1..", "org.chainbreaker.common.v1..", "org.flywaydb..", "io.github.resilience4j..")
            .because("the domain holds records, rules and state machines only");

    @ArchTest
    static final ArchRule domain_depends_on_no_other_layer = noClasses()
            .that().resideInAPackage("..repatriation.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..repatriation.api..", "..repatriation.app..", "..repatriation.store..", "..repatriation.upstream..");

    @ArchTest
    static final ArchRule store_is_not_reached_from_the_api = noClasses()
            .that().resideInAPackage("..repatriation.api..")
            .should().dependOnClassesThat().resideInAPackage("..repatriation.store..")
            .because("endpoints translate and call use cases; transactions live in the app layer");

    @ArchTest
    static final ArchRule only_the_api_speaks_the_contract = classes()
            .that().resideInAnyPackage("..repatriation.app..", "..repatriation.store..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.chainbreaker.repatriation.v1..",
                    "org.chainbreaker.fugitives.v1..", "io.grpc..", "io.github.resilience4j..");

    @ArchTest
    static final ArchRule the_fugitive_service_is_reached_only_through_the_upstream_package = noClasses()
            .that().resideOutsideOfPackage("..repatriation.upstream..")
            .should().dependOnClassesThat().resideInAPackage("org.chainbreaker.fugitives.v1..")
            .because("calls to other services go through one guarded client that forwards the caller's token");
}
