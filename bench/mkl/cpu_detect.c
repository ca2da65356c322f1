/*
 * Prints which code path oneMKL inside a libtorch_cpu.so picks on this processor: the value of
 * its mkl_serv_cpu_detect() (0: the generic "def" kernels MKL gives processors that are not
 * Intel's; larger: an Intel code path by the processor's features, 7 being AVX-512 in oneMKL
 * 2024). bench/mkl/run.sh runs it with and without native/mkl_feature_dispatch.c preloaded.
 *   cpu_detect LIBTORCH_CPU_SO
 */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: cpu_detect LIBTORCH_CPU_SO\n");
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (lib == NULL) {
        fprintf(stderr, "cpu_detect: %s\n", dlerror());
        return 1;
    }
    int (*detect)(void) = (int (*)(void)) dlsym(lib, "mkl_serv_cpu_detect");
    if (detect == NULL) {
        fprintf(stderr, "cpu_detect: %s has no mkl_serv_cpu_detect (not an MKL build?)\n", argv[1]);
        return 1;
    }
    printf("%d\n", detect());
    return 0;
}
