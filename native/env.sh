# The native environment of a JVM that computes with libtorch on the CPU: how OpenMP threads wait,
# which C allocator serves tensors, and which kernels oneMKL picks. Sourced (not run) by ./nmt and
# by the benchmarks, so that what is measured is what ./nmt runs. It sets:
#   OMP_WAIT_POLICY, THP_MEM_ALLOC_ENABLE   exported (read by libgomp and libtorch as they load)
#   nmt_preload                             what LD_PRELOAD the JVM (and only the JVM) gets
# Needs: root (the checkout). Exits 2 with a one-line error on a bad NMT_MALLOC or NMT_MKL_DISPATCH.
#
#   NMT_MALLOC=auto|tcmalloc|jemalloc|glibc   default auto: tcmalloc when libtcmalloc-minimal4 is
#                                  installed, else glibc with transparent huge pages
#   NMT_MKL_DISPATCH=auto|features|vendor      default auto: features on AMD processors when a C
#                                  compiler is there to build native/mkl_feature_dispatch.c, else
#                                  vendor (MKL's own choice: its AVX2 kernels on AMD)

# libgomp's idle threads spin 300,000 times before they sleep: when another process holds a core,
# the spinning thread takes the time slices that the working one needs, and two threads train 7x
# slower than one (docs/BENCHMARKS.md, "Threads"). PASSIVE: an idle thread sleeps at once. Only read
# when libtorch loads, so it must be set before the JVM starts.
if [ -z "${OMP_WAIT_POLICY:-}" ] && [ -z "${GOMP_SPINCOUNT:-}" ]; then
  export OMP_WAIT_POLICY=PASSIVE
fi

# glibc gives every large tensor fresh pages from mmap and returns them with munmap when it is
# freed, so each training step faults in (and the kernel zeroes) hundreds of MB again: a quarter of
# the CPU time of a spa-eng training step. tcmalloc keeps freed memory for the next step (1.5-1.7x
# the tokens/s of glibc here); without it, libtorch's THP_MEM_ALLOC_ENABLE=1 (2 MB pages for large
# tensors, 512x fewer faults) gives 1.5x. jemalloc, as configured by default, was slower than
# glibc (docs/BENCHMARKS.md, "Make it faster").
export THP_MEM_ALLOC_ENABLE="${THP_MEM_ALLOC_ENABLE:-1}"
nmt_libdir=/usr/lib/x86_64-linux-gnu
nmt_preload="${LD_PRELOAD:-}"
case "${NMT_MALLOC:-auto}" in
  auto) [ ! -f "$nmt_libdir/libtcmalloc_minimal.so.4" ] || nmt_preload="$nmt_libdir/libtcmalloc_minimal.so.4${nmt_preload:+:$nmt_preload}" ;;
  jemalloc) nmt_lib="$nmt_libdir/libjemalloc.so.2"; nmt_pkg=libjemalloc2 ;;
  tcmalloc) nmt_lib="$nmt_libdir/libtcmalloc_minimal.so.4"; nmt_pkg=libtcmalloc-minimal4 ;;
  glibc) ;;
  *) echo "nmt: error: NMT_MALLOC=$NMT_MALLOC is not one of auto, tcmalloc, jemalloc, glibc" >&2; exit 2 ;;
esac
if [ -n "${nmt_lib:-}" ]; then
  if [ ! -f "$nmt_lib" ]; then
    echo "nmt: error: NMT_MALLOC=$NMT_MALLOC but $nmt_lib is not installed; apt-get install -y $nmt_pkg, or NMT_MALLOC=glibc" >&2
    exit 2
  fi
  nmt_preload="$nmt_lib${nmt_preload:+:$nmt_preload}"
fi

# oneMKL takes its AVX2 kernels on every processor that is not Intel's; with
# native/mkl_feature_dispatch.c preloaded it picks them by the processor's features, which on an
# AMD EPYC with AVX-512 multiplies fp32 matrices 2.3x as fast and trains 1.4x as fast
# (docs/BENCHMARKS.md, "MKL on AMD"). Built once into target/native with the system's C compiler.
nmt_mkl_src="$root/native/mkl_feature_dispatch.c"
nmt_mkl_lib="$root/target/native/libnmt4j_mkl_dispatch.so"
# nmt_build_mkl_dispatch: builds nmt_mkl_lib when it is missing or older than its source; fails
# (status 1, nothing half-written) without a C compiler or when the compiler fails
nmt_build_mkl_dispatch() {
  [ "$nmt_mkl_lib" -nt "$nmt_mkl_src" ] && return 0
  command -v cc >/dev/null 2>&1 || return 1
  mkdir -p "$(dirname "$nmt_mkl_lib")"
  cc -O2 -shared -fPIC -o "$nmt_mkl_lib.tmp.$$" "$nmt_mkl_src" 2>/dev/null &&
    mv -f "$nmt_mkl_lib.tmp.$$" "$nmt_mkl_lib" || { rm -f "$nmt_mkl_lib.tmp.$$"; return 1; }
}
case "${NMT_MKL_DISPATCH:-auto}" in
  auto)
    if grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo 2>/dev/null && nmt_build_mkl_dispatch; then
      nmt_preload="${nmt_preload:+$nmt_preload:}$nmt_mkl_lib"
    fi ;;
  features)
    if ! nmt_build_mkl_dispatch; then
      echo "nmt: error: NMT_MKL_DISPATCH=features needs a C compiler to build $nmt_mkl_src; apt-get install -y gcc, or NMT_MKL_DISPATCH=vendor" >&2
      exit 2
    fi
    nmt_preload="${nmt_preload:+$nmt_preload:}$nmt_mkl_lib" ;;
  vendor) ;;
  *) echo "nmt: error: NMT_MKL_DISPATCH=$NMT_MKL_DISPATCH is not one of auto, features, vendor" >&2; exit 2 ;;
esac
