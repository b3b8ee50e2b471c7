import Diagnostics
import Game
import ProtocolLanguage
import SpecLanguage

/// A Promela model of one protocol in one spec's setting (`ggms export --promela`), for SPIN.
///
/// The model is one `init` process that plays the whole bounded game of docs/semantics.md in
/// lock step: the adversary's choices are nondeterministic `if`s — every input, the faulty set
/// (every model but crash), then in each round the fault model's choices (crashers and who
/// still receives them; dropped messages; Byzantine messages) and the messages lost on links
/// (`:losses`) — and the processes' steps are deterministic `d_step`s that count what
/// arrived and apply the protocol's `next` rules in order, written from the protocol's guards.
/// Each round (and the choice of inputs and faulty set) is one `atomic` sequence, so SPIN
/// stores states only between rounds, where executions that reached the same configuration
/// merge (the round's scratch variables are reset for that).
/// At the end every property Promela can state is an `assert` over the outcome
/// (`PromelaProperties`); a gap (a reachable observation with no rule) fails `assert(!gap)`.
///
/// Schedules: along every path the model prints, with `printf`, the adversary's choices as the
/// JSON a counterexample of `ggms verify --json` holds (inputs, faulty set, per round crashes,
/// drops, forged and lost messages), on one line that starts with `GGMS-SCHEDULE `. SPIN does
/// not print during a search; replaying an error trail (`spin -t -T model.pml`) prints that line,
/// which `ggms simulate SPEC PROTOCOL --schedule FILE` runs.
///
/// Soundness: the model's executions are exactly the engine's (`Adversary`): the same choices
/// in the same order, so a SPIN error trail is an execution `Simulator` accepts, and SPIN
/// finding no assertion violation means every execution satisfies every stated property. A
/// property that could not be stated is not checked by the model at all (`unstated`).
public struct PromelaModel: Sendable {
    /// The model's text.
    public var text: String
    /// Every property of the spec, stated or not, in the spec's order.
    public var properties: [PromelaProperty]
    /// The properties the model does not assert (each with its reason).
    public var unstated: [PromelaProperty] { properties.filter { $0.expression == nil } }

    /// The marker that starts the schedule line a trail replay prints.
    public static let scheduleMarker = "GGMS-SCHEDULE "

    /// Writes the model of `proto` in `spec`'s setting (at `spec.setting.processes`).
    /// - Parameters:
    ///   - protocolFile: the protocol's path, for messages and the header.
    ///   - timeoutMilliseconds: Z3's bound on each property's equivalence check.
    /// - Throws: `Diagnostic(.badInput)` when the protocol does not fit the spec (as
    ///   `TransitionTable.compile` says); `.internalError` when Z3 fails.
    /// - Complexity: O(R · n² + size of the rules + size of the expanded properties) text,
    ///   plus one Z3 context and at most one Z3 query per property.
    public static func generate(spec: Spec, proto: ProtocolDefinition, protocolFile: String,
                                timeoutMilliseconds: UInt32 = 10_000) throws(Diagnostic) -> PromelaModel {
        let table = try TransitionTable.compile(proto, for: spec.setting, file: protocolFile)
        let properties = try PromelaProperties.translate(spec, timeoutMilliseconds: timeoutMilliseconds)
        let writer = PromelaModelWriter(spec: spec, proto: proto, table: table, protocolFile: protocolFile,
                                        properties: properties)
        return PromelaModel(text: writer.write(), properties: properties)
    }
}

/// Writes the model's text (`PromelaModel`); split by concern into the protocol's maps and
/// rules (`+Protocol`) and the adversary and its schedule line (`+Adversary`).
final class PromelaModelWriter {
    let spec: Spec
    let proto: ProtocolDefinition
    let table: TransitionTable
    let protocolFile: String
    let properties: [PromelaProperty]
    var out = PromelaText()

    init(spec: Spec, proto: ProtocolDefinition, table: TransitionTable, protocolFile: String, properties: [PromelaProperty]) {
        self.spec = spec
        self.proto = proto
        self.table = table
        self.protocolFile = protocolFile
        self.properties = properties
    }

    var setting: Setting { spec.setting }
    var n: Int { setting.processes }
    var messageCount: Int { table.messageCount }

    func write() -> String {
        header()
        declarations()
        protocolMaps()
        nextStateInline()
        out.open("init {")
        initBody()
        out.close("}")
        return out.text
    }

