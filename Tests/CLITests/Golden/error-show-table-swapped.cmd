# The spec given as FILE and the protocol as --table (64).
show Specs/consensus3.smt2 --table Protocols/floodset.protocol
