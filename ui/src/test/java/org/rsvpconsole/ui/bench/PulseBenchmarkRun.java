package org.rsvpconsole.ui.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link PulseBenchmark} inside Maven's test classpath when asked ({@code -Dbenchmark="200 10000 1000 15 60"}),
 * which {@code build/pulse-benchmark.sh} does under Xvfb. Not a test: without the property it is skipped.
 */
class PulseBenchmarkRun {

    @Test
    void run() throws Exception {
        String args = System.getProperty("benchmark");
        assumeTrue(args != null, "run through build/pulse-benchmark.sh");
        System.out.println(PulseBenchmark.run(args.isBlank() ? new String[0] : args.trim().split("\\s+")));
    }
}
