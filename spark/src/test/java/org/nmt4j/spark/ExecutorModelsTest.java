package org.nmt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.model.search.DecodeConfig;
import org.nmt4j.translate.CopyModel;
import org.nmt4j.translate.TranslatorOptions;

class ExecutorModelsTest {
    private static final DecodeConfig GREEDY = new DecodeConfig(1, 0.6, 1.5, 5);

    private static String translate(ExecutorModels.Lease lease, String line) {
        return lease.translator(GREEDY, TranslatorOptions.DEFAULT)
                .translate(List.of(line))
                .get(0)
                .text();
    }

    @Test
    void consecutiveLeases_reuseOneModel() throws IOException {
        Path dir = CopyModel.directory();
        try (ExecutorModels models = new ExecutorModels()) {
            for (int task = 0; task < 5; task++) {
                try (ExecutorModels.Lease lease = models.lease(dir, Device.cpu())) {
                    assertEquals(
                            "the cat sat on the mat.", translate(lease, "the cat sat on the mat."));
                }
            }
            assertEquals(1, models.loads());
            assertEquals(1, models.idle());
        }
    }

    @Test
    void concurrentLeases_eachGetTheirOwnModel_andLaterLeasesReuseThem() throws IOException {
        Path dir = CopyModel.directory();
        try (ExecutorModels models = new ExecutorModels()) {
            ExecutorModels.Lease first = models.lease(dir, Device.cpu());
            ExecutorModels.Lease second =
                    models.lease(dir.resolve(".").resolve("../model"), Device.cpu());
            assertEquals(2, models.loads(), "two tasks at once: two slots, two models");
            first.close();
            second.close();
            second.close();
            assertEquals(2, models.idle(), "giving a lease back twice returns its model once");
            try (ExecutorModels.Lease third = models.lease(dir, Device.cpu());
                    ExecutorModels.Lease fourth = models.lease(dir, Device.cpu())) {
                assertEquals(2, models.loads());
                assertEquals(0, models.idle());
                assertNotSame(third, fourth);
            }
        }
    }

    @Test
    void close_closesIdleModelsNow_leasedOnesWhenGivenBack_andLaterLeasesLoadAnew()
            throws IOException {
        Path dir = CopyModel.directory();
        ExecutorModels models = new ExecutorModels();
        ExecutorModels.Lease kept = models.lease(dir, Device.cpu());
        models.lease(dir, Device.cpu()).close();
        assertEquals(1, models.idle());
        models.close();
        assertEquals(0, models.idle());
        assertEquals("we eat fish on friday.", translate(kept, "we eat fish on friday."));
        kept.close();
        assertEquals(0, models.idle(), "a model leased during close is closed when given back");
        assertThrows(IllegalStateException.class, () -> translate(kept, "x"));
        try (ExecutorModels.Lease again = models.lease(dir, Device.cpu())) {
            assertEquals(3, models.loads());
            assertEquals("we eat fish on friday.", translate(again, "we eat fish on friday."));
        }
        models.close();
    }

    @Test
    void ensembleLease_loadsItsModelsAsOne_pooledApartFromTheSingleModel() throws IOException {
        Path dir = CopyModel.directory().toAbsolutePath().normalize();
        try (ExecutorModels models = new ExecutorModels()) {
            try (ExecutorModels.Lease both = models.lease(List.of(dir, dir), Device.cpu());
                    ExecutorModels.Lease one = models.lease(dir, Device.cpu())) {
                assertEquals(List.of(dir, dir), both.model().directories());
                assertEquals(List.of(dir), one.model().directories());
                assertEquals(
                        translate(one, "we eat fish on friday."),
                        translate(both, "we eat fish on friday."),
                        "an ensemble of a model with itself translates as the model");
            }
            assertEquals(2, models.loads(), "the ensemble and the single model are pooled apart");
            try (ExecutorModels.Lease again = models.lease(List.of(dir, dir), Device.cpu())) {
                assertEquals(2, models.loads(), "the idle ensemble is reused");
            }
        }
    }
}
