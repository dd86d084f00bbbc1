/// 64-bit FNV-1a: a fast, stable (not cryptographic) hash for ETags and report fingerprints.
package enum FNV1a {
    /// The standard offset basis.
    package static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `text`'s UTF-8 bytes, starting from `seed`, as 16 hex digits.
    package static func hex(_ text: String, seed: UInt64 = offsetBasis) -> String {
        var text = text
        return text.withUTF8 { hex(bytes: $0, seed: seed) }
    }

    /// The hash of `bytes`, starting from `seed`, as 16 hex digits. (Bytes in memory, not any
    /// sequence: a generic one is not specialized across modules, and answers of hundreds of
    /// kilobytes are hashed for their ETags.)
    package static func hex(bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offsetBasis) -> String {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return withUnsafeBytes(of: hash.bigEndian) { Hex.lowercase($0) }
    }
}
