show Protocols/commit.protocol --table Specs/commit3.smt2
