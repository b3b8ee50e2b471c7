import Game
import SpecLanguage
import Z3Kit

/// Reading a Z3 model of the encoding back as a concrete execution (which is then replayed
/// through the simulator by `SymbolicChecker`).
extension SymbolicEncoding {
    /// The execution a model of the last check chose, in the shape `Simulator.validate` takes
    /// for the setting's model: inputs; under crash faults the crash rounds, and as receivers
    /// of each crasher the survivors of its round that hear it; otherwise the faulty set and
    /// per round the dropped messages (omission) or the Byzantine messages to correct processes;
    /// with `:losses` the lost messages. Lists are sorted. The choices are per link, so the
    /// same execution serves a table by sender: the simulator puts a Byzantine message on its
    /// sender (`from(j)`), and a dropped or lost message makes `j`'s slot nothing, as the
    /// encoding's `from`/`none` literals say (`SymbolicChecker+Senders.swift`).
    /// - Returns: nil if the model does not give every adversary constant a value (a Z3 failure).
    func execution(in model: Z3Model) -> Execution? {
        var inputValues: [Int] = []
        for p in 0..<n {
            guard let input = inputs[p].firstIndex(where: { model.boolValue(of: $0) == true }) else { return nil }
            inputValues.append(input)
        }
        var rounds = [RoundSchedule](repeating: RoundSchedule(), count: setting.rounds)
        var faultySet: [Int] = []
        switch setting.faults {
        case .crash:
            guard let crashes = crashes(in: model) else { return nil }
            for (r, crashed) in crashes.enumerated() { rounds[r].crashes = crashed }
        case .sendOmission, .receiveOmission, .generalOmission, .byzantine:
            for p in 0..<n {
                guard let isFaulty = model.boolValue(of: faulty[p]) else { return nil }
                if isFaulty { faultySet.append(p) }
            }
            let isFaulty = (0..<n).map { faultySet.contains($0) }
            for r in 0..<setting.rounds {
                for p in 0..<n {
                    for q in 0..<n where q != p {
                        if setting.faults == .byzantine {
                            guard isFaulty[p] && !isFaulty[q] else { continue }
                            for (m, literal) in forged[r][p][q].enumerated() {
                                guard let sent = model.boolValue(of: literal) else { return nil }
                                if sent { rounds[r].forged.append(Forgery(sender: p, receiver: q, message: m)); break }
                            }
                        } else {
                            guard let arrived = model.boolValue(of: delivered[r][p][q]!) else { return nil }
                            if !arrived { rounds[r].drops.append(Link(p, q)) }
                        }
                    }
                }
            }
        }
        if !lost.isEmpty {
            for r in 0..<setting.rounds {
                for p in 0..<n {
                    for q in 0..<n where q != p {
                        guard let isLost = model.boolValue(of: lost[r][p][q]!) else { return nil }
                        if isLost { rounds[r].losses.append(Link(p, q)) }
                    }
                }
            }
        }
        return Execution(inputs: inputValues, faulty: faultySet, rounds: rounds)
    }

    /// Crash faults: each round's crashes in the model (receivers: the survivors of the
    /// crasher's round that hear it), or nil if a constant has no value.
    private func crashes(in model: Z3Model) -> [[Crash]]? {
        var crashRound: [Int] = []  // 0 = never
        for p in 0..<n {
            var round = 0
            for r in 1...setting.rounds {
                guard let flag = model.boolValue(of: alive[p][r]) else { return nil }
                if !flag { round = r; break }
            }
            crashRound.append(round)
        }
        var result = [[Crash]](repeating: [], count: setting.rounds)
        for p in 0..<n where crashRound[p] > 0 {
            let round = crashRound[p]
            var receivers: [Int] = []
            for q in 0..<n where q != p && (crashRound[q] == 0 || crashRound[q] > round) {
                guard let heard = model.boolValue(of: hears[p][q]!) else { return nil }
                if heard { receivers.append(q) }
            }
            result[round - 1].append(Crash(process: p, receivers: receivers))
        }
        return result
    }
}
