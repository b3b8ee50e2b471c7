import Checking
import ProtocolLanguage
import SpecLanguage
import Utilities

extension Synthesis {
    /// How far `rules` generalize (`Generalization`) and, where they hold at every larger n
    /// checked, whether they hold for every n at once (`EveryNSummary`; nil otherwise). With
    /// `options.jobs` above 1 both run at once (the every-n check on one thread, the larger n
    /// on the rest), and the every-n check is stopped and dropped when some n fails: the same
    /// answers as one after the other, sooner (unless a Z3 query runs out of its time bound,
    /// which depends on the load).
    /// - Throws: `.engine` when a check fails (a failed replay, Z3 failing).
    static func generalize(_ rules: ProtocolDefinition, spec: Spec, bound: Int,
                           options: SynthesisOptions) throws(SynthesisError) -> (Generalization, EveryNSummary?) {
        let work = GeneralizeWork(rules: rules, spec: spec, bound: bound, options: options)
        guard options.jobs > 1 else {
            let generalization = try work.larger(threads: 1, cancellation: options.cancellation).get()
            return (generalization, work.holds(generalization) ? try work.everyN(cancellation: options.cancellation).get() : nil)
        }
        return try CancellationToken.scoped(parent: options.cancellation, deadline: nil) {
            (dropEveryN: CancellationToken) throws(SynthesisError) -> (Generalization, EveryNSummary?) in
            let both = Parallel.map(2, threads: 2) { (task: Int) -> GeneralizeWork.Finding in
                if task == 1 { return .everyN(work.everyN(cancellation: dropEveryN)) }
                let generalization = work.larger(threads: options.jobs - 1, cancellation: options.cancellation)
                // Judged once, when the larger n are done, as one thread judges before it
                // starts the every-n check (a Ctrl-C after this keeps its interrupted answer).
                let holds = (try? generalization.get()).map(work.holds) ?? false
                if !holds { dropEveryN.cancel() }
                return .larger(generalization, holds: holds)
            }
            guard case .larger(let larger, let holds) = both[0], case .everyN(let everyN) = both[1] else {
                preconditionFailure("the tasks answer in order")
            }
            return (try larger.get(), holds ? try everyN.get() : nil)
        }
    }
}

/// The two checks of `Synthesis.generalize`, for any thread.
private struct GeneralizeWork: Sendable {
    let rules: ProtocolDefinition
    let spec: Spec
    let bound: Int
    let options: SynthesisOptions

    enum Finding: Sendable {
        case larger(Result<Generalization, SynthesisError>, holds: Bool)
        case everyN(Result<EveryNSummary, SynthesisError>)
    }

    func larger(threads: Int, cancellation: CancellationToken?) -> Result<Generalization, SynthesisError> {
        do throws(SearchFailure) {
            return .success(try Generalization.check(rules, spec: spec, bound: bound, solverTimeoutMilliseconds: options.solverTimeout,
                                                     threads: threads, cancellation: cancellation))
        } catch {
            return .failure(.engine(error.description))
        }
    }

    func everyN(cancellation: CancellationToken?) -> Result<EveryNSummary, SynthesisError> {
        do throws(SearchFailure) {
            return .success(try EveryNSummary.check(rules, spec: spec, cancellation: cancellation))
        } catch {
            return .failure(.engine("the every-n check of the compact rules failed: \(error)"))
        }
    }

    /// Whether the rules hold at every larger n checked and the run was not stopped: the
    /// every-n check is worth its answer.
    func holds(_ generalization: Generalization) -> Bool {
        generalization.failsAt == nil && generalization.undecidedAt == nil && options.cancellation?.isCancelled != true
    }
}
