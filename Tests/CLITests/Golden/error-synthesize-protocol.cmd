# synthesize given a protocol where the spec belongs (64), before the file is read.
synthesize Protocols/floodset.protocol
