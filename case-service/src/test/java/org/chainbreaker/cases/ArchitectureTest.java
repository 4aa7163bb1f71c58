package org.chainbreaker.cases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.chainbreaker.cases", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_knows_no_framework_transport_or_sql = noClasses()
            .that().resideInAPackage("..cases.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "io.grpc..", "com.google.protobuf..", "java.sql..", "javax.sql..",
                    "org.chainbreaker.cases.v1..", "org.chainbreaker.common.v1..", "org.flywaydb..")
            .because("the domain holds records, rules and state machines only");

    @ArchTest
    static final ArchRule domain_depends_on_no_other_layer = noClasses()
            .that().resideInAPackage("..cases.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..cases.api..", "..cases.app..", "..cases.store..");

    @ArchTest
    static final ArchRule store_is_not_reached_from_the_api = noClasses()
            .that().resideInAPackage("..cases.api..")
            .should().dependOnClassesThat().resideInAPackage("..cases.store..")
            .because("endpoints translate and call use cases; transactions live in the app layer");

    @ArchTest
    static final ArchRule only_the_api_speaks_the_contract = classes()
            .that().resideInAnyPackage("..cases.app..", "..cases.store..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.chainbreaker.cases.v1..", "io.grpc..");
}
