/// The values of a case that list filters compare (tags, priority, type, automation status,
/// owner, requirements) folded into 64 bits, two bits per value chosen by its hash. A case list
/// keeps the signatures side by side, so a filter passes over a case whose signature lacks a bit
/// it needs without reading the case itself: scanning 100,000 cases then touches a few pages of
/// signatures instead of 100,000 objects spread over the heap. Bits are hints, never answers: a
/// case whose signature has every bit may still fail the filter and is checked in full.
enum CaseSignature {
    /// The facets a filter can ask about; a value's bits depend on its facet too.
    enum Facet: UInt8 {
        case tag, priority, type, automation, owner, requirement
    }

    /// The signature of a case with these values.
    static func of(tags: [String], priority: String, type: String, automation: AutomationStatus, owner: String?, requirements: [String]) -> UInt64 {
        var signature = bits(.priority, priority) | bits(.type, type) | bits(.automation, automation.rawValue) | bits(.owner, owner ?? "")
        for tag in tags { signature |= bits(.tag, tag) }
        for requirement in requirements { signature |= bits(.requirement, requirement) }
        return signature
    }

    /// The two bits `value` of `facet` sets: with two, a value whose bit a frequent value shares
    /// still filters. Hashes differ between runs; signatures never leave the process.
    static func bits(_ facet: Facet, _ value: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(facet.rawValue)
        hasher.combine(value)
        let hash = UInt64(UInt(bitPattern: hasher.finalize()))
        return 1 << (hash & 63) | 1 << (hash >> 6 & 63)
    }
}

/// What a ``CaseQuery`` needs of a case's ``CaseSignature``: every bit of `required` (tags, the
/// requirement, a filter with one allowed value), and for a filter with several allowed values
/// (`priority=high&priority=critical`) both bits of one of them.
struct SignatureFilter {
    private var required: UInt64 = 0
    private var alternatives: [[UInt64]] = []

    init(_ query: CaseQuery) {
        for tag in query.tags { required |= CaseSignature.bits(.tag, tag) }
        if let requirement = query.requirement { required |= CaseSignature.bits(.requirement, requirement) }
        add(.priority, query.priorities)
        add(.type, query.types)
        add(.automation, query.automation.map(\.rawValue))
        add(.owner, query.owners)
    }

    private mutating func add(_ facet: CaseSignature.Facet, _ values: [String]) {
        let masks = values.map { CaseSignature.bits(facet, $0) }
        if masks.count == 1 { required |= masks[0] } else if !masks.isEmpty { alternatives.append(masks) }
    }

    /// Whether a case with `signature` may pass the query; `false` means it cannot.
    func admits(_ signature: UInt64) -> Bool {
        guard signature & required == required else { return false }
        return alternatives.allSatisfy { masks in masks.contains { signature & $0 == $0 } }
    }
}
