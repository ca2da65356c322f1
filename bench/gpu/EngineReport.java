import ai.djl.Device;
import java.util.Map;
import java.util.Optional;
import org.nmt4j.model.runtime.EngineCheck;
import org.nmt4j.model.runtime.EngineFacts;
import org.nmt4j.model.runtime.GpuMemory;

/**
 * Step 1 of bench/gpu/run.sh (not a test): prints the engine and the device, and fails (exit 1)
 * with the reason when the device asked for is not usable.
 *
 * <pre>
 * java -cp CLASSPATH bench/gpu/EngineReport.java gpu|cpu
 * </pre>
 */
public final class EngineReport {
    private EngineReport() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Optional<String> setup = EngineCheck.beforeLoading(env);
        if (setup.isPresent()) {
            System.err.println("EngineReport: " + setup.get());
            System.exit(1);
        }
        boolean gpu = args.length > 0 && args[0].startsWith("gpu");
        EngineFacts facts = EngineFacts.read();
        System.out.println(facts.describe());
        if (gpu && facts.gpuCount() == 0) {
            System.err.println("EngineReport: a GPU was asked for, but " + EngineCheck.whyNoGpu(facts));
            System.exit(1);
        }
        Device device = gpu ? Device.gpu(0) : Device.cpu();
        System.out.println(
                "device "
                        + device
                        + GpuMemory.describe(device).map(m -> "; " + m).orElse("")
                        + (gpu ? "" : " (dry run: no GPU used)"));
        EngineCheck.unusedGpu(facts, device).ifPresent(w -> System.out.println("warning: " + w));
    }
}
