# A protocol where the spec belongs (64).
verify Protocols/floodset.protocol Protocols/majority.protocol
