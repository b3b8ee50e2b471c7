verify Specs/consensus4.smt2 Protocols/floodset.protocol
