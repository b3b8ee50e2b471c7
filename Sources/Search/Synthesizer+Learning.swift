import Encoder
import Foundation
import Game
import Utilities

extension Synthesizer {
    /// Encoder input of `next` entry `e`: its observation's heard counts per message (`M` of
    /// them; the states when messages are states); by sender (identities), the process's index
    /// and what arrived from each other process, in order of its index relative to `id`.
    func encoderInput(_ e: Int) -> EncoderInput {
        let table = space.emptyTable
        let info = table.informationSet(ofEntry: e)
        if let id = info.id, let senders = info.observation.senders {
            let n = senders.processes
            return EncoderInput(ownState: info.state, id: id, senders: (1..<n).map { senders.from((id + $0) % n) },
                                messageCount: table.messageCount, round: info.round)
        }
        return EncoderInput(ownState: info.state, heard: info.observation.heardCounts(stateCount: table.messageCount),
                            missing: info.observation.missing, round: info.round)
    }

    /// Recomputes the policy of every `next` entry (uniform without an encoder).
    /// - Complexity: one batched forward pass over all `next` entries.
    func refreshPriors() {
        let k = space.stateCount
        let entries = space.emptyTable.next.count
        guard let encoder else {
            priors = [[Float]](repeating: [Float](repeating: 1 / Float(k), count: k), count: entries)
            return
        }
        let clock = Stopwatch()
        priors = encoder.predict((0..<entries).map(encoderInput)).map(\.policy)
        stats.encoderSeconds += clock.seconds
    }

    /// Prior over `actions` of entry `branch`: the encoder's policy for `next` entries, uniform
    /// otherwise (`init`, `send` over its messages, and `decide` over its `D` or, under early
    /// decision, `D + 1` actions: the encoder scores target states only).
    func prior(_ branch: Int, actions: [Int]) -> [Float] {
        guard case .next(let e) = space.entries[branch], useEncoderPrior else {
            return [Float](repeating: 1 / Float(actions.count), count: actions.count)
        }
        // Mixed with uniform so that a poorly trained encoder cannot starve an action.
        let floor = options.priorFloor / Float(space.stateCount)
        let p = actions.map { (1 - options.priorFloor) * priors[e][$0] + floor }
        let total = p.reduce(0, +)
        return total > 0 ? p.map { $0 / total } : [Float](repeating: 1 / Float(actions.count), count: actions.count)
    }

    /// AlphaZero-style target from a visited node: its children's visit distribution and its mean value.
    func recordExample(_ node: Int32) {
        guard encoder != nil, case .next(let e) = space.entries[Int(tree[node].branch)] else { return }
        var policy = [Float](repeating: 0, count: space.stateCount)
        var total: Float = 0
        var refuted = 0, visited = 0
        for child in tree.children(node) {
            if tree[child].status == .refuted { refuted += 1; continue }
            if tree[child].visits > 0 { visited += 1 }
            policy[Int(tree[child].action)] += Float(tree[child].visits)
            total += Float(tree[child].visits)
        }
        // Only informative targets: some action was refuted here, or visits were spread by
        // the search's values. (A single visited child only mirrors the prior's own order.)
        guard total > 0, refuted > 0 || visited > 1 else { return }
        let example = TrainingExample(input: encoderInput(e), policy: policy.map { $0 / total },
                                      value: tree.q(node, fallback: 0))
        remember(example)
    }

    private func remember(_ example: TrainingExample) {
        let capacity = 4096
        if trainingBuffer.count < capacity {
            trainingBuffer.append(example)
        } else {
            trainingBuffer[trainingCursor] = example
            trainingCursor = (trainingCursor + 1) % capacity
        }
    }

    /// One Adam step on a random batch of the replay buffer, then fresh priors.
    func train() {
        guard let encoder, trainingBuffer.count >= 8 else { return }
        let clock = Stopwatch()
        let batch = (0..<min(options.trainingBatch, trainingBuffer.count)).map { _ in
            trainingBuffer[Int.random(in: 0..<trainingBuffer.count, using: &random)]
        }
        encoder.train(batch)
        stats.trainingSteps += 1
        stats.encoderSeconds += clock.seconds
        refreshPriors()
    }
}
