import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * The fp32 matrix-multiplication peak of this machine through the libtorch that nmt4j trains with
 * (not a test): the GFLOP/s of N×N by N×N float32 products (2·N³ floating-point operations each),
 * with as many intra-op threads as {@code -Dai.djl.pytorch.num_threads} gives. The denominator of
 * the model FLOPs utilisation in docs/BENCHMARKS.md.
 *
 * <p>Usage (bench/run.sh runs it): {@code java -cp CLASSPATH bench/peak/MatmulPeak.java [N]
 * [REPEATS]}, default N=2048 and 7 repeats of about one second each after a warm-up; prints one
 * line, {@code matmul N=2048 threads=T median_gflops=X best_gflops=Y}.
 */
public final class MatmulPeak {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double flops = 2.0 * n * n * (double) n;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(n, n));
            int perRun = Math.max(1, multiplies(a, b, 1.0));
            double[] gflops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < perRun; i++) {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0); // wait for the product
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                gflops[r] = flops * perRun / seconds / 1e9;
            }
            Arrays.sort(gflops);
            System.out.printf(
                    Locale.ROOT,
                    "matmul N=%d threads=%d median_gflops=%.1f best_gflops=%.1f%n",
                    n,
                    Engine.getInstance().getEngineName().equals("PyTorch")
                            ? Integer.getInteger("ai.djl.pytorch.num_threads", -1)
                            : -1,
                    gflops[repeats / 2],
                    gflops[repeats - 1]);
        }
    }

    /** Warms up for about {@code seconds} and returns how many products fit in that time. */
    private static int multiplies(NDArray a, NDArray b, double seconds) {
        long t0 = System.nanoTime();
        int count = 0;
        while ((System.nanoTime() - t0) / 1e9 < seconds) {
            try (NDArray c = a.matMul(b)) {
                c.getFloat(0, 0);
            }
            count++;
        }
        return count;
    }
}
