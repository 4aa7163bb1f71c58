package org.chainbreaker.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.chainbreaker.cases.v1.AddPersonRequest;
import org.chainbreaker.cases.v1.Case;
import org.chainbreaker.cases.v1.CaseServiceGrpc.CaseServiceBlockingStub;
import org.chainbreaker.cases.v1.CreateCaseRequest;
import org.chainbreaker.cases.v1.CreateTechnicalAnalysisRequest;
import org.chainbreaker.cases.v1.ListPersonsRequest;
import org.chainbreaker.cases.v1.Person;
import org.chainbreaker.cases.v1.TechnicalAnalysis;
import org.chainbreaker.devstack.PostgresServer;

/**
 * What the protected-field tests write and read: a country's investigator, a case, a person with
 * protected fields, a technical analysis, and the database superuser's connection.
 */
final class ProtectedFieldSamples {

    private ProtectedFieldSamples() {}

    static String marker(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static CaseServiceBlockingStub investigator(String country) {
        String cc = country.toLowerCase();
        return RunningCaseService.casesAs(country, cc + "-investigator", "investigator");
    }

    static Case open(CaseServiceBlockingStub cases, String title) {
        return cases.createCase(
                CreateCaseRequest.newBuilder()
                        .setCase(
                                Case.newBuilder()
                                        .setTitle(title)
                                        .setCategory(Case.Category.INVESTMENT_FRAUD))
                        .build());
    }

    static Person addPerson(
            CaseServiceBlockingStub cases,
            Case c,
            String name,
            String description,
            String contact) {
        return cases.addPerson(
                AddPersonRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setPerson(
                                Person.newBuilder()
                                        .setRole(Person.Role.VICTIM)
                                        .setFullName(name)
                                        .setNationality("ID")
                                        .setBirthYear(1999)
                                        .setDescription(description)
                                        .setContact(contact))
                        .build());
    }

    static List<Person> persons(CaseServiceBlockingStub cases, Case c) {
        return cases.listPersons(ListPersonsRequest.newBuilder().setCaseId(c.getId()).build())
                .getPersonsList();
    }

    static TechnicalAnalysis analyse(
            CaseServiceBlockingStub cases, Case c, String title, String tool, String description) {
        return cases.createTechnicalAnalysis(
                CreateTechnicalAnalysisRequest.newBuilder()
                        .setCaseId(c.getId())
                        .setTechnicalAnalysis(
                                TechnicalAnalysis.newBuilder()
                                        .setKind(TechnicalAnalysis.Kind.DEEPFAKE_TOOL)
                                        .setTitle(title)
                                        .setToolName(tool)
                                        .setDescription(description))
                        .build());
    }

    static Connection superuser() throws SQLException {
        return PostgresServer.shared().superuserConnection("cases");
    }
}
