package org.nmt4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each GPU set-up problem the project can detect gives one line naming the fix. */
class EngineCheckTest {
    @TempDir Path tmp;

    private Path libtorch(boolean cuda) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve(cuda ? "cu128/lib" : "cpu/lib"));
        Files.writeString(lib.resolve("libtorch.so"), "");
        if (cuda) {
            Files.writeString(lib.resolve("libtorch_cuda.so"), "");
        }
        return lib;
    }

    private static Map<String, String> env(Path lib, String flavor) {
        return flavor == null
                ? Map.of(EngineCheck.LIBRARY_PATH, lib.toString())
                : Map.of(EngineCheck.LIBRARY_PATH, lib.toString(), EngineCheck.FLAVOR, flavor);
    }

    private static EngineFacts facts(Set<String> caps, int gpus, boolean jar, boolean driver) {
        return new EngineFacts("PyTorch", "2.7.1", "/cache/2.7.1-cpu", caps, gpus, jar, driver);
    }

    @Test
    void matchingLibraryPathAndFlavour_orNoneAtAll_areFine() throws IOException {
        assertEquals(Optional.empty(), EngineCheck.beforeLoading(Map.of()));
        assertEquals(Optional.empty(), EngineCheck.beforeLoading(env(libtorch(true), "cu128")));
        assertEquals(Optional.empty(), EngineCheck.beforeLoading(env(libtorch(false), "cpu")));
    }

    @Test
    void libraryPathWithoutLibtorch_isNamed_becauseDjlWouldSilentlyIgnoreIt() {
        String m = EngineCheck.beforeLoading(env(tmp, "cu128")).orElseThrow();
        assertEquals(
                "PYTORCH_LIBRARY_PATH="
                        + tmp
                        + " holds no libtorch.so, so DJL ignores it: point it at the lib folder of"
                        + " the unpacked libtorch (.../libtorch/lib)",
                m);
    }

    @Test
    void libraryPathWithoutFlavour_asksForTheFlavourOfThatLibtorch() throws IOException {
        assertTrue(
                EngineCheck.beforeLoading(env(libtorch(true), null))
                        .orElseThrow()
                        .contains("set PYTORCH_FLAVOR=cu128 for the libtorch in"));
        assertTrue(
                EngineCheck.beforeLoading(env(libtorch(false), null))
                        .orElseThrow()
                        .contains("set PYTORCH_FLAVOR=cpu for the libtorch in"));
    }

    @Test
    void cudaFlavourOverACpuLibtorch_andTheReverse_areNamed() throws IOException {
        Path cpu = libtorch(false);
        assertEquals(
                "PYTORCH_FLAVOR=cu128 but "
                        + cpu
                        + " holds a CPU build of libtorch (no libtorch_cuda.so): unpack the"
                        + " libtorch 2.7.1 cu128 archive there, or set PYTORCH_FLAVOR=cpu",
                EngineCheck.beforeLoading(env(cpu, "cu128")).orElseThrow());
        assertTrue(
                EngineCheck.beforeLoading(env(libtorch(true), "cpu"))
                        .orElseThrow()
                        .endsWith(
                                "holds a CUDA build of libtorch: set PYTORCH_FLAVOR=cu128 to use"
                                        + " the GPU"));
    }

    @Test
    void noGpu_isExplainedByWhatWasLoaded() {
        assertTrue(
                EngineCheck.whyNoGpu(facts(Set.of("MKL"), 0, true, true))
                        .startsWith(
                                "this build bundles the CPU libtorch (pytorch-native-cpu);"
                                        + " build and run the GPU variant: NMT_GPU=1 ./nmt"));
        assertTrue(
                EngineCheck.whyNoGpu(facts(Set.of("MKL"), 0, false, true))
                        .startsWith("the libtorch in /cache/2.7.1-cpu is a CPU build"));
        assertTrue(
                EngineCheck.whyNoGpu(facts(Set.of("CUDA"), 0, false, true))
                        .startsWith("libtorch has CUDA but no GPU is visible"));
    }

    @Test
    void anNvidiaMachineTrainingOnTheCpu_isWarned_otherMachinesAreNot() {
        EngineFacts cpuBuild = facts(Set.of("MKL"), 0, true, true);
        assertTrue(
                EngineCheck.unusedGpu(cpuBuild, Device.cpu())
                        .orElseThrow()
                        .startsWith(
                                "this machine has an NVIDIA GPU, but it is not used: this"
                                        + " build bundles the CPU libtorch"));
        assertEquals(
                Optional.empty(),
                EngineCheck.unusedGpu(facts(Set.of("MKL"), 0, true, false), Device.cpu()));
        assertEquals(
                Optional.empty(),
                EngineCheck.unusedGpu(facts(Set.of("CUDA"), 1, false, true), Device.gpu(0)));
    }

    @Test
    void loadFailures_withAKnownCause_areExplained_othersAreNot() {
        EngineException offline =
                new EngineException(
                        "Failed to save pytorch index file",
                        new IOException("Offline mode is enabled."));
        assertTrue(
                EngineCheck.explainLoadFailure(offline, Map.of())
                        .orElseThrow()
                        .startsWith("libtorch is neither in the class path nor in DJL's cache"));
        EngineException link =
                new EngineException(
                        "Failed to load PyTorch native library",
                        new UnsatisfiedLinkError(
                                "/c/0.35.1-libdjl_torch.so: libc10_cuda.so: cannot open shared"
                                        + " object file: No such file or directory"));
        assertTrue(
                EngineCheck.explainLoadFailure(link, Map.of())
                        .orElseThrow()
                        .contains("libc10_cuda.so: cannot open shared object file"));
        assertEquals(
                Optional.empty(),
                EngineCheck.explainLoadFailure(new IllegalStateException("other"), Map.of()));
    }
}
