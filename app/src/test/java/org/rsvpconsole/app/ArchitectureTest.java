package org.rsvpconsole.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of docs/ARCHITECTURE.md, checked on the compiled classes of every module: the engine never sees
 * JavaFX or JDBC; persistence sees only the engine's API; the UI sees only the engine's API and the persistence
 * API; nothing but the app wires things together.
 */
class ArchitectureTest {

    private static JavaClasses production;

    /** Rules that hold for the production classes and are shown below to catch a violation. */
    static final ArchRule ENGINE_IS_HEADLESS = noClasses().that().resideInAPackage("org.rsvpconsole.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "javax.sql..",
            "org.rsvpconsole.persistence..", "org.rsvpconsole.ui..", "org.rsvpconsole.app..")
        .because("the engine runs in daemons and tests without a display or a database (design.md)");

    static final ArchRule PERSISTENCE_SEES_ENGINE_API_ONLY = noClasses()
        .that().resideInAPackage("org.rsvpconsole.persistence..")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "are engine internals, JavaFX, UI or app classes",
            c -> c.getPackageName().startsWith("javafx")
                || c.getPackageName().startsWith("org.rsvpconsole.ui")
                || c.getPackageName().startsWith("org.rsvpconsole.app")
                || (c.getPackageName().startsWith("org.rsvpconsole.engine")
                    && !c.getPackageName().startsWith("org.rsvpconsole.engine.api"))))
        .allowEmptyShould(true);

    static final ArchRule UI_SEES_APIS_ONLY = noClasses().that().resideInAPackage("org.rsvpconsole.ui..")
        .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "are engine internals, persistence internals or app classes",
            c -> c.getPackageName().startsWith("org.rsvpconsole.app")
                || (c.getPackageName().startsWith("org.rsvpconsole.engine")
                    && !c.getPackageName().startsWith("org.rsvpconsole.engine.api"))
                || (c.getPackageName().startsWith("org.rsvpconsole.persistence")
                    && !c.getPackageName().startsWith("org.rsvpconsole.persistence.api"))))
        .because("views and view models talk to the engine and the store through their APIs only (design.md)")
        .allowEmptyShould(true);

    static final ArchRule NOTHING_DEPENDS_ON_APP = noClasses().that().resideOutsideOfPackage("org.rsvpconsole.app..")
        .and().resideInAPackage("org.rsvpconsole..")
        .should().dependOnClassesThat().resideInAPackage("org.rsvpconsole.app..");

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rsvpconsole");
    }

    @Test
    void productionClassesWereFound() {
        assertTrue(production.contain("org.rsvpconsole.engine.codec.RsvpCodec"), "engine classes must be imported");
    }

    @Test
    void engineNeverSeesJavaFxOrJdbc() {
        ENGINE_IS_HEADLESS.check(production);
    }

    @Test
    void persistenceSeesOnlyTheEngineApi() {
        PERSISTENCE_SEES_ENGINE_API_ONLY.check(production);
    }

    @Test
    void uiSeesOnlyTheApis() {
        UI_SEES_APIS_ONLY.check(production);
    }

    @Test
    void nothingDependsOnTheApp() {
        NOTHING_DEPENDS_ON_APP.check(production);
    }

    /** The rules are not vacuous: a UI class that reaches into the codec is reported by the UI rule. */
    @Test
    void aBoundaryViolationIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importClasses(
            org.rsvpconsole.ui.archfixture.ViewModelReachingIntoCodec.class);
        EvaluationResult result = UI_SEES_APIS_ONLY.evaluate(fixture);
        assertTrue(result.hasViolation(), "a direct use of the codec from the UI must be reported");
        assertTrue(result.getFailureReport().toString().contains("RsvpCodec"), result.getFailureReport().toString());
    }
}
