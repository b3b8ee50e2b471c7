import Diagnostics
import Game
import ProtocolLanguage
import SpecLanguage
import Testing

/// Compiling protocols that read `id` and `from(…)`: tables by sender (one row per id), every
/// entry equal to the rules' first match, and a located error without identities.
@Suite(.timeLimit(.minutes(5))) struct CompileIdentityTests {
    static let coordinator = """
        protocol coordinator
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          from(round - 1) == 0 -> 0
          from(round - 1) == 1 -> 1
          otherwise -> self
        """

    func compile(_ text: String, _ setting: Setting) throws(Diagnostic) -> TransitionTable {
        try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "t.protocol"), for: setting, file: "t.protocol")
    }

    @Test func rulesThatReadSendersMakeATableBySender() throws {
        let setting = Setting(processes: 3, crashes: 1, rounds: 3, identities: true)
        let t = try compile(Self.coordinator, setting)
        #expect(t.bySender && t.ids == 3 && t.roundAware)
        let proto = try ProtocolDefinition.parse(Self.coordinator, file: "t.protocol")
        for e in t.next.indices {
            let info = t.informationSet(ofEntry: e)
            let id = try #require(info.id)
            let senders = try #require(info.observation.senders)
            #expect(senders.receiver == id)
            let from = (0..<3).map { $0 == id ? t.message(of: info.state) : senders.from($0) }
            let context = GuardContext(round: info.round ?? 1, state: info.state, heard: (0..<2).map(info.observation.heard),
                                       missing: info.observation.missing, processes: 3, crashes: 1, id: id, from: from)
            #expect(t.next[e] == UInt8(proto.nextState(in: context)!))
        }
        // Round 1 reads process 0, round 2 process 1; the coordinator itself reads its own state.
        let heardOne = SenderObservation(from: [1, nil, 0], receiver: 2).counted(messageCount: 2)
        #expect(t.nextState(round: 1, id: 2, state: 0, observation: heardOne) == 1)
        #expect(t.nextState(round: 2, id: 2, state: 0, observation: heardOne) == 0)   // nothing from 1: keep
        let own = SenderObservation(from: [nil, 0, 0], receiver: 0).counted(messageCount: 2)
        #expect(t.nextState(round: 1, id: 0, state: 1, observation: own) == 1)        // from(0) is its own message
    }

    @Test func countRulesStayCountedUnderIdentities() throws {
        let floodset = "states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n  heard(0) >= 1 -> 0\n  otherwise -> self\n"
        let t = try compile(floodset, Setting(processes: 3, crashes: 1, rounds: 2, identities: true))
        #expect(!t.bySender && t.ids == 1)
        // Observations with senders are looked up by their counts.
        let o = SenderObservation(from: [nil, 0, 1], receiver: 0).counted(messageCount: 2)
        #expect(t.nextState(round: 1, id: 0, state: 1, observation: o) == 0)
    }

    @Test func readingSendersWithoutIdentitiesIsALocatedError() {
        do {
            _ = try compile(Self.coordinator, Setting(processes: 3, crashes: 1, rounds: 3))
            Issue.record("compiled without identities")
        } catch {
            #expect(error.line == 6 && error.column == 3, "\(error)")
            #expect(error.message.contains("expected `(set-info :identities true)`"), "\(error)")
        }
    }

    @Test func tooManyEntriesBySenderIsALocatedErrorNamingTheBound() {
        // 12 processes, 3 messages: the 4^11 radix fits, but 3 rounds × 12 ids × 3 states × the
        // observations exceed the entries bound.
        let relay = "states 0 1 2\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1, 2 -> 0\nnext\n  round == 1 and from(0) == 0 -> 0\n  otherwise -> self\n"
        let setting = Setting(processes: 12, crashes: 6, rounds: 3, identities: true)
        do {
            _ = try compile(relay, setting)
            Issue.record("compiled a table above the entries bound")
        } catch {
            #expect(error.line == 5 && error.column == 3, "\(error)")
            #expect(error.message.contains("expected at most 33,554,432") && error.message.contains("--processes"), "\(error)")
        }
    }

    @Test(arguments: [(3, 1, 2), (4, 1, 3), (5, 2, 2), (6, 5, 3), (7, 0, 1)])
    func bySenderCountAndDecodingAgreeWithTheSpace(n: Int, f: Int, m: Int) {
        let space = ObservationSpace(processes: n, maxMissing: f, stateCount: m, kind: .bySender)
        #expect(ObservationSpace.bySenderCount(processes: n, maxMissing: f, stateCount: m) == space.count)
        var from = [Int?](repeating: nil, count: n), heard = [Int](repeating: 0, count: m)
        for o in 0..<space.count {
            for id in 0..<n {
                let observation = space.observation(at: o, id: id)
                let missing = space.decodeSenders(at: o, id: id, from: &from, heard: &heard)
                let senders = observation.senders!
                #expect(missing == observation.missing && heard == (0..<m).map(observation.heard))
                #expect((0..<n).filter { $0 != id }.allSatisfy { from[$0] == senders.from($0) })
            }
        }
    }

    @Test func aGapOfACountedTableUnderIdentitiesIsDescribedByCounts() throws {
        let partial = "states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n  heard(0) >= 2 -> 0\n"
        let setting = Setting(processes: 3, crashes: 1, rounds: 2, identities: true)
        let t = try compile(partial, setting)
        #expect(!t.bySender)
        do {
            _ = try Simulator.step(t, round: 1, states: [1, 1, 1], schedule: RoundSchedule(), faulty: [false, false, false])
            Issue.record("no gap")
        } catch {
            #expect(error.observation.senders == nil && error.id == nil)
            #expect(error.description.contains("heard(0)=0 heard(1)=2 missing=0"), "\(error)")
        }
    }
}
