import Game

/// The adversary's choices, what then arrives, and the schedule line (the JSON of
/// `ggms verify --json`'s counterexample: `inputs`, `faulty`, per round `crashes`, `drops`,
/// `forged`, `losses`), in the order `Adversary` makes them.
extension PromelaModelWriter {
    /// The fault model's choices for one round (nondeterministic).
    func adversaryChoices() {
        switch setting.faults {
        case .crash:
            out.add("/* the adversary: who crashes this round (at most F in all) ... */")
            out.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: running[p] && budget > 0 -> crash[p] = 1; budget--")
                o.add(":: true -> skip")
                o.add("fi")
            }
            out.add("/* ... and which survivors still receive each crasher's message */")
            out.block("for (p : 0 .. N-1) {", "}") { o in
                o.block("for (q : 0 .. N-1) {", "}") { o in
                    o.add("if")
                    o.add(":: crash[p] && running[q] && !crash[q] -> reach[p*N+q] = 1")
                    o.add(":: true -> skip")
                    o.add("fi")
                }
            }
        case .sendOmission, .receiveOmission, .generalOmission:
            let droppable: String
            switch setting.faults {
            case .sendOmission: droppable = "faulty[p]"
            case .receiveOmission: droppable = "faulty[q]"
            default: droppable = "(faulty[p] || faulty[q])"
            }
            out.add("/* the adversary: which messages with a faulty \(setting.faults == .sendOmission ? "sender" : setting.faults == .receiveOmission ? "receiver" : "end") are dropped this round */")
            out.block("for (p : 0 .. N-1) {", "}") { o in
                o.block("for (q : 0 .. N-1) {", "}") { o in
                    o.add("if")
                    o.add(":: p != q && \(droppable) -> drop[p*N+q] = 1")
                    o.add(":: true -> skip")
                    o.add("fi")
                }
            }
        case .byzantine:
            out.add("/* the adversary: what each Byzantine process sends each correct one this round, or nothing */")
            out.block("for (p : 0 .. N-1) {", "}") { o in
                o.block("for (q : 0 .. N-1) {", "}") { o in
                    o.add("if")
                    for message in 0..<messageCount {
                        o.add(":: faulty[p] && running[q] -> forge[p*N+q] = \(message)")
                    }
                    o.add(":: true -> skip")
                    o.add("fi")
                }
            }
        }
    }

    /// `rcv` for every process that takes a step this round, before lossy links.
    func deliveries(_ o: inout PromelaText) {
        let steps = setting.faults == .crash ? "running[q] && !crash[q]" : "running[q]"
        let arrives: String
        switch setting.faults {
        case .crash: arrives = "running[p] && (!crash[p] || reach[p*N+q])"
        case .sendOmission, .receiveOmission, .generalOmission: arrives = "running[p] && !drop[p*N+q]"
        case .byzantine: arrives = "running[p]"
        }
        o.block("for (q : 0 .. N-1) {", "}") { o in
            o.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: p != q && \(steps) && \(arrives) -> rcv[p*N+q] = SEND(st[p])")
                if setting.faults == .byzantine {
                    o.add(":: p != q && \(steps) && !running[p] -> rcv[p*N+q] = forge[p*N+q]")
                }
                o.add(":: else -> skip")
                o.add("fi")
            }
        }
    }

    /// Lossy links: up to `L` of the messages that arrived are lost (nondeterministic).
    func lossChoices() {
        out.add("/* lossy links: up to L of this round's delivered messages are lost */")
        out.block("for (p : 0 .. N-1) {", "}") { o in
            o.block("for (q : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: rcv[p*N+q] != NONE && lostNow < L -> rcv[p*N+q] = NONE; lose[p*N+q] = 1; lostNow++; lost++")
                o.add(":: true -> skip")
                o.add("fi")
            }
        }
    }

    /// Prints `GGMS-SCHEDULE {"inputs":{…},"faulty":[…],"rounds":[` (the rounds follow).
    func printScheduleHeader(_ o: inout PromelaText) {
        o.printf(PromelaModel.scheduleMarker + "{\"inputs\":{")
        o.block("for (p : 0 .. N-1) {", "}") { o in
            o.add("if :: p > 0 -> printf(\",\") :: else -> skip fi;")
            o.printf("\"p%d\":%d", "p", "input[p]")
        }
        o.printf("}")
        if setting.faults.choosesFaultySetFirst {
            o.printf(",\"faulty\":[")
            o.add("first = 1;")
            o.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: faulty[p] ->")
                o.add("  if :: !first -> printf(\",\") :: else -> skip fi;")
                o.add("  first = 0;")
                o.add("  printf(\"\\\"p%d\\\"\", p)")
                o.add(":: else -> skip")
                o.add("fi")
            }
            o.printf("]")
        }
        o.printf(",\"rounds\":[")
    }

    /// Prints this round's `{"round":r,…}` (after a comma from round 2 on).
    func printRound(_ o: inout PromelaText) {
        o.add("if :: round > 1 -> printf(\",\") :: else -> skip fi;")
        o.printf("{\"round\":%d", "round")
        switch setting.faults {
        case .crash:
            o.printf(",\"crashes\":[")
            o.add("first = 1;")
            o.block("for (p : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: crash[p] ->")
                o.add("  if :: !first -> printf(\",\") :: else -> skip fi;")
                o.add("  first = 0;")
                o.add("  printf(\"{\\\"process\\\":\\\"p%d\\\",\\\"receivers\\\":[\", p);")
                o.add("  inner = 1;")
                o.add("  for (q : 0 .. N-1) {")
                o.add("    if")
                o.add("    :: reach[p*N+q] -> if :: !inner -> printf(\",\") :: else -> skip fi; inner = 0; printf(\"\\\"p%d\\\"\", q)")
                o.add("    :: else -> skip")
                o.add("    fi")
                o.add("  }")
                o.add("  printf(\"]}\")")
                o.add(":: else -> skip")
                o.add("fi")
            }
            o.printf("]")
        case .sendOmission, .receiveOmission, .generalOmission:
            printLinks(&o, key: "drops", array: "drop")
        case .byzantine:
            o.printf(",\"forged\":[")
            o.add("first = 1;")
            o.block("for (p : 0 .. N-1) {", "}") { o in
                o.block("for (q : 0 .. N-1) {", "}") { o in
                    o.add("if")
                    o.add(":: forge[p*N+q] != NONE ->")
                    o.add("  if :: !first -> printf(\",\") :: else -> skip fi;")
                    o.add("  first = 0;")
                    o.add("  printf(\"{\\\"from\\\":\\\"p%d\\\",\\\"to\\\":\\\"p%d\\\",\\\"message\\\":\", p, q);")
                    o.add("  if")
                    for (index, name) in proto.messageLabels.enumerated() {
                        o.add("  :: forge[p*N+q] == \(index) -> printf(\"\\\"\(name)\\\"}\")")
                    }
                    o.add("  fi")
                    o.add(":: else -> skip")
                    o.add("fi")
                }
            }
            o.printf("]")
        }
        if setting.losses > 0 { printLinks(&o, key: "losses", array: "lose") }
        o.printf("}")
    }

    /// Prints `,"KEY":[{"from":"pP","to":"pQ"},…]` for the links set in `array`.
    private func printLinks(_ o: inout PromelaText, key: String, array: String) {
        o.printf(",\"\(key)\":[")
        o.add("first = 1;")
        o.block("for (p : 0 .. N-1) {", "}") { o in
            o.block("for (q : 0 .. N-1) {", "}") { o in
                o.add("if")
                o.add(":: \(array)[p*N+q] ->")
                o.add("  if :: !first -> printf(\",\") :: else -> skip fi;")
                o.add("  first = 0;")
                o.add("  printf(\"{\\\"from\\\":\\\"p%d\\\",\\\"to\\\":\\\"p%d\\\"}\", p, q)")
                o.add(":: else -> skip")
                o.add("fi")
            }
        }
        o.printf("]")
    }
}
