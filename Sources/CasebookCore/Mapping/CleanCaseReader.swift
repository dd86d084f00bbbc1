import CasebookYAML

/// Maps a case file straight from libyaml's events, without a node tree, when the file is clean:
/// the way nearly every file of a repository is read (building and mapping a tree per file made
/// a cold load of 100,000 cases about a sixth slower).
///
/// It reads only what ``CaseMapper`` accepts without a finding and declines (`nil`) at the first
/// thing that would be one, or that it does not follow (anchors and aliases); such files are
/// read again by the node tree and ``CaseMapper``, which say what is wrong. What it returns is
/// what ``CaseMapper`` would: the same checks, through the same functions (a test holds the two
/// together over thousands of mutated files).
struct CleanCaseReader {
    private struct Declined: Error {}

    private let events: YAMLEvents
    /// Nodes read so far, held to the tree's bound (``YAMLParser/maximumExpandedNodes``).
    private var nodes = 0

    /// The keys of a case, a step and `automation` (``Vocabulary``'s, in an order of their own).
    enum CaseKey: String, CaseIterable {
        case id, title, priority, type, automation, tags, owner, estimate, preconditions, steps, requirements, links, fields
    }
    enum StepKey: String, CaseIterable { case action, expected, use }
    enum AutomationKey: String, CaseIterable { case status, ref }

    /// Each key's packed word beside it. (Typed with the labels `key(among:seen:)` takes: an array
    /// of unlabelled pairs would be converted, element by element, at every call.)
    private static let caseKeys: [(word: PackedWord, key: CaseKey)] = CaseKey.allCases.map { (PackedWord($0.rawValue), $0) }
    private static let stepKeys: [(word: PackedWord, key: StepKey)] = StepKey.allCases.map { (PackedWord($0.rawValue), $0) }
    private static let automationKeys: [(word: PackedWord, key: AutomationKey)] = AutomationKey.allCases.map { (PackedWord($0.rawValue), $0) }

    /// The case in `bytes`, or `nil` when mapping it would report anything.
    static func map(_ bytes: [UInt8], path: String, group: String, contentID: String, settings: ProjectSettings) -> TestCase? {
        try? YAMLEvents.reading(bytes) { events throws(YAMLError) in
            var reader = CleanCaseReader(events: events)
            return try? reader.testCase(path: path, group: group, contentID: contentID, settings: settings)
        }
    }

    /// (The settings are handed to the functions that read them, not kept: copying them for each
    /// file cost a reference count per field.)
    private init(events: YAMLEvents) {
        self.events = events
    }

    private mutating func testCase(path: String, group: String, contentID: String, settings: ProjectSettings) throws(Declined) -> TestCase {
        try expect(.streamStart)
        try expect(.documentStart)
        try expect(.mappingStart)
        var id: Located<String>?, title: String?, priority: String?, type: String?, automation = Automation(status: .manual)
        var tags: [String] = [], owner: String?, estimate: Int?, preconditions: String?, steps: [Step] = []
        var requirements: [String] = [], links: [String] = [], fields: [String: FieldValue] = [:]
        var seen: UInt32 = 0
        while let key = try key(among: Self.caseKeys, seen: &seen) {
            switch key {
            case .id:
                id = try text()
                guard let id, Vocabulary.isCaseID(id.value) else { throw Declined() }
            case .title:
                title = try text().value
                guard title?.isEmpty == false else { throw Declined() }
            case .priority: priority = try choice(among: settings.priorities)
            case .type: type = try choice(among: settings.types)
            case .automation: automation = try automationValue()
            case .tags: tags = try texts()
            case .owner: owner = try text().value
            case .estimate:
                estimate = ScalarTypes.duration(try text().value)
                guard estimate != nil else { throw Declined() }
            case .preconditions: preconditions = try text().value
            case .steps: steps = try stepList()
            case .requirements: requirements = try texts()
            case .links:
                links = try texts()
                guard links.allSatisfy(ScalarTypes.isURL) else { throw Declined() }
            case .fields: fields = try fieldValues(settings: settings)
            }
        }
        try expect(.documentEnd)
        try expect(.streamEnd)
        guard let id, let title, !steps.isEmpty else { throw Declined() }
        for declaration in settings.fields where declaration.required && fields[declaration.name] == nil { throw Declined() }
        return TestCase(
            id: id.value, title: title, priority: priority ?? "medium", type: type ?? "functional", automation: automation, tags: tags,
            owner: owner, estimate: estimate, preconditions: preconditions, steps: steps, requirements: requirements, links: links,
            fields: fields, path: path, group: group, contentID: contentID, idMark: id.mark)
    }

    /// The steps: a list of one or more clean steps.
    private mutating func stepList() throws(Declined) -> [Step] {
        try expect(.sequenceStart)
        var steps: [Step] = []
        while case let event = try next(), !event.isEnd {
            guard case .mappingStart = event.kind else { throw Declined() }
            let mark = event.mark
            var action: String?, expected: String?, block: Located<String>?
            var seen: UInt32 = 0
            while let key = try key(among: Self.stepKeys, seen: &seen) {
                switch key {
                case .action: action = try text().value
                case .expected: expected = try text().value
                case .use: block = try text()
                }
            }
            if let block {
                guard action == nil, expected == nil else { throw Declined() }
                steps.append(Step(.use(block: block.value), at: block.mark))
            } else {
                guard !(action ?? "").isEmpty || !(expected ?? "").isEmpty else { throw Declined() }
                steps.append(Step(.action(action: action ?? "", expected: expected ?? ""), at: mark))
            }
        }
        return steps
    }

