package org.nmt4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuThreadsTest {
    @Test
    void passive_isThePolicyOrAZeroSpinCount_andAnExplicitSpinCountOverridesThePolicy() {
        assertTrue(CpuThreads.waitsPassively(Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        assertTrue(CpuThreads.waitsPassively(Map.of("OMP_WAIT_POLICY", " passive ")));
        assertTrue(CpuThreads.waitsPassively(Map.of("GOMP_SPINCOUNT", "0")));
        assertFalse(CpuThreads.waitsPassively(Map.of()));
        assertFalse(CpuThreads.waitsPassively(Map.of("OMP_WAIT_POLICY", "ACTIVE")));
        assertFalse(
                CpuThreads.waitsPassively(
                        Map.of("OMP_WAIT_POLICY", "PASSIVE", "GOMP_SPINCOUNT", "300000")));
    }

    @Test
    void spinningWarning_onlyWithTwoOrMoreThreadsThatSpin_namingTheVariablesAndTheFix() {
        assertEquals(Optional.empty(), CpuThreads.spinningWarning(Map.of(), 1));
        assertEquals(
                Optional.empty(),
                CpuThreads.spinningWarning(Map.of("OMP_WAIT_POLICY", "PASSIVE"), 2));
        String w = CpuThreads.spinningWarning(Map.of("GOMP_SPINCOUNT", "300000"), 2).orElseThrow();
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
                        + " GOMP_SPINCOUNT=(unset)), allocator jemalloc",
                CpuThreads.summary(
                        Map.of(
                                "OMP_WAIT_POLICY",
                                "PASSIVE",
                                "LD_PRELOAD",
                                "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
                        2));
        assertEquals(
                "CPU: 1 intra-op thread(s), idle threads spin (OMP_WAIT_POLICY=(unset),"
                        + " GOMP_SPINCOUNT=(unset)), allocator glibc",
                CpuThreads.summary(Map.of(), 1));
        assertEquals(
                "tcmalloc",
                CpuThreads.allocator(Map.of("LD_PRELOAD", "/x/libtcmalloc_minimal.so.4")));
    }

    @Test
    void theTestJvm_runsWithThePassivePolicy_asSurefireSetsIt() {
        assertTrue(CpuThreads.waitsPassively(System.getenv()), System.getenv().toString());
    }
}
