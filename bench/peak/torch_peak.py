"""The fp32 matmul peak of this machine through the torch of bench/reference (Debian's python3-torch,
OpenBLAS): GFLOP/s of N x N by N x N products, plain (BLAS) and through oneDNN's linear (the
reference's --gemm onednn), with T threads. Not a test; docs/BENCHMARKS.md compares it with
bench/peak/MatmulPeak.java (MKL inside DJL's libtorch).

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/peak/torch_peak.py [N] [THREADS] [REPEATS]
"""
import sys
import time

import torch


def median_gflops(f, n, repeats):
    f()
    rates = []
    for _ in range(repeats):
        t0, k = time.time(), 0
        while time.time() - t0 < 1.0:
            f()
            k += 1
        rates.append(2 * n ** 3 * k / (time.time() - t0) / 1e9)
    return sorted(rates)[len(rates) // 2]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    torch.set_num_threads(threads)
    a = torch.rand(n, n) * 2 - 1
    b = torch.rand(n, n) * 2 - 1
    am, bm = a.to_mkldnn(), b.t().contiguous().to_mkldnn()
    print(f"torch {torch.__version__} N={n} threads={threads} "
          f"blas_gflops={median_gflops(lambda: a @ b, n, repeats):.1f} "
          f"onednn_gflops={median_gflops(lambda: torch._C._nn.mkldnn_linear(am, bm, None), n, repeats):.1f}")


if __name__ == "__main__":
    main()
