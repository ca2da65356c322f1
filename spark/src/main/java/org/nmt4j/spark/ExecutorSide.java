package org.nmt4j.spark;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nmt4j.model.runtime.Devices;
import org.nmt4j.translate.ModelLocator;
import org.nmt4j.translate.ModelNotFoundException;

/**
 * Resolves, on an executor, what the driver could only name: the model directory and the device.
 */
final class ExecutorSide {
    private ExecutorSide() {}

    /**
     * Finds the model directories, one per {@code --model} (several for an ensemble).
     *
     * @param settings the job settings
     * @return the model directories to load, in order
     * @throws ModelNotFoundException with a one-line message when one is missing
     */
    static List<Path> modelDirectories(JobSettings settings) throws ModelNotFoundException {
        List<Path> dirs = new ArrayList<>(settings.models().size());
        for (String model : settings.models()) {
            dirs.add(modelDirectory(model, settings.checkpoint()));
        }
        return dirs;
    }

    /**
     * Finds a model directory. A relative {@code --model} is looked up where Spark unpacks {@code
     * --archives} ({@link SparkFiles#getRootDirectory()}: the executor's working directory on a
     * cluster, a temporary directory in local mode), then in the working directory.
     */
    private static Path modelDirectory(String given, String checkpoint)
            throws ModelNotFoundException {
        Path model = Path.of(given);
        if (!model.isAbsolute()) {
            Path unpacked = Path.of(SparkFiles.getRootDirectory()).resolve(model);
            if (Files.isDirectory(unpacked)) {
                model = unpacked;
            }
        }
        if (!Files.isDirectory(model)) {
            throw new ModelNotFoundException(
                    "--model "
                            + given
                            + " is not a directory on executor "
                            + executorId()
                            + " (looked in "
                            + SparkFiles.getRootDirectory()
                            + " and "
                            + Path.of("").toAbsolutePath()
                            + "); ship it with --archives run.zip#"
                            + given
                            + " or give a path on a filesystem every executor mounts");
        }
        return ModelLocator.resolve(model, checkpoint);
    }

    /**
     * Resolves {@code --device} as every verb does ({@link Devices#resolve(String)}), except that
     * {@code gpu} and {@code auto} take the GPU Spark assigned to the task (resource {@code gpu})
     * when there is one.
     *
     * @param spec the {@code --device} value
     * @return the device
     * @throws IllegalArgumentException when the device is not available on this executor
     */
    static Device device(String spec) {
        TaskContext task = TaskContext.get();
        if (task != null && (spec.equals("gpu") || spec.equals("auto"))) {
            Map<String, ResourceInformation> resources = task.resourcesJMap();
            ResourceInformation gpu = resources.get("gpu");
            if (gpu != null && gpu.addresses().length > 0) {
                return Devices.resolve("gpu:" + gpu.addresses()[0]);
            }
        }
        return Devices.resolve(spec);
    }

    /**
     * Returns this JVM's executor id ({@code driver} in local mode).
     *
     * @return the id
     */
    static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "none" : env.executorId();
    }
}
