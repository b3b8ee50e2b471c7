# A protocol over counts under identities compiles to one set of entries for every id.
show Protocols/floodset.protocol --table Specs/identities/coordinator-crash-n3-f1.smt2