    /// `automation`: a status, and the test's ref when the case is automated.
    private mutating func automationValue() throws(Declined) -> Automation {
        try expect(.mappingStart)
        var status: AutomationStatus?, ref: String?
        var seen: UInt32 = 0
        while let key = try key(among: Self.automationKeys, seen: &seen) {
            switch key {
            case .status:
                status = AutomationStatus(rawValue: try text().value)
                guard status != nil else { throw Declined() }
            case .ref:
                ref = try text().value
            }
        }
        guard let status, status != .automated || ref != nil else { throw Declined() }
        return Automation(status: status, ref: ref)
    }

    /// `fields`: declared custom fields with values of their types, through the mapper's own check.
    private mutating func fieldValues(settings: ProjectSettings) throws(Declined) -> [String: FieldValue] {
        try expect(.mappingStart)
        // Room for every declared field at once (a dictionary grown one field at a time is made twice).
        var values = [String: FieldValue](minimumCapacity: settings.fields.count)
        let findings = FileFindings(file: "")
        while case let event = try next(), !event.isEnd {
            guard case .scalar = event.kind, !event.isNull else { throw Declined() }
            let name = event.scalar.value
            guard let declaration = settings.field(named: name),
                let value = CustomFieldsMapper.value(try valueNode(), for: declaration, findings: findings),
                values.updateValue(value, forKey: name) == nil
            else { throw Declined() }
        }
        return values
    }

    /// A field's value as a node: a scalar, or a list of scalars (no custom field takes more).
    private mutating func valueNode() throws(Declined) -> Node {
        let event = try next()
        switch event.kind {
        case .scalar:
            return Node(.scalar(event.scalar), at: event.mark)
        case .sequenceStart:
            var items: [Node] = []
            while case let item = try next(), !item.isEnd {
                guard case .scalar = item.kind else { throw Declined() }
                items.append(Node(.scalar(item.scalar), at: item.mark))
            }
            return Node(.sequence(items), at: event.mark)
        default:
            throw Declined()
        }
    }

    /// The next key of the mapping being read, one of `keys`; `nil` at the mapping's end. A key
    /// that is not in `keys`, is there twice (`seen` holds the indexes read) or is not a word declines.
    private mutating func key<Key>(among keys: [(word: PackedWord, key: Key)], seen: inout UInt32) throws(Declined) -> Key? {
        let event = try next()
        if case .mappingEnd = event.kind { return nil }
        guard case .scalar = event.kind, let word = PackedWord(event.bytes) else { throw Declined() }
        for index in keys.indices where keys[index].word == word {
            guard seen & 1 << index == 0 else { throw Declined() }
            seen |= 1 << index
            return keys[index].key
        }
        throw Declined()
    }

    /// A value that is one of the project's `allowed` words.
    private mutating func choice(among allowed: [String]) throws(Declined) -> String {
        let value = try text().value
        guard allowed.contains(value) else { throw Declined() }
        return value
    }

    /// A scalar that is not null, with its mark.
    private mutating func text() throws(Declined) -> Located<String> {
        let event = try next()
        guard case .scalar = event.kind, !event.isNull else { throw Declined() }
        return Located(event.scalar.value, at: event.mark)
    }

    /// A list of scalars that are not null.
    private mutating func texts() throws(Declined) -> [String] {
        try expect(.sequenceStart)
        var items: [String] = []
        while case let event = try next(), !event.isEnd {
            guard case .scalar = event.kind, !event.isNull else { throw Declined() }
            items.append(event.scalar.value)
        }
        return items
    }

    private mutating func expect(_ kind: YAMLEvent.Kind) throws(Declined) {
        guard try next().kind == kind else { throw Declined() }
    }

    /// A key's UTF-8 bytes (up to 15) and their count packed in two words: keys are compared
    /// without making a string or retaining an array.
    struct PackedWord: Equatable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count < 16 else { return nil }
            // The bytes copied in as they are, the count in the last byte (little- or big-endian
            // alike: words are only compared with each other).
            withUnsafeMutableBytes(of: &self) { packed in
                packed.copyMemory(from: UnsafeRawBufferPointer(bytes))
                packed[15] = UInt8(bytes.count)
            }
        }

        init(_ word: String) {
            var word = word
            self = word.withUTF8 { PackedWord($0) }!
        }
    }

    /// The next event; aliases, anchors, a bad event and too many nodes decline.
    private mutating func next() throws(Declined) -> YAMLEvent {
        let event: YAMLEvent
        do { event = try events.next() } catch { throw Declined() }
        switch event.kind {
        case .scalar, .sequenceStart, .mappingStart:
            nodes += 1
            guard nodes <= YAMLParser.maximumExpandedNodes, !event.hasAnchor else { throw Declined() }
        case .alias:
            throw Declined()
        default:
            break
        }
        return event
    }
}
