show Protocols/floodset.protocol --table Specs/consensus3.smt2
