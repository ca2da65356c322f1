package org.nmt4j.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevicesTest {
    private static final Path FILE = Path.of("configs/x.yaml");

    @Test
    void auto_choosesTheFirstGpuWhenThereIsOne_elseTheCpu() {
        assertEquals(Device.cpu(), Devices.resolve("auto", 0, FILE));
        assertEquals(Device.gpu(0), Devices.resolve("auto", 2, FILE));
    }

    @Test
    void explicitDevices_mapToDjlDevices() {
        assertEquals(Device.cpu(), Devices.resolve("cpu", 1, FILE));
        assertEquals(Device.gpu(0), Devices.resolve("gpu", 1, FILE));
        assertEquals(Device.gpu(1), Devices.resolve("gpu:1", 2, FILE));
    }

    @Test
    void aGpuThatIsNotThere_isAConfigErrorNamingTheDeviceKey() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Devices.resolve("gpu:1", 1, FILE));
        assertEquals("device", e.keyPath());
        assertTrue(e.getMessage().contains("sees 1 GPU(s)"), e.getMessage());
    }
}
