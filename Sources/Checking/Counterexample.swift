import Game
import SpecLanguage

/// One concrete violating execution (docs/checking.md): inputs, crashes and who still hears them,
/// every process's state and observation each round, the decisions, and the failing property.
/// Only built through `Counterexample.replay`, which runs the simulator and re-evaluates the
/// spec, so a value of this type has been confirmed.
public struct Counterexample: Sendable {
    public var execution: Execution
    public var trace: Trace
    public var outcome: Outcome
    /// Index into `Spec.properties`.
    public var failedProperty: Int
    public var failedPropertyName: String
    /// State names of the protocol, for rendering.
    public var stateNames: [String]
    /// The setting it was replayed in (its `faultModel` words the adversary's choices).
    public var setting: Setting

    /// Why a claimed counterexample was not confirmed (an engine bug if it ever happens).
    public enum ReplayFailure: Error, Sendable, CustomStringConvertible {
        case badSchedule(Simulator.ScheduleError)
        case gap(ProtocolGap)
        case specHolds
        case specUnknown(String)
        /// An execution claimed to reach a gap (the symbolic checker's gap query) replays
        /// without one.
        case gapNotReached(Execution)
        public var description: String {
            switch self {
            case .badSchedule(let e): return "counterexample schedule does not fit the setting: \(e)"
            case .gap(let g): return "counterexample replay reached a gap: \(g)"
            case .specHolds: return "counterexample replay: the spec holds on the replayed outcome"
            case .specUnknown(let r): return "counterexample replay: Z3 could not decide the outcome (\(r))"
            case .gapNotReached(let e): return "the execution claimed to reach a gap replays without one: \(e)"
            }
        }
    }

    /// Replays `execution` through the simulator and re-evaluates the spec on the outcome.
    /// - Returns: the confirmed counterexample.
    /// - Throws: `ReplayFailure` when the execution does not violate the spec.
    public static func replay(_ execution: Execution, table: TransitionTable, spec: Spec,
                              evaluator: SpecEvaluator) throws(ReplayFailure) -> Counterexample {
        do { try Simulator.validate(execution, for: table.setting, messageCount: table.messageCount) } catch { throw .badSchedule(error) }
        let trace: Trace
        do { trace = try Simulator.run(table, execution) } catch { throw .gap(error) }
        let outcome = Simulator.outcome(table, execution, trace)
        switch evaluator.evaluate(outcome) {
        case .holds: throw .specHolds
        case .unknown(let reason): throw .specUnknown(reason)
        case .fails(let property):
            return Counterexample(execution: execution, trace: trace, outcome: outcome, failedProperty: property,
                                  failedPropertyName: spec.properties[property].name, stateNames: table.stateNames,
                                  setting: table.setting)
        }
    }
}
