package org.chainbreaker.fugitives;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.chainbreaker.platform.architecture.ServiceLayers;

@AnalyzeClasses(
        packages = "org.chainbreaker.fugitives",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest static final ArchTests layers = ArchTests.in(ServiceLayers.class);
}
