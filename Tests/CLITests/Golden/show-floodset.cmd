show Protocols/floodset.protocol
