import CasebookStore
import Synchronization

/// Whether the database took the last write: a write that failed for a storage fault (a full
/// disk, a read-only database) makes `/health/ready` say the database is not writable until a
/// write succeeds again.
final class StorageHealth: Sendable {
    private let fault = Mutex<String?>(nil)

    /// Why the last write failed, when it failed for a storage fault and none has succeeded since.
    var problem: String? { fault.withLock { $0 } }

    func failed(_ storageFault: StorageFault) {
        fault.withLock { $0 = storageFault.description }
    }

    func wrote() {
        fault.withLock { if $0 != nil { $0 = nil } }
    }
}
