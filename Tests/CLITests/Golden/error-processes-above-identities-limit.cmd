verify --processes 3...15 Specs/identities/broadcast-crash-n3-f1.smt2 Protocols/reliable-broadcast.protocol
