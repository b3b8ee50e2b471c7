verify Specs/consensus3.smt2 Protocols/nonexistent.protocol
