/// Which of a run's counters mean something for it, so that a record leaves out a counter that
/// does not apply instead of writing 0 (a CEGIS run has no tree to freeze, a run without the
/// encoder trains nothing). One table, read by every writer of run records.
extension SynthesisStats {
    public enum Field: String, CaseIterable, Sendable {
        case iterations, checkerCalls, poolRejections, poolConflicts, conflicts, symbolicConflicts, cubeConflicts
        case solverChecks, freezes, restarts, backtracks, backjumps, trainingSteps, treeNodes
        case checkerSeconds, encoderSeconds, solverSeconds, simplifySeconds, totalSeconds, simplifiedEntries, maxFrozen
        case sharedSchedules, cubeResplits
    }

    /// Whether `field` applies to a run with `options` that ended `found` or not.
    public static func applies(_ field: Field, options o: SynthesisOptions, found: Bool) -> Bool {
        let tree = o.strategy.usesTree
        let encoder = tree && o.useEncoder && o.strategy != .dfs
        switch field {
        case .iterations, .checkerCalls, .conflicts, .checkerSeconds, .totalSeconds: return true
        case .poolRejections, .poolConflicts: return o.usesPool
        case .symbolicConflicts, .solverChecks: return o.usesSymbolicLearning
        case .solverSeconds: return o.usesSymbolicLearning || o.strategy == .cegis
        case .cubeConflicts: return tree && o.jobs > 1
        case .sharedSchedules: return o.jobs > 1 && (o.usesSymbolicLearning || o.usesPool || o.strategy == .cegis)
        case .cubeResplits: return o.jobs > 1
        case .freezes, .maxFrozen: return tree && o.usesDFS
        case .restarts: return tree && o.usesDFS && o.strategy != .dfs && o.restartBase > 0
        case .treeNodes: return tree
        case .backtracks, .backjumps: return tree && o.usesDFS
        case .trainingSteps, .encoderSeconds: return encoder
        case .simplifySeconds, .simplifiedEntries: return found && o.simplify
        }
    }

    /// The counter's value: an `Int` or a `Double` (seconds).
    public func value(_ field: Field) -> any Encodable & Sendable {
        switch field {
        case .iterations: return iterations
        case .checkerCalls: return checkerCalls
        case .poolRejections: return poolRejections
        case .poolConflicts: return poolConflicts
        case .conflicts: return conflicts
        case .symbolicConflicts: return symbolicConflicts
        case .cubeConflicts: return cubeConflicts
        case .solverChecks: return solverChecks
        case .freezes: return freezes
        case .restarts: return restarts
        case .backtracks: return backtracks
        case .backjumps: return backjumps
        case .trainingSteps: return trainingSteps
        case .treeNodes: return treeNodes
        case .checkerSeconds: return checkerSeconds
        case .encoderSeconds: return encoderSeconds
        case .solverSeconds: return solverSeconds
        case .simplifySeconds: return simplifySeconds
        case .totalSeconds: return totalSeconds
        case .simplifiedEntries: return simplifiedEntries
        case .maxFrozen: return maxFrozen
        case .sharedSchedules: return sharedSchedules
        case .cubeResplits: return cubeResplits
        }
    }
}

extension SynthesisStats {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads a record's counters; a counter left out (it did not apply) reads as 0.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: Key.self)
        func int(_ f: Field) throws -> Int { try c.decodeIfPresent(Int.self, forKey: Key(stringValue: f.rawValue)) ?? 0 }
        func real(_ f: Field) throws -> Double { try c.decodeIfPresent(Double.self, forKey: Key(stringValue: f.rawValue)) ?? 0 }
        iterations = try int(.iterations)
        checkerCalls = try int(.checkerCalls)
        poolRejections = try int(.poolRejections)
        poolConflicts = try int(.poolConflicts)
        conflicts = try int(.conflicts)
        symbolicConflicts = try int(.symbolicConflicts)
        cubeConflicts = try int(.cubeConflicts)
        solverChecks = try int(.solverChecks)
        freezes = try int(.freezes)
        restarts = try int(.restarts)
        backtracks = try int(.backtracks)
        backjumps = try int(.backjumps)
        trainingSteps = try int(.trainingSteps)
        treeNodes = try int(.treeNodes)
        checkerSeconds = try real(.checkerSeconds)
        encoderSeconds = try real(.encoderSeconds)
        solverSeconds = try real(.solverSeconds)
        simplifySeconds = try real(.simplifySeconds)
        totalSeconds = try real(.totalSeconds)
        simplifiedEntries = try int(.simplifiedEntries)
        maxFrozen = try int(.maxFrozen)
        sharedSchedules = try int(.sharedSchedules)
        cubeResplits = try int(.cubeResplits)
    }

    /// Writes the counters that apply to a run with `options` (`applies`), and no others.
    public func encode(to encoder: any Encoder, options: SynthesisOptions, found: Bool) throws {
        var c = encoder.container(keyedBy: Key.self)
        for field in Field.allCases where Self.applies(field, options: options, found: found) {
            try c.encode(value(field), forKey: Key(stringValue: field.rawValue))
        }
    }
}
