verify Specs/nonexistent.smt2 Protocols/floodset.protocol
