show Specs/commit4.smt2
