import Foundation

extension RunsController {
    /// One element of the bulk body: a ``Result`` with its slot's case and device beside its members.
    struct SlotResultBody {
        var `case`: String
        var device: String?
        var result: Result
    }

    /// Reads the bulk body, `{"results": [{"case": "SHOP-1", "device": "web", "status": "passed", …}]}`,
    /// with a ``JSONReader``: `JSONDecoder` took about a second for 100,000 results. A member this
    /// route does not know is refused, as ``JSONBody/decode(_:from:)`` refuses one.
    static func readResults(_ reader: inout JSONReader) throws(JSONReader.Failure) -> [SlotResultBody] {
        var results: [SlotResultBody]?
        try reader.object(at: "the body") { reader, key throws(JSONReader.Failure) in
            guard key == "results" else {
                reader.refuse(JSONBody.unknownMember(key, in: nil, members: ["results"]))
                return try reader.skipValue()
            }
            var elements: [SlotResultBody] = []
            try reader.array(at: "results") { reader, index throws(JSONReader.Failure) in
                elements.append(try readSlotResult(&reader, index: index))
            }
            results = elements
        }
        guard let results else {
            reader.refuse(JSONReader.Failure(message: "results is missing"))
            return []
        }
        return results
    }

    /// A bulk result takes the members of a single one but the version and the step results,
    /// which are the runner's.
    private static let slotMembers = ["case", "device"] + Result.CodingKeys.allCases.filter { $0 != .version && $0 != .steps }.map(\.stringValue)

    private static func readSlotResult(_ reader: inout JSONReader, index: Int) throws(JSONReader.Failure) -> SlotResultBody {
        func path(_ member: String) -> String { "results[\(index)].\(member)" }
        var caseID: String?, device: String?, status: String?, notes: String?, defects: [String]?
        var duration: Double?, startedAt: Date?, finishedAt: Date?
        var seen: UInt16 = 0
        try reader.object(at: "results[\(index)]") { reader, key throws(JSONReader.Failure) in
            if let bit = slotMembers.firstIndex(of: key) {
                if seen & 1 << bit != 0 { reader.refuse(JSONBody.givenTwice(path(key))) }
                seen |= 1 << bit
            }
            switch key {
            case "case": caseID = try reader.string(at: path(key))
            case "status": status = try reader.string(at: path(key))
            case "device": device = try reader.null() ? nil : reader.string(at: path(key))
            case "notes": notes = try reader.null() ? nil : reader.string(at: path(key))
            case "duration": duration = try reader.null() ? nil : reader.number(at: path(key))
            case "startedAt": startedAt = try reader.null() ? nil : readDate(&reader, at: path(key))
            case "finishedAt": finishedAt = try reader.null() ? nil : readDate(&reader, at: path(key))
            case "defects":
                guard try !reader.null() else { return defects = nil }
                var links: [String] = []
                try reader.array(at: path(key)) { reader, position throws(JSONReader.Failure) in
                    links.append(try reader.string(at: path("defects[\(position)]")))
                }
                defects = links
            default:
                reader.refuse(JSONBody.unknownMember(key, in: "results[\(index)]", members: slotMembers))
                try reader.skipValue()
            }
        }
        guard let caseID else { throw JSONReader.Failure(message: "\(path("case")) is missing") }
        guard let status else { throw JSONReader.Failure(message: "\(path("status")) is missing") }
        let result = Result(status: status, notes: notes, defects: defects, duration: duration, startedAt: startedAt, finishedAt: finishedAt)
        return SlotResultBody(case: caseID, device: device, result: result)
    }

    private static func readDate(_ reader: inout JSONReader, at path: String) throws(JSONReader.Failure) -> Date {
        let text = try reader.string(at: path)
        guard let date = ISO8601.date(text) else {
            throw JSONReader.Failure(message: "\(path): \(ISO8601.notADate(text))")
        }
        return date
    }
}
