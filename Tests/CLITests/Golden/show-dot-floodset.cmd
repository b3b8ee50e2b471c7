show --dot Protocols/floodset.protocol
