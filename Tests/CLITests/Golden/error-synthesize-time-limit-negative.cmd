# A negative time limit reaches the check (not argument-parser's 'Missing value').
synthesize Specs/consensus3.smt2 --time-limit -5
