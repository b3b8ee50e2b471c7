# The spec and the protocol in the wrong order: said so (64), before either file is read.
verify Protocols/floodset.protocol Specs/consensus3.smt2
