verify Protocols/floodset.protocol Specs/consensus3.smt2
