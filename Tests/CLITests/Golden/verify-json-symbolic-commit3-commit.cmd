verify --checker symbolic --json Specs/commit3.smt2 Protocols/commit.protocol
