# A spec whose :expect is wrong: the answer (no protocol, exit 1) says that it contradicts it.
synthesize Tests/CLITests/Fixtures/consensus3-short-expects-realizable.smt2 --output - --quiet --no-encoder --seed 3
