verify Specs/commit3.smt2 Protocols/commit.protocol
