# A file that holds no certificate: exit 65.
check-refutation Specs/consensus3-short.smt2 Specs/consensus3.smt2
