/// Bytes as lowercase hex digits, two per byte: git object ids, digests and hashes all read so.
package enum Hex {
    /// `bytes` as lowercase hex digits, two per byte (`0x0f` is `0f`).
    package static func lowercase(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            let digits: StaticString = "0123456789abcdef"
            for (index, byte) in bytes.enumerated() {
                text[2 * index] = digits.utf8Start[Int(byte >> 4)]
                text[2 * index + 1] = digits.utf8Start[Int(byte & 0x0f)]
            }
            return 2 * bytes.count
        }
    }

    /// `bytes` as lowercase hex digits, two per byte.
    package static func lowercase(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { lowercase($0) }
    }
}
