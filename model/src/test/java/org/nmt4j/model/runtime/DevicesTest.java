package org.nmt4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every outcome of {@link Devices#resolve(String, boolean, int)}, messages included. */
class DevicesTest {

    private static String error(String spec, boolean cuda, int gpus) {
        return assertThrows(IllegalArgumentException.class, () -> Devices.resolve(spec, cuda, gpus))
                .getMessage();
    }

    @Test
    void auto_choosesGpu0_onlyWhenTheEngineHasCudaAndSeesAGpu() {
        assertEquals(Device.gpu(0), Devices.resolve("auto", true, 2));
        assertEquals(Device.cpu(), Devices.resolve("auto", true, 0));
        assertEquals(Device.cpu(), Devices.resolve("auto", false, 0));
        assertEquals(Device.cpu(), Devices.resolve("auto", false, 1));
    }

    @Test
    void cpu_isTheCpu_whateverTheEngineHas() {
        assertEquals(Device.cpu(), Devices.resolve("cpu", true, 4));
        assertEquals(Device.cpu(), Devices.resolve("cpu", false, 0));
    }

    @Test
    void gpuAndGpuN_mapToThatGpu_whenTheEngineSeesIt() {
        assertEquals(Device.gpu(0), Devices.resolve("gpu", true, 1));
        assertEquals(Device.gpu(0), Devices.resolve("gpu:0", true, 1));
        assertEquals(Device.gpu(1), Devices.resolve("gpu:1", true, 2));
    }

    @Test
    void aGpuOnACpuBuild_saysTheEngineHasNoCuda_andWhatToDo() {
        assertEquals(
                "gpu asked for, but the engine is a CPU build of libtorch (no CUDA); use auto or"
                        + " cpu, or put the CUDA build of libtorch on the classpath (README, GPU)",
                error("gpu", false, 0));
        assertEquals(
                "gpu:1 asked for, but the engine is a CPU build of libtorch (no CUDA); use auto or"
                        + " cpu, or put the CUDA build of libtorch on the classpath (README, GPU)",
                error("gpu:1", false, 2));
    }

    @Test
    void aGpuThatIsNotThere_saysHowManyTheEngineSees() {
        assertEquals(
                "gpu:1 asked for, but the engine sees 1 GPU(s) (gpu:0 to gpu:0); use auto or cpu,"
                        + " or a GPU that exists",
                error("gpu:1", true, 1));
        assertEquals(
                "gpu asked for, but the engine sees 0 GPU(s); use auto or cpu",
                error("gpu", true, 0));
    }

    @Test
    void aMalformedSpec_namesTheAcceptedForms() {
        for (String spec : List.of("tpu", "GPU", "gpu:", "gpu:-1", "gpu:x", "cuda:0", "")) {
            assertEquals(
                    "expected auto, cpu, gpu or gpu:N, got '" + spec + "'",
                    error(spec, true, 8),
                    spec);
        }
        assertEquals("expected auto, cpu, gpu or gpu:N, got ''", error(null, true, 8));
    }

    @Test
    void engineDescription_namesEngineVersionCapabilitiesAndGpus() {
        assertEquals(
                "PyTorch 2.7.1 (capabilities: MKL, OPENMP; 0 GPU(s) visible)",
                Devices.describeEngine("PyTorch", "2.7.1", List.of("MKL", "OPENMP"), 0));
        assertEquals(
                "PyTorch 2.7.1 (capabilities: none; 2 GPU(s) visible)",
                Devices.describeEngine("PyTorch", "2.7.1", List.of(), 2));
    }
}
