package org.chainbreaker.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps, written once: {@code api} translates, {@code app} loads, asks
 * the domain, stores and emits, {@code domain} holds records and their rules, {@code store} speaks
 * SQL. A service's test applies them with {@code @ArchTest static final ArchTests layers =
 * ArchTests.in(ServiceLayers.class);} under {@code @AnalyzeClasses} of its own package, so the
 * patterns below name a layer of whichever service is analysed.
 */
public final class ServiceLayers {

    static final String DOMAIN = "org.chainbreaker.*.domain..";
    static final String APP = "org.chainbreaker.*.app..";
    static final String API = "org.chainbreaker.*.api..";
    static final String STORE = "org.chainbreaker.*.store..";
    static final String UPSTREAM = "org.chainbreaker.*.upstream..";

    /**
     * Generated contract classes of every service ({@code org.chainbreaker.cases.v1}, {@code
     * common.v1}, ...).
     */
    static final String CONTRACT = "org.chainbreaker.*.v1..";

    static final String[] SQL = {
        "java.sql..",
        "javax.sql..",
        "org.springframework.jdbc..",
        "org.springframework.dao..",
        "org.flywaydb.."
    };

    private ServiceLayers() {}

    @ArchTest
    static final ArchRule domain_knows_no_framework_transport_or_sql =
            noClasses()
                    .that()
                    .resideInAPackage(DOMAIN)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.springframework..",
                            "io.grpc..",
                            "com.google.protobuf..",
                            "java.sql..",
                            "javax.sql..",
                            CONTRACT,
                            "org.flywaydb..",
                            "io.github.resilience4j..")
                    .because("the domain holds records, rules and state machines only");

    @ArchTest
    static final ArchRule domain_depends_on_no_other_layer =
            noClasses()
                    .that()
                    .resideInAPackage(DOMAIN)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(API, APP, STORE, UPSTREAM);

    @ArchTest
    static final ArchRule the_app_layer_runs_no_sql =
            noClasses()
                    .that()
                    .resideInAPackage(APP)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(SQL)
                    .because(
                            "stores speak SQL and translate the database's refusals into outcomes");

    @ArchTest
    static final ArchRule the_api_translates_only =
            noClasses()
                    .that()
                    .resideInAPackage(API)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(SQL)
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAPackage(STORE)
                    .because(
                            "endpoints translate and call use cases; transactions live in the app layer");

    @ArchTest
    static final ArchRule only_the_api_speaks_the_contract =
            classes()
                    .that()
                    .resideInAnyPackage(APP, STORE)
                    .should()
                    .onlyDependOnClassesThat()
                    .resideOutsideOfPackages(CONTRACT, "io.grpc..", "io.github.resilience4j..");
}
