package io.partnersettlement;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The engine's package boundaries: no two packages depend on each other, directly or around a circle, and the workbook
 * toolkit knows nothing of the jobs. The layers, lowest first, are in docs/design.md ("Packages").
 */
class ArchitectureTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importTheEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.partnersettlement");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.partnersettlement.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theWorkbookToolkitDependsOnNothingOfTheJobs() {
        classes().that().resideInAPackage("io.partnersettlement.workbook..").should().onlyDependOnClassesThat(
                resideInAnyPackage("io.partnersettlement.workbook..", "io.partnersettlement.fault..")
                        .or(resideOutsideOfPackage("io.partnersettlement.."))).check(engine);
    }

    /**
     * The rules take values and return values: no database, no Spring, no clock (docs/design.md, "Rules and
     * repositories"); their repositories and services read and write.
     */
    @Test
    void theRulesArePure() {
        noClasses().that(simpleName("IncentiveDetailGenerator").or(simpleName("IncentiveRates"))
                        .or(simpleName("FreezeFacts")).or(simpleName("FreezeReason")).or(simpleName("MilestoneSplit"))
                        .or(simpleName("DetailKey")).or(simpleName("PerformanceRule"))
                        .or(simpleName("ConsumptionClassifier")).or(simpleName("PeriodCloses"))
                        .or(simpleName("StatementFigures")).or(simpleName("FxRates")).or(simpleName("StatementTransitions"))
                        .or(simpleName("ManualFreezeRule")).or(simpleName("Money")))
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                        .or(simpleName("Clock")))
                .check(engine);
    }
}
