package org.chainbreaker.fugitives;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.chainbreaker.fugitives", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_knows_no_framework_transport_or_sql = noClasses()
            .that().resideInAPackage("..fugitives.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "io.grpc..", "com.google.protobuf..", "java.sql..", "javax.sql..",
                    "org.chainbreaker.fugitives.v1..", "org.chainbreaker.common.v1..", "org.flywaydb..")
            .because("the domain holds records, rules and state machines only");

    @ArchTest
    static final ArchRule domain_depends_on_no_other_layer = noClasses()
            .that().resideInAPackage("..fugitives.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..fugitives.api..", "..fugitives.app..", "..fugitives.store..");

    @ArchTest
    static final ArchRule store_is_not_reached_from_the_api = noClasses()
            .that().resideInAPackage("..fugitives.api..")
            .should().dependOnClassesThat().resideInAPackage("..fugitives.store..")
            .because("endpoints translate and call use cases; transactions live in the app layer");

    @ArchTest
    static final ArchRule only_the_api_speaks_the_contract = classes()
            .that().resideInAnyPackage("..fugitives.app..", "..fugitives.store..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.chainbreaker.fugitives.v1..", "io.grpc..");
}
