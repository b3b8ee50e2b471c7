import Testing
@testable import BLASKit

@Suite(.serialized, .timeLimit(.minutes(5))) struct GemmTests {
    @Test func smallProductMatchesHandComputation() {
        BLAS.setThreads(1)
        let a: [Float] = [1, 2, 3, 4, 5, 6]          // 2x3
        let b: [Float] = [7, 8, 9, 10, 11, 12]       // 3x2
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            BLAS.gemm(m: 2, n: 2, k: 3, ap, bp, cp)
        } } }
        #expect(c == [58, 64, 139, 154])
    }

    @Test func transposedOperands() {
        let a: [Float] = [1, 4, 2, 5, 3, 6]          // 3x2, used as its transpose (2x3)
        let b: [Float] = [7, 9, 11, 8, 10, 12]       // 2x3, used as its transpose (3x2)
        var c = [Float](repeating: 1, count: 4)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            BLAS.gemm(m: 2, n: 2, k: 3, ap, transposeA: true, bp, transposeB: true, cp, beta: 1)
        } } }
        #expect(c == [59, 65, 140, 155])
    }
}
