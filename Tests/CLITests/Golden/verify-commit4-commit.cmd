verify Specs/commit4.smt2 Protocols/commit.protocol
