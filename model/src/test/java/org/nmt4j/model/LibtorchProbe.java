package org.nmt4j.model;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.nmt4j.model.runtime.EngineCheck;
import org.nmt4j.model.runtime.EngineFacts;

/**
 * Run in a child JVM by {@link BringYourOwnLibtorchTest}: checks the environment as {@code nmt}
 * does, loads libtorch, multiplies two vectors and prints what it found, one {@code key=value} per
 * line; or prints {@code problem=...} and exits with 2.
 */
public final class LibtorchProbe {
    private LibtorchProbe() {}

    /**
     * Probes.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Optional<String> problem = EngineCheck.beforeLoading(System.getenv());
        if (problem.isPresent()) {
            System.out.println("problem=" + problem.get());
            System.exit(2);
        }
        EngineFacts facts = EngineFacts.read();
        System.out.println("engine=" + facts.name());
        System.out.println("version=" + facts.version());
        System.out.println("library=" + facts.libraryPath());
        System.out.println("cuda=" + facts.cuda());
        System.out.println("cpuJar=" + facts.cpuLibtorchJar());
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            float dot = m.create(new float[] {1, 2}).dot(m.create(new float[] {2, 2})).getFloat();
            System.out.println("dot=" + dot);
        }
    }
}
