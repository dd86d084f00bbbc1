/// Where bytes stop being text: the first that is not UTF-8, or a NUL, as a line and a column
/// of characters (both from 1), for located errors about files from outside.
enum UTF8Scan {
    enum Stop {
        case notUTF8, nul
    }

    /// The first stop in `bytes`; a NUL counts only when `nul` is true. `nil` when there is none.
    static func firstStop(in bytes: some Sequence<UInt8>, nul: Bool) -> (stop: Stop, line: Int, column: Int)? {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if nul, scalar == "\0" { return (.nul, line, column) }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput: return nil
            case .error: return (.notUTF8, line, column)
            }
        }
    }
}
