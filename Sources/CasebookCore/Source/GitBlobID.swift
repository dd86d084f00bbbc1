/// Git's object id of a blob: SHA-1 over `blob <size>\0` and the bytes, as 40 hex digits.
/// It lets a working-tree file and the same content in a commit share one id.
package enum GitBlobID {
    package static func of(_ bytes: [UInt8]) -> String {
        var message = Array("blob \(bytes.count)\0".utf8)
        message.reserveCapacity(message.count + bytes.count + 72)
        message += bytes
        return SHA1.digest(padding: message).map(\.bigEndian).withUnsafeBytes { Hex.lowercase($0) }
    }
}

/// SHA-1 (FIPS 180-4), used only for git object ids, never for security.
enum SHA1 {
    /// The five digest words of `message`, which is padded in place (it is consumed).
    static func digest(padding message: consuming [UInt8]) -> [UInt32] {
        let bits = UInt64(message.count) * 8
        message.append(0x80)
        message += repeatElement(0, count: (64 + 56 - message.count % 64) % 64)
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }

        var h0: UInt32 = 0x6745_2301, h1: UInt32 = 0xEFCD_AB89, h2: UInt32 = 0x98BA_DCFE, h3: UInt32 = 0x1032_5476, h4: UInt32 = 0xC3D2_E1F0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            message.withUnsafeBufferPointer { bytes in
                for block in stride(from: 0, to: bytes.count, by: 64) {
                    for i in 0..<16 {
                        let at = block + 4 * i
                        w[i] = UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
                    }
                    for i in 16..<80 {
                        let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                        w[i] = x << 1 | x >> 31
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4
                    // Four loops of twenty rounds, one per round function: no branch per round.
                    func round(_ f: UInt32, _ k: UInt32, _ word: UInt32) {
                        let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
                        e = d
                        d = c
                        c = b << 30 | b >> 2
                        b = a
                        a = temp
                    }
                    for i in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, w[i]) }
                    for i in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, w[i]) }
                    for i in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, w[i]) }
                    for i in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, w[i]) }
                    h0 = h0 &+ a
                    h1 = h1 &+ b
                    h2 = h2 &+ c
                    h3 = h3 &+ d
                    h4 = h4 &+ e
                }
            }
        }
        return [h0, h1, h2, h3, h4]
    }
}