    private func header() {
        let s = setting
        let specFile = PromelaText.commentSafe(spec.file), protoFile = PromelaText.commentSafe(protocolFile)
        var what = "n=\(s.processes) F=\(s.crashes) R=\(s.rounds), \(s.faults.name) faults"
        if s.losses > 0 { what += ", up to \(s.losses) messages lost per round" }
        if s.earlyDecision { what += ", early decision" }
        if s.identities { what += ", identities" }
        out.add("""
        /* Promela model written by ggms export --promela
         *   spec      \(specFile)
         *   protocol  \(protoFile)\(proto.name.map { "  (\(PromelaText.commentSafe($0)))" } ?? "")
         *   setting   \(what); inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1)
         * One init process plays the whole game: the adversary's choices are nondeterministic ifs,
         * the processes' steps deterministic d_steps, and the spec's properties asserts at the end;
         * each round is atomic, so SPIN stores (and merges) states only between rounds.
         * Check it:  spin -a model.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan
         * Replay an error trail (prints the schedule for ggms simulate --schedule):
         *   spin -t -T model.pml | grep '^\(PromelaModel.scheduleMarker)' | cut -c\(PromelaModel.scheduleMarker.count + 1)-
         */

        #define N \(s.processes)      /* processes p0 .. p\(s.processes - 1) */
        #define F \(s.crashes)      /* most faulty processes */
        #define R \(s.rounds)      /* rounds */
        #define L \(s.losses)      /* most messages lost on links per round */
        #define M \(messageCount)      /* messages */
        #define NONE 255   /* no message */
        #define NODECISION (-1)

        """)
    }

    private func declarations() {
        out.add("""
        byte input[N];
        byte st[N];              /* each process's state (see the state names above INIT) */
        bool running[N];         /* has a state and takes steps: not crashed, not Byzantine */
        bool faulty[N];          /* correct(p) is !faulty[p] */
        short decision[N];       /* NODECISION when none */
        short dround[N];         /* the round it decided in, NODECISION when none */
        byte budget = F;         /* processes that may still become faulty */
        int lost;                /* messages lost on links so far */
        bool gap;                /* a process reached an observation no rule covers */
        byte round;
        /* scratch of one round, reset at its end so that equal states merge */
        byte rcv[N*N];           /* rcv[p*N+q]: the message q received from p, NONE for none */
        bool crash[N];           /* crash faults: crashes this round */
        bool reach[N*N];         /* crash faults: the crasher p's message still reaches q */
        bool drop[N*N];          /* omission faults: p's message to q is dropped */
        byte forge[N*N];         /* Byzantine faults: what p sends q, NONE for nothing */
        bool lose[N*N];          /* lossy links: p's message to q is lost */
        short lostNow;
        byte nxt[N];
        byte heard[M];
        byte miss;
        short p; short q;        /* short: loops run to N*N-1, past a byte from n = 16 */
        byte m;
        bool first; bool inner;  /* JSON: no comma before the first element */

        """)
    }

