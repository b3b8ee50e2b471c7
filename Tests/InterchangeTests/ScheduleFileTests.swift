import Diagnostics
import Game
import Interchange
import Testing

/// `ScheduleFile` reads the counterexample JSON of every fault model into the execution the
/// engine runs, and locates what is wrong in a bad one.
@Suite(.timeLimit(.minutes(5))) struct ScheduleFileTests {
    @Test func readsEveryModelsLists() throws {
        let crash = Setting(processes: 3, crashes: 1, rounds: 2)
        let c = try ScheduleFile.read("""
            {"inputs": {"p2": 1, "p0": 0, "p1": 1}, "rounds": [{"round": 1, "crashes": [{"process": "p1", "state": "1", "receivers": ["p2", "p0"]}], "steps": []}, {"crashes": []}]}
            """, file: "s.json", setting: crash, messageNames: ["0", "1"])
        #expect(c == Execution(inputs: [0, 1, 1], rounds: [RoundSchedule(crashes: [Crash(process: 1, receivers: [0, 2])]), RoundSchedule()]))

        let omission = Setting(processes: 3, crashes: 1, rounds: 1, faults: .sendOmission, losses: 1)
        let o = try ScheduleFile.read("""
            {"inputs": [0, 0, 1], "faulty": ["p0"], "rounds": [{"drops": [{"from": "p0", "to": "p2"}, {"from": "p0", "to": "p1"}], "losses": [{"from": "p2", "to": "p1"}]}]}
            """, file: "s.json", setting: omission, messageNames: ["0", "1"])
        #expect(o == Execution(inputs: [0, 0, 1], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 1), Link(0, 2)], losses: [Link(2, 1)])]))

        let byzantine = Setting(processes: 4, crashes: 1, rounds: 1, faults: .byzantine)
        let b = try ScheduleFile.read("""
            {"counterexample": {"inputs": [0, 0, 1, 1], "faulty": ["p3"], "rounds": [{"forged": [{"from": "p3", "to": "p1", "message": "b"}, {"from": "p3", "to": "p0", "message": "a"}]}]}}
            """, file: "s.json", setting: byzantine, messageNames: ["a", "b"])
        #expect(b.rounds[0].forged == [Forgery(sender: 3, receiver: 0, message: 0), Forgery(sender: 3, receiver: 1, message: 1)])
    }

    @Test func errorsNameTheirPlace() {
        let setting = Setting(processes: 3, crashes: 1, rounds: 1)
        func error(_ text: String) -> Diagnostic? {
            do { _ = try ScheduleFile.read(text, file: "s.json", setting: setting, messageNames: ["0", "1"]) } catch { return error }
            return nil
        }
        let syntax = error("{\"inputs\": [0, 1, 1],\n  \"rounds\" [] }")
        #expect(syntax?.line == 2 && syntax?.column == 12 && syntax?.message.contains("expected ':'") == true)
        let input = error("{\"inputs\": [0, 1, 2], \"rounds\": [{}]}")
        #expect(input?.message.contains("an input outside 0..1") == true)
        let message = error("{\"inputs\": [0, 1, 1], \"rounds\": [{\"forged\": [{\"from\": \"p0\", \"to\": \"p1\", \"message\": \"z\"}]}]}")
        #expect(message?.column == 84 && message?.message.contains("is not a message of the protocol") == true)
        let noInputs = error("{\"rounds\": []}")
        #expect(noInputs?.message.contains("no \"inputs\" member") == true)
        let dropUnderCrash = error("{\"inputs\": [0, 1, 1], \"rounds\": [{\"drops\": [{\"from\": \"p0\", \"to\": \"p1\"}]}]}")
        #expect(dropUnderCrash?.message.contains("crash faults neither drop nor forge messages") == true)
        #expect(error("{\"inputs\": [0, 1, 1], \"rounds\": [{}]} x")?.message.contains("text after the JSON value") == true)
    }
}
