package dev.forkbook.kernel.jython;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One kernel per test class, for tests whose cells do not depend on each other. */
abstract class KernelTestBase {

    static JythonKernel kernel;

    @BeforeAll
    static void startKernel() {
        kernel = new JythonKernel();
    }

    @AfterAll
    static void stopKernel() {
        kernel.close();
    }
}
