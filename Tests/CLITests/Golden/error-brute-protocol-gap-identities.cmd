# A gap by sender: the notes evaluate from(0) at the process's id and senders, and name them.
verify --checker brute Specs/identities/coordinator-crash-n3-f1.smt2 Tests/CLITests/Fixtures/gap-identities.protocol
