# Under identities a table by sender lists its entries per id, naming each sender's message.
show Protocols/rotating-coordinator.protocol --table Specs/identities/coordinator-crash-n3-f1.smt2
