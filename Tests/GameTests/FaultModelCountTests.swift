import SpecLanguage
import Testing
@testable import Game

/// Raw execution counts under every fault model, with and without lossy links: the closed forms
/// (`Adversary.rawExecutions`, built on `ExecutionCount` and each model's `continuations`)
/// against a literal enumeration of the adversary's choices and against counts written here
/// from the definitions in docs/semantics.md, independently of `Adversary`.
@Suite(.timeLimit(.minutes(5))) struct FaultModelCountTests {
    /// The small settings of the sweep for one model and `L`: n = 2...4, F = 0...min(2, n-1),
    /// R = 1...2, I = 2, with K = 2...3 messages (K matters to Byzantine faults only, so the
    /// other models are counted with K = 2).
    static func settings(_ kind: FaultKind, losses: Int) -> [(Setting, Int)] {
        var result: [(Setting, Int)] = []
        for n in 2...4 {
            for f in 0...min(2, n - 1) {
                for rounds in 1...2 {
                    for k in kind == .byzantine ? [2, 3] : [2] {
                        result.append((Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, faults: kind, losses: losses), k))
                    }
                }
            }
        }
        return result
    }

    /// Every model with L = 0, 1, 2.
    static let sweeps: [(FaultKind, Int)] = FaultKind.allCases.flatMap { kind in (0...2).map { (kind, $0) } }

    // MARK: Literal enumeration through the adversary's own choices

    /// Counts raw executions by calling `forEachFaultySet`, then `forEachRoundSchedule` round
    /// after round (memoized on what the rest of the game depends on: the round, who runs, who
    /// is faulty and the budget left), times `I^n` inputs.
    func enumerated(_ setting: Setting, messageCount k: Int) -> Double {
        let adversary = Adversary(setting, messageCount: k)
        struct Key: Hashable { var round: Int; var running: [Bool]; var faulty: [Bool]; var budget: Int }
        var memo: [Key: Double] = [:]
        func rest(_ round: Int, running: [Bool], faulty: [Bool], budget: Int) -> Double {
            if round > setting.rounds { return 1 }
            let key = Key(round: round, running: running, faulty: faulty, budget: budget)
            if let known = memo[key] { return known }
            var total = 0.0
            adversary.forEachRoundSchedule(running: running, faulty: faulty, budget: budget) { schedule, left in
                let after = adversary.arrivals(schedule, running: running, faulty: faulty).runningAfter
                var faultyAfter = faulty
                for p in running.indices where running[p] && !after[p] { faultyAfter[p] = true }
                total += rest(round + 1, running: after, faulty: faultyAfter, budget: left)
            }
            memo[key] = total
            return total
        }
        var sum = 0.0
        adversary.forEachFaultySet { faultySet in
            var faulty = [Bool](repeating: false, count: setting.processes)
            for p in faultySet { faulty[p] = true }
            sum += rest(1, running: adversary.initiallyRunning(faulty: faulty), faulty: faulty,
                        budget: setting.crashes - faultySet.count)
        }
        return pow(Double(setting.inputs), setting.processes) * sum
    }

    // MARK: Independent counts from the definitions

    func pow(_ base: Double, _ e: Int) -> Double { (0..<e).reduce(1.0) { r, _ in r * base } }

    func choose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0 && k <= n else { return 0 }
        var r = 1.0
        for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
        return r.rounded()
    }

    /// Ways to lose at most `L` of `links` delivered messages: `Σ_{j <= L} C(links, j)`.
    func lossSets(_ links: Int, _ losses: Int) -> Double {
        (0...losses).reduce(0.0) { $0 + choose(links, $1) }
    }

    /// Crash faults, by enumerating crash sets and every crasher's receivers as bit masks: with
    /// `a` alive and `x` crashing, `s = a - x` survivors exchange `s(s-1)` messages and each
    /// crasher's message reaches the survivors in its mask; losses pick among all of those.
    func crashCount(_ s: Setting) -> Double {
        func rounds(_ r: Int, alive: Int, budget: Int) -> Double {
            if r > s.rounds { return 1 }
            var total = 0.0
            for crashMask in 0..<(1 << alive) where crashMask.nonzeroBitCount <= budget {
                let x = crashMask.nonzeroBitCount, survivors = alive - x
                // One mask holds every crasher's receivers: x·s bits.
                for receiverMask in 0..<(1 << (x * survivors)) {
                    let delivered = survivors * (survivors - 1) + receiverMask.nonzeroBitCount
                    total += lossSets(delivered, s.losses) * rounds(r + 1, alive: survivors, budget: budget - x)
                }
            }
            return total
        }
        return pow(Double(s.inputs), s.processes) * rounds(1, alive: s.processes, budget: s.crashes)
    }

    /// Omission faults: `Σ_s C(n,s) · (Σ_d C(m,d) · lossSets(n(n-1) - d))^R · I^n`, where `m`
    /// is the number of links the model may drop with faulty set `{p0 … p(s-1)}`, counted here
    /// link by link; without losses the round factor is `2^m`.
    func omissionCount(_ s: Setting) -> Double {
        let n = s.processes
        var sum = 0.0
        for size in 0...s.crashes {
            var droppable = 0
            for p in 0..<n {
                for q in 0..<n where p != q {
                    let senderFaulty = p < size, receiverFaulty = q < size
                    switch s.faults {
                    case .sendOmission: if senderFaulty { droppable += 1 }
                    case .receiveOmission: if receiverFaulty { droppable += 1 }
                    default: if senderFaulty || receiverFaulty { droppable += 1 }
                    }
                }
            }
            var perRound = 0.0
            for d in 0...droppable { perRound += choose(droppable, d) * lossSets(n * (n - 1) - d, s.losses) }
            sum += choose(n, size) * pow(perRound, s.rounds)
        }
        return pow(Double(s.inputs), n) * sum
    }

    /// Byzantine faults: `b` Byzantine processes each send each of the `n-b` correct ones one of
    /// `K` messages or nothing (`x = b(n-b)` links); with `t` of them carrying a message, the
    /// round delivers `(n-b)(n-b-1) + t` messages, which losses pick among:
    /// `Σ_b C(n,b) · (Σ_t C(x,t) · K^t · lossSets((n-b)(n-b-1) + t))^R · I^n`.
    func byzantineCount(_ s: Setting, messageCount k: Int) -> Double {
        let n = s.processes
        var sum = 0.0
        for b in 0...s.crashes {
            let x = b * (n - b), correct = n - b
            var perRound = 0.0
            for t in 0...x { perRound += choose(x, t) * pow(Double(k), t) * lossSets(correct * (correct - 1) + t, s.losses) }
            sum += choose(n, b) * pow(perRound, s.rounds)
        }
        return pow(Double(s.inputs), n) * sum
    }

    func independent(_ s: Setting, messageCount k: Int) -> Double {
        switch s.faults {
        case .crash: return crashCount(s)
        case .sendOmission, .receiveOmission, .generalOmission: return omissionCount(s)
        case .byzantine: return byzantineCount(s, messageCount: k)
        }
    }

    // MARK: Tests

    @Test(arguments: sweeps)
    func closedFormsMatchLiteralEnumerationAndIndependentCounts(_ kind: FaultKind, losses: Int) {
        let settings = Self.settings(kind, losses: losses)
        #expect(settings.count == (kind == .byzantine ? 32 : 16))
        for (setting, k) in settings {
            let closed = Adversary(setting, messageCount: k).rawExecutions
            let label = "\(kind.name) n=\(setting.processes) F=\(setting.crashes) R=\(setting.rounds) L=\(losses) K=\(k)"
            #expect(closed == enumerated(setting, messageCount: k), "\(label): closed form vs enumeration")
            #expect(closed == independent(setting, messageCount: k), "\(label): closed form vs independent count")
        }
    }

    /// A few counts worked out by hand (I = 2, so every count carries `2^n` inputs).
    /// Faulty sets are enumerated as subsets of at most F processes, not as 2^n masks: at
    /// n = 63 (the engine's largest) with F = 1 there are 64 of them, at once.
    @Test func faultySetsAtTheLargestN() {
        let adversary = Adversary(Setting(processes: 63, crashes: 1, rounds: 1, inputs: 1, faults: .sendOmission), messageCount: 1)
        var sets: [[Int]] = []
        adversary.forEachFaultySet { sets.append($0) }
        #expect(sets.count == 64 && sets.first == [] && sets.last == [62])
        let crash = Adversary(Setting(processes: 63, crashes: 5, rounds: 1), messageCount: 1)
        var crashSets = 0
        crash.forEachFaultySet { _ in crashSets += 1 }
        #expect(crashSets == 1, "under crash faults no faulty set is chosen first")
    }

    @Test func handCounts() {
        func raw(_ kind: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, k: Int = 2) -> Double {
            Adversary(Setting(processes: n, crashes: f, rounds: rounds, faults: kind, losses: losses), messageCount: k).rawExecutions
        }
        // Crash, n=3 F=1 R=2: the classic 200 (docs/semantics.md).
        #expect(raw(.crash, n: 3, f: 1, rounds: 2) == 200)
        // Send omission, n=3 F=1 R=1: no faulty process (1 way), or one of 3 with its 2 outgoing
        // links droppable (2^2 = 4 ways each): 8 · (1 + 3·4) = 104. Receive omission is the
        // same count (2 incoming links each).
        #expect(raw(.sendOmission, n: 3, f: 1, rounds: 1) == 104)
        #expect(raw(.receiveOmission, n: 3, f: 1, rounds: 1) == 104)
        // General omission, n=3 F=1 R=1: a faulty process touches 6 - 2 = 4 links: 8 · (1 + 3·16) = 392.
        #expect(raw(.generalOmission, n: 3, f: 1, rounds: 1) == 392)
        // ... with :losses 1: no faulty process, 6 delivered messages, lose none or one: 7; one
        // faulty, d of its 4 links dropped, then none or one of the 6-d others lost:
        // Σ_d C(4,d)·(7-d) = 7·16 - 4·8 = 80. 8 · (7 + 3·80) = 1976.
        #expect(raw(.generalOmission, n: 3, f: 1, rounds: 1, losses: 1) == 1976)
        // Byzantine, n=3 F=1 R=1, K=2: one of 3 Byzantine, 2 links to correct processes, each
        // carrying 0, 1 or nothing: 3^2 = 9. 8 · (1 + 3·9) = 224; with K=3, 8 · (1 + 3·16) = 392.
        #expect(raw(.byzantine, n: 3, f: 1, rounds: 1) == 224)
        #expect(raw(.byzantine, n: 3, f: 1, rounds: 1, k: 3) == 392)
        // Crash without faults, n=3 R=1 :losses 1: 6 messages, lose none or one: 8 · 7 = 56.
        #expect(raw(.crash, n: 3, f: 0, rounds: 1, losses: 1) == 56)
        // Crash, n=2 F=1 R=1 :losses 1: no crash, lose none or one of 2 messages (3); p0 or p1
        // crashes and its message reaches the other (then is lost or not: 2) or not (1): 3
        // each, 6. Both may not crash (F=1). 4 · (3 + 6) = 36.
        #expect(raw(.crash, n: 2, f: 1, rounds: 1, losses: 1) == 36)
        // Send omission, n=2 F=1 R=2: no faulty process (1), or p0 or p1 faulty with its one
        // outgoing link droppable in each of 2 rounds (2^2 = 4 each): 4 · (1 + 2·4) = 36.
        #expect(raw(.sendOmission, n: 2, f: 1, rounds: 2) == 36)
    }

    /// The losses a setting allows never exceed the messages of a round: with `L >= n(n-1)`
    /// every subset of delivered messages may be lost.
    @Test func lossesBeyondARoundCountEverySubset() {
        let s = Setting(processes: 2, crashes: 0, rounds: 1, faults: .crash, losses: 2)
        // 2 messages, any subset lost: 4 · 4 = 16.
        #expect(Adversary(s, messageCount: 2).rawExecutions == 16)
        #expect(enumerated(s, messageCount: 2) == 16)
    }
}
