/*
 * libnmt4j_mkl_dispatch.so: makes oneMKL choose its kernels by what the processor can do.
 *
 * The libtorch in DJL's pytorch-native-cpu jar links oneMKL 2024.0 statically, and its sgemm
 * (every Linear layer and attention product, about 70% of a training step) asks
 * mkl_serv_intel_cpu_true() before it looks at the processor's features: on any processor that is
 * not Intel's it takes the AVX2 "def" kernels, even where AVX-512 is there. libtorch_cpu.so calls
 * that function through its procedure linkage table, so a library loaded first with LD_PRELOAD
 * answers instead; MKL then picks the kernels by the CPUID feature bits as it does on Intel
 * processors (AVX-512 on AMD Zen 4, AVX2 on Zen 2 and 3). ./nmt builds this file with the system's
 * C compiler and preloads it on AMD processors (native/env.sh; docs/BENCHMARKS.md, "MKL on AMD").
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
