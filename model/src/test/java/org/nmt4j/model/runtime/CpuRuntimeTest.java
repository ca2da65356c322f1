package org.nmt4j.model.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuRuntimeTest {
    private static final CpuRuntime.Processor EPYC_ZEN4 = new CpuRuntime.Processor(true, true);

    @Test
    void passive_isThePolicyOrAZeroSpinCount_andAnExplicitSpinCountOverridesThePolicy() {
        assertTrue(CpuRuntime.waitsPassively(Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        assertTrue(CpuRuntime.waitsPassively(Map.of("OMP_WAIT_POLICY", " passive ")));
        assertTrue(CpuRuntime.waitsPassively(Map.of("GOMP_SPINCOUNT", "0")));
        assertFalse(CpuRuntime.waitsPassively(Map.of()));
        assertFalse(CpuRuntime.waitsPassively(Map.of("OMP_WAIT_POLICY", "ACTIVE")));
        assertFalse(
                CpuRuntime.waitsPassively(
                        Map.of("OMP_WAIT_POLICY", "PASSIVE", "GOMP_SPINCOUNT", "300000")));
    }

    @Test
    void spinningWarning_onlyWithTwoOrMoreThreadsThatSpin_namingTheVariablesAndTheFix() {
        assertEquals(Optional.empty(), CpuRuntime.spinningWarning(Map.of(), 1));
        assertEquals(
                Optional.empty(),
                CpuRuntime.spinningWarning(Map.of("OMP_WAIT_POLICY", "PASSIVE"), 2));
        String w = CpuRuntime.spinningWarning(Map.of("GOMP_SPINCOUNT", "300000"), 2).orElseThrow();
        assertTrue(
                w.startsWith(
                        "2 libtorch threads whose idle threads spin (OMP_WAIT_POLICY=(unset),"
                                + " GOMP_SPINCOUNT=300000)"),
                w);
        assertTrue(w.contains("set OMP_WAIT_POLICY=PASSIVE"), w);
    }

    @Test
    void summary_namesThreadsPolicyAndThePreloadedAllocator() {
        assertEquals(
                "CPU: 2 intra-op thread(s), idle threads sleep (OMP_WAIT_POLICY=PASSIVE,"
                        + " GOMP_SPINCOUNT=(unset)), allocator jemalloc, MKL kernels by vendor",
                CpuRuntime.summary(
                        Map.of(
                                "OMP_WAIT_POLICY",
                                "PASSIVE",
                                "LD_PRELOAD",
                                "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
                        2));
        assertEquals(
                "CPU: 1 intra-op thread(s), idle threads spin (OMP_WAIT_POLICY=(unset),"
                        + " GOMP_SPINCOUNT=(unset)), allocator glibc, MKL kernels by vendor",
                CpuRuntime.summary(Map.of(), 1));
        assertEquals(
                "tcmalloc",
                CpuRuntime.allocator(Map.of("LD_PRELOAD", "/x/libtcmalloc_minimal.so.4")));
    }

    @Test
    void theTestJvm_runsWithThePassivePolicy_asSurefireSetsIt() {
        assertTrue(CpuRuntime.waitsPassively(System.getenv()), System.getenv().toString());
    }

    @Test
    void summary_saysMklPicksByFeatures_whenTheDispatchLibraryIsPreloaded() {
        assertEquals(
                "CPU: 2 intra-op thread(s), idle threads sleep (OMP_WAIT_POLICY=PASSIVE,"
                        + " GOMP_SPINCOUNT=(unset)), allocator tcmalloc, MKL kernels by the"
                        + " processor's features",
                CpuRuntime.summary(
                        Map.of(
                                "OMP_WAIT_POLICY",
                                "PASSIVE",
                                "LD_PRELOAD",
                                "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4:"
                                        + "/src/target/native/libnmt4j_mkl_dispatch.so"),
                        2));
    }

    @Test
    void mklWarning_onlyOnAmdWithAvx512_withoutTheLibrary_unlessVendorIsAskedFor() {
        String w = CpuRuntime.mklWarning(Map.of(), EPYC_ZEN4).orElseThrow();
        assertTrue(w.startsWith("MKL runs its generic AVX2 kernels on this AMD processor"), w);
        assertTrue(w.contains("apt-get install -y gcc"), w);
        assertEquals(
                Optional.empty(),
                CpuRuntime.mklWarning(
                        Map.of("LD_PRELOAD", "/x/target/native/libnmt4j_mkl_dispatch.so"),
                        EPYC_ZEN4));
        assertEquals(
                Optional.empty(),
                CpuRuntime.mklWarning(Map.of("NMT_MKL_DISPATCH", "vendor"), EPYC_ZEN4));
        assertEquals(
                Optional.empty(),
                CpuRuntime.mklWarning(Map.of(), new CpuRuntime.Processor(true, false)));
        assertEquals(
                Optional.empty(),
                CpuRuntime.mklWarning(Map.of(), new CpuRuntime.Processor(false, true)));
    }

    @Test
    void processor_readsTheFirstVendorAndFlags_andAvx512MeansTheWholeFlagAvx512f() {
        assertEquals(
                new CpuRuntime.Processor(true, true),
                CpuRuntime.Processor.parse(
                        List.of(
                                "processor\t: 0",
                                "vendor_id\t: AuthenticAMD",
                                "model name\t: AMD EPYC",
                                "flags\t\t: fpu sse2 avx2 avx512f avx512_bf16",
                                "",
                                "processor\t: 1",
                                "vendor_id\t: GenuineIntel")));
        assertEquals(
                new CpuRuntime.Processor(false, false),
                CpuRuntime.Processor.parse(
                        List.of("vendor_id\t: GenuineIntel", "flags\t\t: avx2 avx512fx")));
        assertEquals(
                CpuRuntime.Processor.UNKNOWN,
                CpuRuntime.Processor.read(Path.of("/nonexistent/cpuinfo")));
    }
}