    private func initBody() {
        out.add("d_step {")
        out.add("  for (p : 0 .. N-1) { decision[p] = NODECISION; dround[p] = NODECISION }")
        out.add("  for (p : 0 .. N*N-1) { rcv[p] = NONE; forge[p] = NONE }")
        out.add("  p = 0")
        out.add("}")
        // Choices happen inside atomic sequences: SPIN stores states only between rounds,
        // where executions that reached the same configuration merge.
        out.open("atomic {")
        out.add("/* the adversary picks every process's input */")
        out.block("for (p : 0 .. N-1) {", "}") { o in
            o.add("if")
            for v in 0..<setting.inputs { o.add(":: input[p] = \(v)") }
            o.add("fi")
        }
        if setting.faults.choosesFaultySetFirst {
            out.add("/* ... and the faulty set, at most F processes, before round 1 */")
            out.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: budget > 0 -> faulty[p] = 1; budget--")
                o.add(":: true -> skip")
                o.add("fi")
            }
        }
        out.add("skip;")
        out.block("d_step {", "}") { o in
            let byzantine = setting.faults == .byzantine
            o.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("running[p] = \(byzantine ? "!faulty[p]" : "1");")
                o.add("if")
                o.add(":: running[p] -> st[p] = INIT(input[p])")
                o.add(":: else -> skip")
                o.add("fi")
            }
            if setting.earlyDecision { noteDecisions(&o, round: "0") }
            printScheduleHeader(&o)
            o.add("p = 0")
        }
        out.close("}")
        out.open("for (round : 1 .. R) {")
        out.open("atomic {")
        roundBody()
        out.close("}")
        out.close("}")
        out.add("skip;")
        out.block("d_step {", "}") { o in
            if !setting.earlyDecision {
                o.block("for (p : 0 .. N-1) {", "}") { o in
                    o.add("if")
                    o.add(":: running[p] && DECIDES(st[p]) -> decision[p] = DECISION(st[p]); dround[p] = R")
                    o.add(":: else -> skip")
                    o.add("fi")
                }
            }
            o.printf("]}\\n")
            o.add("p = 0")
        }
        out.add("/* a reachable observation no rule covers (ggms verify: exit 65) */")
        out.add("assert(!gap);")
        for (property, source) in zip(properties, spec.properties) {
            let name = PromelaText.commentSafe("\(property.name) (\(source.location))")
            if let expression = property.expression {
                out.add("/* \(name) */")
                out.add("assert(\(expression));")
            } else {
                out.add("/* not stated: \(name): \(PromelaText.commentSafe(property.reason ?? "")) */")
            }
        }
    }

    /// One round: the adversary's choices, the deliveries, the lossy links, the schedule, the
    /// steps, the scratch reset.
    private func roundBody() {
        adversaryChoices()
        out.add("skip;")
        out.block("d_step {", "}") { o in deliveries(&o) }
        if setting.losses > 0 { lossChoices() }
        out.add("skip;")
        out.block("d_step {", "}") { o in
            printRound(&o)
            steps(&o)
            if setting.earlyDecision { noteDecisions(&o, round: "round") }
            reset(&o)
        }
    }

    /// Under early decision: every running process not yet decided that is in a deciding
    /// state decides now (`DecisionRecord.note`).
    private func noteDecisions(_ o: inout PromelaText, round: String) {
        o.block("for (p : 0 .. N-1) {", "}") { o in
            o.add("if")
            o.add(":: running[p] && decision[p] == NODECISION && DECIDES(st[p]) -> decision[p] = DECISION(st[p]); dround[p] = \(round)")
            o.add(":: else -> skip")
            o.add("fi")
        }
    }

    /// Every process that takes a step counts what arrived and moves by the rules; then the
    /// crashers stop.
    private func steps(_ o: inout PromelaText) {
        let stepping = setting.faults == .crash ? "running[q] && !crash[q]" : "running[q]"
        o.block("for (q : 0 .. N-1) {", "}") { o in
            o.add("if")
            o.add(":: \(stepping) ->")
            o.add("  for (m : 0 .. M-1) { heard[m] = 0 }")
            o.add("  miss = N - 1;")
            o.add("  for (p : 0 .. N-1) {")
            o.add("    if")
            o.add("    :: rcv[p*N+q] != NONE -> heard[rcv[p*N+q]]++; miss--")
            o.add("    :: else -> skip")
            o.add("    fi")
            o.add("  }")
            o.add("  next_state()")
            o.add(":: else -> skip")
            o.add("fi")
        }
        o.block("for (p : 0 .. N-1) {", "}") { o in
            if setting.faults == .crash {
                o.add("if")
                o.add(":: crash[p] -> running[p] = 0; faulty[p] = 1; st[p] = 0")
                o.add(":: else -> skip")
                o.add("fi;")
            }
            o.add("if")
            o.add(":: running[p] -> st[p] = nxt[p]")
            o.add(":: else -> skip")
            o.add("fi")
        }
    }

    /// Clears the round's scratch so that states reached by different schedules merge.
    private func reset(_ o: inout PromelaText) {
        o.block("for (p : 0 .. N*N-1) {", "}") { o in
            o.add("rcv[p] = NONE; forge[p] = NONE; reach[p] = 0; drop[p] = 0; lose[p] = 0")
        }
        o.add("for (p : 0 .. N-1) { crash[p] = 0; nxt[p] = 0 }")
        o.add("for (m : 0 .. M-1) { heard[m] = 0 }")
        o.add("miss = 0; lostNow = 0; p = 0; q = 0; m = 0; first = 0; inner = 0")
    }
}
