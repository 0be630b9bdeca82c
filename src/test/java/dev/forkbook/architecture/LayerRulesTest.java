package dev.forkbook.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of STYLE.md, checked on the compiled production classes. */
@AnalyzeClasses(packages = "dev.forkbook", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule kernel_api_depends_on_nothing_of_ours = noClasses()
            .that().resideInAPackage("dev.forkbook.kernel")
            .should().dependOnClassesThat().resideInAnyPackage("dev.forkbook.kernel.jython..",
                    "dev.forkbook.notebook..", "dev.forkbook.server..", "dev.forkbook.ui..",
                    "dev.forkbook.app..")
            .because("the kernel API is what every front end and implementation shares");

    @ArchTest
    static final ArchRule kernel_api_has_no_jython_javafx_or_http_types = noClasses()
            .that().resideInAPackage("dev.forkbook.kernel")
            .should().dependOnClassesThat().resideInAnyPackage("org.python..", "javafx..",
                    "io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..", "java.net.http..")
            .because("the kernel API speaks Jupyter's vocabulary in plain Java");

    @ArchTest
    static final ArchRule remote_kernel_is_the_kernel_api_over_http_and_nothing_else = noClasses()
            .that().resideInAPackage("dev.forkbook.kernel.remote..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.forkbook.kernel.jython..",
                    "dev.forkbook.server..", "dev.forkbook.ui..", "dev.forkbook.app..",
                    "javafx..", "io.javalin..", "org.eclipse.jetty..")
            .because("a remote kernel implements the kernel API with java.net.http alone, so any "
                    + "front end can use it in place of the embedded one");

    @ArchTest
    static final ArchRule only_kernel_jython_imports_jython = noClasses()
            .that().resideOutsideOfPackage("dev.forkbook.kernel.jython..")
            .should().dependOnClassesThat().resideInAPackage("org.python..")
            .because("Jython is an implementation detail behind the kernel API");

    @ArchTest
    static final ArchRule javafx_only_in_ui_and_app = noClasses()
            .that().resideOutsideOfPackages("dev.forkbook.ui..", "dev.forkbook.app..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the toolkit stays at the edge so the kernel and document run headless");

    @ArchTest
    static final ArchRule javalin_only_in_server = noClasses()
            .that().resideOutsideOfPackage("dev.forkbook.server..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("HTTP is one front end among others");

    @ArchTest
    static final ArchRule server_uses_only_kernel_and_notebook = noClasses()
            .that().resideInAPackage("dev.forkbook.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.forkbook.ui..",
                    "dev.forkbook.kernel.jython..", "dev.forkbook.app..")
            .because("the REST layer maps HTTP onto the kernel API and nothing else");

    @ArchTest
    static final ArchRule ui_reaches_the_kernel_only_through_its_api = noClasses()
            .that().resideInAPackage("dev.forkbook.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.forkbook.kernel.jython..",
                    "dev.forkbook.server..")
            .because("the window works with any kernel behind the API");

    @ArchTest
    static final ArchRule only_ui_fx_calls_run_later = noClasses()
            .that().resideOutsideOfPackage("dev.forkbook.ui.fx..")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("threads meet the FX thread at one named seam");

    @ArchTest
    static final ArchRule nothing_depends_on_app = noClasses()
            .that().resideOutsideOfPackage("dev.forkbook.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.forkbook.app..")
            .because("app is the composition root");

    @ArchTest
    static final ArchRule notebook_has_no_toolkit_or_interpreter = noClasses()
            .that().resideInAPackage("dev.forkbook.notebook..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.python..",
                    "dev.forkbook.kernel.jython..", "dev.forkbook.server..", "dev.forkbook.ui..")
            .allowEmptyShould(true)
            .because("the document is plain data and files");
}
