import COpenBLAS

/// Thin wrapper over OpenBLAS: nothing above this target sees a C pointer.
public enum BLAS {
    /// Pins OpenBLAS to `count` threads (process-wide). Call once at start-up; results differ
    /// bitwise between thread counts, so reproducible runs use 1.
    public static func setThreads(_ count: Int) { openblas_set_num_threads(Int32(count)) }

    /// The OpenBLAS build string, for run records.
    public static var version: String {
        guard let config = openblas_get_config() else { return "OpenBLAS (unknown)" }
        return String(cString: config)
    }

    /// `C = alpha * op(A) * op(B) + beta * C` on row-major single-precision matrices.
    /// `A` is `m x k` (or `k x m` when `transposeA`), `B` is `k x n` (or `n x k` when
    /// `transposeB`), `C` is `m x n`.
    /// - Complexity: `2*m*n*k` flops in `cblas_sgemm`.
    /// - Precondition: buffer sizes match the shapes.
    public static func gemm(m: Int, n: Int, k: Int,
                            _ a: UnsafeBufferPointer<Float>, transposeA: Bool = false,
                            _ b: UnsafeBufferPointer<Float>, transposeB: Bool = false,
                            _ c: UnsafeMutableBufferPointer<Float>,
                            alpha: Float = 1, beta: Float = 0) {
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "gemm: buffer smaller than its shape")
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a.baseAddress, Int32(transposeA ? m : k),
                    b.baseAddress, Int32(transposeB ? k : n),
                    beta, c.baseAddress, Int32(n))
    }
}
