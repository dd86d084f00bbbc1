extension Array {
    /// The first index whose element satisfies `belongsAfter`, for an array partitioned by it
    /// (every element that does not satisfy it comes first): a binary search.
    package func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// This array, sorted by the unique `key` of each element, with the elements whose key is in
    /// `removed` taken out and the `inserted` ones put in order of their keys: the untouched runs
    /// are copied whole, so the cost is one copy of the array however few elements change.
    func replacing(keys removed: some Sequence<String>, with inserted: [(key: String, element: Element)], key: (Element) -> String) -> [Element] {
        func lowerBound(_ wanted: String) -> Int {
            partitioningIndex { key($0) >= wanted }
        }
        var cuts: [Int] = []
        for wanted in removed {
            let index = lowerBound(wanted)
            if index < count, key(self[index]) == wanted { cuts.append(index) }
        }
        cuts.sort()
        let additions = inserted.map { (position: lowerBound($0.key), key: $0.key, element: $0.element) }
            .sorted { ($0.position, $0.key) < ($1.position, $1.key) }
        var result: [Element] = []
        result.reserveCapacity(count - cuts.count + inserted.count)
        var position = 0, cut = 0, addition = 0
        while true {
            let nextCut = cut < cuts.count ? cuts[cut] : count
            let nextAddition = addition < additions.count ? additions[addition].position : count
            let stop = Swift.min(nextCut, nextAddition)
            result.append(contentsOf: self[position..<stop])
            position = stop
            if addition < additions.count, additions[addition].position == stop {
                result.append(additions[addition].element)
                addition += 1
            } else if cut < cuts.count, cuts[cut] == stop {
                position = stop + 1
                cut += 1
            } else {
                return result
            }
        }
    }
}
